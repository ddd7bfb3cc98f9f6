package bundle

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/introspect/doctor"
)

// Summary is what ist bundle prints once the file is written.
type Summary struct {
	File     string        `json:"file"`
	Size     int64         `json:"size"`  // bytes of the file
	Bytes    int64         `json:"bytes"` // bytes of the pages read
	Requests int64         `json:"requests"`
	Elapsed  time.Duration `json:"elapsed"`
	VRTables string        `json:"vr_tables"`
	Roles    []RoleCount   `json:"roles"`
	Failures []Failure     `json:"failures"`
	Errors   int           `json:"finding_errors"`
	Warnings int           `json:"finding_warnings"`
}

// RoleCount counts the nodes and requests of one role.
type RoleCount struct {
	Role        string `json:"role"`
	Nodes       int    `json:"nodes"`
	Unreachable int    `json:"unreachable"`
	Requests    int    `json:"requests"`
	Failed      int    `json:"failed"`
	Absent      int    `json:"absent"` // co-located daemons not deployed
}

// Summarize counts a written bundle.
func Summarize(file string, size int64, m *Manifest, rep *doctor.Report) Summary {
	s := Summary{File: file, Size: size, Bytes: m.Bytes, Requests: m.Requests, Elapsed: m.Elapsed, VRTables: m.VRTables,
		Failures: m.Failures, Errors: rep.Summary.Errors, Warnings: rep.Summary.Warnings}
	at := map[string]int{}
	role := func(r string) *RoleCount {
		i, ok := at[r]
		if !ok {
			i = len(s.Roles)
			at[r] = i
			s.Roles = append(s.Roles, RoleCount{Role: r})
		}
		return &s.Roles[i]
	}
	for _, n := range m.Nodes {
		rc := role(n.Role)
		rc.Nodes++
		if n.Unreachable != "" {
			rc.Unreachable++
		}
		for _, r := range n.Requests {
			rc.Requests++
			if r.Error != "" {
				rc.Failed++
			}
		}
	}
	for _, n := range m.Absent {
		role(n.Role).Absent++
	}
	return s
}

// Sets are the summary as records: a headline, the roles, the failures.
func (s Summary) Sets() []records.Set {
	head := fmt.Sprintf("%s: %s (%s of pages), %d requests in %s; vRouter tables: %s; doctor: %d errors, %d warnings",
		s.File, Size(s.Size), Size(s.Bytes), s.Requests, s.Elapsed.Round(time.Millisecond), s.VRTables, s.Errors, s.Warnings)
	roles := records.Set{Title: head, Columns: []string{"role", "nodes", "unreachable", "requests", "failed", "absent"}}
	for _, r := range s.Roles {
		roles.Rows = append(roles.Rows, []string{r.Role, strconv.Itoa(r.Nodes), strconv.Itoa(r.Unreachable),
			strconv.Itoa(r.Requests), strconv.Itoa(r.Failed), strconv.Itoa(r.Absent)})
	}
	sets := []records.Set{roles}
	if len(s.Failures) > 0 {
		f := records.Set{Title: "Not collected (the manifest has each request's error):", Columns: []string{"node", "requests", "error"}}
		for _, g := range groupFailures(s.Failures) {
			f.Rows = append(f.Rows, []string{g.node, g.requests, g.what})
		}
		sets = append(sets, f)
	}
	return sets
}

type failureGroup struct{ node, requests, what string }

// groupFailures folds the failures of one node with the same cause into
// one row: "-" for a node not asked at all, else the requests (their
// count when more than three).
func groupFailures(fs []Failure) []failureGroup {
	var out []failureGroup
	var names []string
	flush := func() {
		if len(out) == 0 {
			return
		}
		g := &out[len(out)-1]
		switch {
		case len(names) == 0:
			g.requests = "-"
		case len(names) > 3:
			g.requests = fmt.Sprintf("%d requests", len(names))
		default:
			g.requests = strings.Join(names, " ")
		}
		names = nil
	}
	for _, f := range fs {
		if len(out) == 0 || out[len(out)-1].node != f.Node || out[len(out)-1].what != f.What {
			flush()
			out = append(out, failureGroup{node: f.Node, what: f.What})
		}
		if f.Request != "" {
			names = append(names, f.Request)
		}
	}
	flush()
	return out
}

// Size writes a byte count for people: 512 B, 3.4 kB, 12.0 MB.
func Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
