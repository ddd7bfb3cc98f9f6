package trace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// tableWidth caps the checked column of the table.
const tableWidth = 70

// Append appends a report in format to b:
//
//   - table: ist's PrettyTable (step, stage, node, status, checked,
//     proof), then the VERDICT line and one "next:" line per command.
//   - text: one aligned line per stage, then the same two parts.
//   - json: the Report object.
func Append(b []byte, rep *Report, format string) ([]byte, error) {
	switch format {
	case render.FormatTable, "":
		recs := make([]render.Record, len(rep.Stages))
		for i, s := range rep.Stages {
			recs[i] = render.Record{Node: s.node()}
		}
		var err error
		if len(recs) > 0 {
			if b, err = render.Append(b, recs, render.Options{Format: render.FormatTable, MaxWidth: tableWidth}); err != nil {
				return b, err
			}
		}
		return appendVerdict(b, rep), nil
	case render.FormatText:
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 8, 2, ' ', 0)
		for _, s := range rep.Stages {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s (%s)\n", s.name(), s.Stage, s.Node, s.status(), s.Checked, s.Proof)
		}
		tw.Flush()
		return appendVerdict(append(b, buf.Bytes()...), rep), nil
	case render.FormatJSON:
		j, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return b, err
		}
		return append(append(b, j...), '\n'), nil
	}
	return b, fmt.Errorf("unknown format %q: use table, text or json", format)
}

func appendVerdict(b []byte, rep *Report) []byte {
	v := rep.Verdict
	b = append(b, "VERDICT "+v.Result...)
	if v.Stage != "" {
		b = append(b, " at "+v.Stage...)
	}
	if v.Node != "" {
		b = append(b, " on "+v.Node...)
	}
	b = append(b, ": "+v.Text+"\n"...)
	for _, n := range rep.Next {
		b = append(b, "next: "+n+"\n"...)
	}
	return b
}

// name is the row's number: "5", or "5 [1/2]" on an ECMP branch.
func (s Stage) name() string {
	if s.Branch == "" {
		return fmt.Sprint(s.Step)
	}
	return fmt.Sprintf("%d [%s]", s.Step, s.Branch)
}

// status is the status with its reason: "DROPPED (Flow drop SG)".
func (s Stage) status() string {
	if s.Reason == "" {
		return s.Status
	}
	return s.Status + " (" + s.Reason + ")"
}

// node is the stage as a record for render's table.
func (s Stage) node() *sandesh.Node {
	field := func(name, text string) *sandesh.Node {
		return &sandesh.Node{Name: name, Attrs: []sandesh.Attr{{Name: "type", Value: "string"}}, Text: text}
	}
	return &sandesh.Node{Name: "stage", Children: []*sandesh.Node{
		field("step", s.name()), field("stage", s.Stage), field("node", s.Node), field("status", s.status()),
		field("checked", s.Checked), field("proof", s.Proof),
	}}
}
