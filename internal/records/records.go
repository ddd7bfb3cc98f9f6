// Package records writes lists of records in the three output formats
// every tfkit command offers with -f/--format: an aligned table, "key:
// value" text, and JSON. Commands build the rows (and the value JSON
// encodes) and leave the layout to Write, so "table" and "text" mean the
// same thing in every binary, and the format names and their check are
// written once.
package records

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// The output formats.
const (
	Table = "table"
	Text  = "text"
	JSON  = "json"
)

// All are the formats a command that prints records offers.
var All = []string{Table, Text, JSON}

// Check returns nil when format is one of allowed (All when none is
// given), else an error naming the allowed formats. Every command checks
// --format with it, so the message has one wording.
func Check(format string, allowed ...string) error {
	if len(allowed) == 0 {
		allowed = All
	}
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return fmt.Errorf("bad --format %q: use %s", format, OrList(allowed))
}

// OrList is "a, b or c".
func OrList(s []string) string {
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// Set is one list of records: the table's header and rows. Title, when
// set, is printed above the table ("" prints none).
type Set struct {
	Title   string
	Columns []string
	Rows    [][]string
}

// Write writes the sets in format: a table per set (columns aligned,
// two spaces apart, empty cells as "-", sets separated by a blank line),
// text (one "key: value" line per cell, records separated by a blank
// line, keys aligned), or JSON: v indented, or, when v is nil, the rows
// of every set as objects keyed by their column names. The output is
// built whole and written with one Write, so a failure leaves nothing
// half-written.
func Write(w io.Writer, format string, v any, sets ...Set) error {
	var b bytes.Buffer
	switch format {
	case Table:
		writeTables(&b, sets)
	case Text:
		writeText(&b, sets)
	case JSON:
		if err := writeJSON(&b, v, sets); err != nil {
			return err
		}
	default:
		return Check(format)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeTables(b *bytes.Buffer, sets []Set) {
	for i, s := range sets {
		if i > 0 {
			b.WriteByte('\n')
		}
		if s.Title != "" {
			b.WriteString(s.Title + "\n")
		}
		tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		head := make([]string, len(s.Columns))
		for j, c := range s.Columns {
			head[j] = strings.ToUpper(c)
		}
		writeRow(tw, head)
		for _, r := range s.Rows {
			writeRow(tw, r)
		}
		tw.Flush() // a bytes.Buffer does not fail
	}
}

// writeRow writes one tab-separated line; a cell's own tabs and newlines
// would break the columns, so they become spaces.
func writeRow(w io.Writer, cells []string) {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = oneLine(orDash(c))
	}
	// No trailing tab: the last column is not padded.
	fmt.Fprintln(w, strings.Join(out, "\t"))
}

func writeText(b *bytes.Buffer, sets []Set) {
	first := true
	for _, s := range sets {
		width := 0
		for _, c := range s.Columns {
			width = max(width, len(key(c)))
		}
		for _, r := range s.Rows {
			if !first {
				b.WriteByte('\n')
			}
			first = false
			for j, c := range s.Columns {
				v := ""
				if j < len(r) {
					v = r[j]
				}
				k := key(c) + ":"
				fmt.Fprintf(b, "%-*s %s\n", width+1, k, oneLine(orDash(v)))
			}
		}
	}
}

// key is a column name as a text key: lower case, spaces as '_'.
func key(c string) string { return strings.ReplaceAll(strings.ToLower(c), " ", "_") }

func writeJSON(b *bytes.Buffer, v any, sets []Set) error {
	if v == nil {
		v = objects(sets)
	}
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// objects are the rows of every set as JSON objects whose keys follow the
// column order.
func objects(sets []Set) []orderedObject {
	out := []orderedObject{}
	for _, s := range sets {
		for _, r := range s.Rows {
			o := orderedObject{}
			for j, c := range s.Columns {
				v := ""
				if j < len(r) {
					v = r[j]
				}
				o = append(o, [2]string{key(c), v})
			}
			out = append(out, o)
		}
	}
	return out
}

// orderedObject is a JSON object with string values, keys in order.
type orderedObject [][2]string

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv[0])
		v, _ := json.Marshal(kv[1])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
