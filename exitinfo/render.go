package exitinfo

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tfkit/tfkit/internal/records"
)

// Render writes the reports as table, text or json. The caller has
// gathered everything first, so nothing is printed for a failed lookup.
func Render(w io.Writer, format string, rs []Report) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if rs == nil {
			rs = []Report{}
		}
		return enc.Encode(rs)
	case "text":
		return renderText(w, rs)
	case "table", "":
		return renderTable(w, rs)
	}
	return records.Check(format)
}

// exitCell is the exit column: code, signal, and "last" for the exit
// before a restart.
func exitCell(r Report) string {
	if r.LastState && r.Terminated {
		return exitCode(r) + " last"
	}
	return exitCode(r)
}

func exitCode(r Report) string {
	if !r.Terminated {
		return "-"
	}
	s := "none"
	if r.ExitCode != nil {
		s = fmt.Sprint(*r.ExitCode)
	}
	if r.Explanation != nil && r.Explanation.Signal != "" {
		s += " (" + r.Explanation.Signal + ")"
	}
	return s
}

func stateCell(r Report) string {
	if r.Waiting != nil {
		return r.State + " (" + r.Waiting.Reason + ")"
	}
	return r.State
}

func oomCell(r Report) string {
	switch {
	case r.OOMKilled:
		return "yes"
	case strings.HasPrefix(r.OOM, "probable"):
		return "probably"
	}
	return "no"
}

func finishedCell(r Report) string {
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

func renderTable(w io.Writer, rs []Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tPOD\tCONTAINER\tSTATE\tEXIT\tOOM\tRESTARTS\tFINISHED\tVERDICT\tMEANING")
	for _, r := range rs {
		meaning := "-"
		if r.Explanation != nil {
			meaning = r.Explanation.Meaning
		}
		pod := "-"
		if r.Pod != "" {
			pod = r.Namespace + "/" + r.Pod
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.Source, pod, orDash(r.Container), stateCell(r),
			exitCell(r), oomCell(r), r.Restarts, finishedCell(r), r.Verdict, meaning)
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

func renderText(w io.Writer, rs []Report) error {
	var b strings.Builder
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %-12s %s\n", k+":", v)
		}
	}
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
		line("state", stateCell(r))
		if r.Waiting != nil && r.Waiting.Message != "" {
			line("waiting", r.Waiting.Message)
		}
		line("restarts", fmt.Sprint(r.Restarts))
		if r.Terminated {
			switch {
			case r.StartFailed:
				line("start error", exitCode(r))
			case r.LastState:
				line("last exit", exitCode(r))
			default:
				line("exit code", exitCode(r))
			}
			if !r.StartFailed {
				oom := oomCell(r)
				if r.OOM != "" {
					oom += " (" + strings.TrimPrefix(r.OOM, "probable: ") + ")"
				}
				line("oom killed", oom)
				line("finished", finishedCell(r))
			}
		}
		line("reason", r.Reason)
		line("message", r.Message)
		line("record", r.Record)
		if r.MemoryMiB > 0 {
			line("mem limit", fmt.Sprintf("%d MiB", r.MemoryMiB))
		}
		line("verdict", r.Verdict)
		if r.Explanation != nil {
			line("meaning", r.Explanation.Meaning)
			line("next", r.Explanation.Next)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
