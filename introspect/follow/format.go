package follow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// tableWidth caps the detail column of the table (wider than ist's 36:
// a hop's detail is one sentence).
const tableWidth = 80

// Append appends hops in format (render.FormatTable, FormatText or
// FormatJSON) to b.
//
//   - table: ist's PrettyTable with columns hop, vrouter, kind, detail.
//   - text: one aligned line per hop: number, vrouter, kind, detail.
//   - json: an array of Hop objects, one per line.
func Append(b []byte, hops []Hop, format string) ([]byte, error) {
	switch format {
	case render.FormatTable, "":
		recs := make([]render.Record, len(hops))
		for i, h := range hops {
			recs[i] = render.Record{Node: h.node()}
		}
		return render.Append(b, recs, render.Options{Format: render.FormatTable, MaxWidth: tableWidth})
	case render.FormatText:
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 8, 2, ' ', 0)
		for _, h := range hops {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.Name(), h.VRouter, h.Kind, h.Detail())
		}
		tw.Flush()
		return append(b, buf.Bytes()...), nil
	case render.FormatJSON:
		b = append(b, '[')
		for i, h := range hops {
			if i > 0 {
				b = append(b, ',')
			}
			j, err := json.Marshal(h)
			if err != nil {
				return b, err
			}
			b = append(append(b, '\n'), j...)
		}
		if len(hops) > 0 {
			b = append(b, '\n')
		}
		return append(b, "]\n"...), nil
	}
	return b, records.Check(format)
}

// node is the hop as a record for render's table.
func (h Hop) node() *sandesh.Node {
	field := func(name, text string) *sandesh.Node {
		return &sandesh.Node{Name: name, Attrs: []sandesh.Attr{{Name: "type", Value: "string"}}, Text: text}
	}
	return &sandesh.Node{Name: "hop", Children: []*sandesh.Node{
		field("hop", h.Name()), field("vrouter", h.VRouter), field("kind", h.Kind), field("detail", h.Detail()),
	}}
}
