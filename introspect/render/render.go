package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Record is one matched element (a table row, a text block, a JSON object)
// and the host whose answer it came from.
type Record struct {
	Host string
	Node *sandesh.Node
}

// Records pairs nodes fetched from one host with that host.
func Records(host string, nodes []*sandesh.Node) []Record {
	recs := make([]Record, len(nodes))
	for i, n := range nodes {
		recs[i] = Record{Host: host, Node: n}
	}
	return recs
}

// Output formats.
const (
	FormatTable = "table"
	FormatText  = "text"
	FormatJSON  = "json"
)

// DefaultMaxWidth is ist.py's --max_width default.
const DefaultMaxWidth = 36

// Options says how records are printed.
type Options struct {
	Format   string   // FormatTable (also ""), FormatText or FormatJSON
	Columns  []string // table and json; nil or empty: DefaultColumns of the first record
	MaxWidth int      // table column cap; 0: DefaultMaxWidth
	NoWrap   bool     // table: one line per record, columns as wide as their content
	ShowHost bool     // leading "host" column/field; text: "== host ==" before each host's records
}

// Render writes recs to w in the chosen format. Nothing is written unless
// the whole output was built.
func Render(w io.Writer, recs []Record, opt Options) error {
	b, err := Append(nil, recs, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Append appends the rendering of recs to b, for callers that put several
// blocks (text parts, then tables) into one output.
func Append(b []byte, recs []Record, opt Options) ([]byte, error) {
	for i, r := range recs {
		if r.Node == nil {
			return b, fmt.Errorf("render: record %d (host %q) has no element", i, r.Host)
		}
	}
	if opt.MaxWidth < 0 {
		return b, errors.New("render: max width must be positive")
	}
	switch opt.Format {
	case FormatTable, "":
		return appendTableRecords(b, recs, opt), nil
	case FormatText:
		return appendText(b, recs, opt.ShowHost), nil
	case FormatJSON:
		return appendJSONRecords(b, recs, opt), nil
	}
	return b, fmt.Errorf("render: unknown format %q: use table, text or json", opt.Format)
}

// columns is the column list in effect for recs (which are non-empty).
func columns(recs []Record, opt Options) []string {
	if len(opt.Columns) > 0 {
		return opt.Columns
	}
	return DefaultColumns(recs[0].Node)
}

// appendTableRecords is ist.py's dumpTbl: nothing at all when there is no
// record, else the PrettyTable of the cells.
func appendTableRecords(b []byte, recs []Record, opt Options) []byte {
	if len(recs) == 0 {
		return b
	}
	cols := columns(recs, opt)
	headers := make([]string, 0, len(cols)+1)
	if opt.ShowHost {
		headers = append(headers, "host")
	}
	for _, c := range cols {
		headers = append(headers, Safe(c)) // element names are the daemon's too
	}
	// Cells are made safe before the layout, so that an escaped control
	// character is measured like the text it prints.
	cells := make([]string, 0, len(recs)*len(headers))
	for _, r := range recs {
		if opt.ShowHost {
			cells = append(cells, Safe(r.Host))
		}
		for _, c := range cols {
			cells = append(cells, Safe(Cell(r.Node, c)))
		}
	}
	if opt.NoWrap {
		for i, c := range cells {
			cells[i] = OneLine(c)
		}
	}
	if len(headers) == 0 {
		// Records without fields: PrettyTable draws an empty frame with
		// one empty line per row.
		b = append(b, "++\n||\n++\n"...)
		for range recs {
			b = append(b, '\n')
		}
		return append(b, "++\n"...)
	}
	maxw := opt.MaxWidth
	if maxw == 0 {
		maxw = DefaultMaxWidth
	}
	return appendTable(b, headers, cells, maxw, opt.NoWrap)
}

// OneLine is a cell as --no-wrap prints it: a multi-line cell (a list, a
// struct) becomes its lines without their indentation, blank ones dropped,
// joined by ", ", so that every record is one line that grep can find
// whole ("  10.0.0.1\n  10.0.0.2" → "10.0.0.1, 10.0.0.2"). Single-line
// cells are kept verbatim.
func OneLine(cell string) string {
	if !strings.Contains(cell, "\n") {
		return cell
	}
	var b strings.Builder
	for _, l := range strings.Split(cell, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(l)
	}
	return b.String()
}

// appendText is ist.py's printText: each record's ElementToStr, trailing
// whitespace removed, on its own line(s).
func appendText(b []byte, recs []Record, showHost bool) []byte {
	for i, r := range recs {
		if showHost && (i == 0 || recs[i-1].Host != r.Host) {
			b = append(b, "== "...)
			b = append(b, Safe(r.Host)...)
			b = append(b, " ==\n"...)
		}
		start := len(b)
		b = appendElement(b, "", 0, r.Node)
		b = b[:start+len(bytes.TrimRightFunc(b[start:], pyIsSpace))]
		if safe := SafeBytes(b[start:]); len(safe) != len(b)-start { // escaping only lengthens
			b = append(b[:start], safe...)
		}
		b = append(b, '\n')
	}
	return b
}
