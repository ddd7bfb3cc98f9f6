package doctor

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tfkit/tfkit/introspect/collect"
)

// Output formats.
const (
	FormatTable = "table"
	FormatText  = "text"
	FormatJSON  = "json"
	FormatJUnit = "junit"
)

// Formats lists the formats Append accepts.
var Formats = []string{FormatTable, FormatText, FormatJSON, FormatJUnit}

// JSONHelp documents the JSON layout (Schema) for --help.
const JSONHelp = `JSON (-f json), schema "` + Schema + `"; fields are only ever added:
   {"schema": "` + Schema + `",
    "summary": {"hosts": [..], "start": RFC 3339, "elapsed": ns, "requests": N,
                "roles": [{"role": "ctr"|"vr"|.., "nodes", "answered", "unreachable",
                           "functional", "non_functional", "sessions": "BGP"|"XMPP"|"",
                           "sessions_up", "sessions_total", "interfaces", "inactive"}],
                "errors": N, "warnings": N},
    "checks": ["node.unreachable", ..],
    "findings": [{"severity": "error"|"warning", "node", "role", "host", "check",
                  "what", "evidence": [{"value", "url"}], "cause", "next": [..]}]}`

// Append writes the report in format to b.
func Append(b []byte, r *Report, format string) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(b)
	switch format {
	case FormatTable, "":
		writeSummary(&buf, r)
		writeTable(&buf, r)
	case FormatText:
		writeSummary(&buf, r)
		writeText(&buf, r)
	case FormatJSON:
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return b, err
		}
	case FormatJUnit:
		if err := writeJUnit(&buf, r); err != nil {
			return b, err
		}
	default:
		return b, fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats, ", "))
	}
	return buf.Bytes(), nil
}

var roleTitles = map[string]string{collect.RoleControl: "Control nodes", collect.RoleVRouter: "vRouters"}

// writeSummary prints the one-screen view: one line per role.
func writeSummary(buf *bytes.Buffer, r *Report) {
	s := r.Summary
	tw := tabwriter.NewWriter(buf, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Cluster:\tfrom %s, %d requests in %s\n", strings.Join(s.Hosts, ","), s.Requests, s.Elapsed.Round(time.Millisecond))
	for _, rs := range s.Roles {
		title := roleTitles[rs.Role]
		if title == "" {
			title = rs.Role
		}
		line := fmt.Sprintf("%s:\t%d/%d answering\t%d functional", title, rs.Answered, rs.Nodes, rs.Functional)
		if rs.NonFunctional > 0 {
			line += fmt.Sprintf(", %d not", rs.NonFunctional)
		}
		if rs.Sessions != "" {
			line += fmt.Sprintf("\t%s %d/%d Established", rs.Sessions, rs.SessionsUp, rs.SessionsTotal)
		}
		if rs.Role == collect.RoleVRouter {
			line += fmt.Sprintf("\tinterfaces %d, %d inactive", rs.Interfaces, rs.Inactive)
		}
		fmt.Fprintln(tw, line)
	}
	switch {
	case s.Errors == 0 && s.Warnings == 0:
		fmt.Fprintln(tw, "Findings:\tnone")
	default:
		fmt.Fprintf(tw, "Findings:\t%s, %s\n", plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	}
	tw.Flush()
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// writeTable lists the findings one per line: severity, node, check,
// what, and the first next command.
func writeTable(buf *bytes.Buffer, r *Report) {
	if len(r.Findings) == 0 {
		return
	}
	buf.WriteByte('\n')
	tw := tabwriter.NewWriter(buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tNODE\tCHECK\tWHAT\tNEXT")
	for _, f := range r.Findings {
		next := ""
		if len(f.Next) > 0 {
			next = f.Next[0]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Severity, f.Node, f.Check, oneLine(f.What), next)
	}
	tw.Flush()
}

// writeText gives every finding whole: evidence, cause, next commands.
func writeText(buf *bytes.Buffer, r *Report) {
	for _, f := range r.Findings {
		fmt.Fprintf(buf, "\n%s %s %s\n", strings.ToUpper(f.Severity.String()), f.Node, f.Check)
		fmt.Fprintf(buf, "  what:     %s\n", oneLine(f.What))
		for i, e := range f.Evidence {
			label := "  evidence: "
			if i > 0 {
				label = "            "
			}
			fmt.Fprintf(buf, "%s%s\n", label, oneLine(e.Value))
			if e.URL != "" {
				fmt.Fprintf(buf, "            %s\n", e.URL)
			}
		}
		fmt.Fprintf(buf, "  cause:    %s\n", oneLine(f.Cause))
		for i, n := range f.Next {
			label := "  next:     "
			if i > 0 {
				label = "            "
			}
			fmt.Fprintf(buf, "%s%s\n", label, n)
		}
	}
}

// oneLine keeps a value on one line (descriptions may hold newlines);
// spaces are kept as the daemon wrote them.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// JUnit: one test case per check and node with a finding (errors as
// failures, warnings as passing cases with the warning in system-out),
// one passing case per check without findings, so CI dashboards show
// what was checked.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(buf *bytes.Buffer, r *Report) error {
	s := junitSuite{Name: "ist doctor", Time: fmt.Sprintf("%.3f", r.Summary.Elapsed.Seconds())}
	byCheck := map[string][]Finding{}
	for _, f := range r.Findings {
		byCheck[f.Check] = append(byCheck[f.Check], f)
	}
	for _, id := range r.Checks {
		fs := byCheck[id]
		if len(fs) == 0 {
			s.Cases = append(s.Cases, junitCase{Classname: "doctor." + id, Name: "all nodes"})
			continue
		}
		for _, f := range fs {
			detail := detailText(f)
			c := junitCase{Classname: "doctor." + id, Name: f.Node}
			if f.Severity == Error {
				c.Failure = &junitFailure{Type: "error", Message: oneLine(f.What), Text: detail}
				s.Failures++
			} else {
				c.SystemOut = "warning: " + detail
			}
			s.Cases = append(s.Cases, c)
		}
	}
	s.Tests = len(s.Cases)
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{s}}); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

// detailText is a finding as text lines (JUnit bodies).
func detailText(f Finding) string {
	var b strings.Builder
	b.WriteString(oneLine(f.What) + "\n")
	for _, e := range f.Evidence {
		b.WriteString("evidence: " + oneLine(e.Value))
		if e.URL != "" {
			b.WriteString(" (" + e.URL + ")")
		}
		b.WriteByte('\n')
	}
	b.WriteString("cause: " + oneLine(f.Cause) + "\n")
	for _, n := range f.Next {
		b.WriteString("next: " + n + "\n")
	}
	return b.String()
}
