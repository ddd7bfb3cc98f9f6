package netdebug

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tfkit/tfkit/internal/records"
)

// RenderReports writes the reports as table, text or json. The caller has
// gathered everything first, so nothing is printed for a failed lookup.
func RenderReports(w io.Writer, format string, rs []ExitReport) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if rs == nil {
			rs = []ExitReport{}
		}
		return enc.Encode(rs)
	case "text":
		return renderText(w, rs)
	case "table", "":
		return renderTable(w, rs)
	}
	return records.Check(format)
}

func exitCell(r ExitReport) string {
	if !r.Terminated {
		return "-"
	}
	s := fmt.Sprint(r.ExitCode)
	if r.Explanation != nil && r.Explanation.Signal != "" {
		s += " (" + r.Explanation.Signal + ")"
	}
	if r.LastState {
		s += " last"
	}
	return s
}

func finishedCell(r ExitReport) string {
	if r.FinishedAt == nil {
		return "-"
	}
	return r.FinishedAt.UTC().Format(time.RFC3339)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func renderTable(w io.Writer, rs []ExitReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tPOD\tCONTAINER\tSTATE\tEXIT\tOOM\tRESTARTS\tFINISHED\tREASON\tMEANING")
	for _, r := range rs {
		meaning := "-"
		if r.Explanation != nil {
			meaning = r.Explanation.Meaning
		}
		pod := "-"
		if r.Pod != "" {
			pod = r.Namespace + "/" + r.Pod
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%t\t%d\t%s\t%s\t%s\n", r.Source, pod, orDash(r.Container), r.State,
			exitCell(r), r.OOMKilled, r.Restarts, finishedCell(r), orDash(r.Reason), meaning)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range rs {
		if r.Explanation != nil && r.Abnormal() {
			if _, err := fmt.Fprintf(w, "next (%s): %s\n", orDash(r.Container), r.Explanation.Next); err != nil {
				return err
			}
		}
	}
	return nil
}

func renderText(w io.Writer, rs []ExitReport) error {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "container %s (%s", orDash(r.Container), r.Source)
		if r.Pod != "" {
			fmt.Fprintf(&b, ", pod %s/%s", r.Namespace, r.Pod)
		}
		if r.ID != "" {
			fmt.Fprintf(&b, ", id %s", r.ID)
		}
		b.WriteString(")\n")
		fmt.Fprintf(&b, "  state:      %s\n", r.State)
		fmt.Fprintf(&b, "  restarts:   %d\n", r.Restarts)
		if r.Terminated {
			which := "exit code: "
			if r.LastState {
				which = "last exit: "
			}
			fmt.Fprintf(&b, "  %s %s\n", which, exitCell(r))
			fmt.Fprintf(&b, "  oom killed: %t\n", r.OOMKilled)
			fmt.Fprintf(&b, "  finished:   %s\n", finishedCell(r))
		}
		if r.Reason != "" {
			fmt.Fprintf(&b, "  reason:     %s\n", r.Reason)
		}
		if r.Message != "" {
			fmt.Fprintf(&b, "  message:    %s\n", r.Message)
		}
		if r.Explanation != nil {
			fmt.Fprintf(&b, "  meaning:    %s\n", r.Explanation.Meaning)
			fmt.Fprintf(&b, "  next:       %s\n", r.Explanation.Next)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
