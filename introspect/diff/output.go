package diff

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tfkit/tfkit/internal/records"
)

// Write prints the report: a summary first (the two sides, then one line
// per node that changed), then every change; table, text or JSON (the
// Report, schema tfkit.diff/v1).
func Write(w io.Writer, rep *Report, format string) error {
	if format == records.JSON {
		return records.Write(w, format, rep)
	}
	head := fmt.Sprintf("A: %s (%s)\nB: %s (%s)\n%d nodes compared, %d with changes, %d changes",
		rep.A.Name, rep.A.Time.Format(time.RFC3339), rep.B.Name, rep.B.Time.Format(time.RFC3339), rep.Nodes, len(rep.Summary), len(rep.Changes))
	if len(rep.Changes) == 0 {
		head += ": no difference"
	}
	if _, err := io.WriteString(w, head+"\n\n"); err != nil {
		return err
	}
	var sets []records.Set
	if len(rep.Summary) > 0 {
		sum := records.Set{Columns: []string{"node", "role", "changes"}}
		for _, s := range rep.Summary {
			var parts []string
			for _, k := range kindOrder {
				if n := s.Counts[k]; n > 0 {
					parts = append(parts, fmt.Sprintf("%s %d", k, n))
				}
			}
			sum.Rows = append(sum.Rows, []string{s.Node, s.Role, strings.Join(parts, ", ")})
		}
		ch := records.Set{Columns: []string{"node", "kind", "table", "key", "change", "before", "after"}}
		for _, c := range rep.Changes {
			ch.Rows = append(ch.Rows, []string{c.Node, c.Kind, c.Table, c.Key, c.Change, c.Before, c.After})
		}
		sets = append(sets, sum, ch)
	}
	if len(rep.NotCompared) > 0 {
		nc := records.Set{Title: "Not compared:", Columns: []string{"what"}}
		for _, s := range rep.NotCompared {
			nc.Rows = append(nc.Rows, []string{s})
		}
		sets = append(sets, nc)
	}
	if len(sets) == 0 {
		return nil
	}
	return records.Write(w, format, nil, sets...)
}
