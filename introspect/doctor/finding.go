package doctor

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/tfkit/tfkit/introspect/collect"
)

// Severity of a finding: an error makes `ist doctor` exit 1, a warning
// is printed but leaves the exit code 0.
type Severity int

const (
	Error Severity = iota + 1
	Warning
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "unknown"
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	switch name {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("unknown severity %q", name)
	}
	return nil
}

// Finding is one failed check on one node.
type Finding struct {
	Severity Severity   `json:"severity"`
	Node     string     `json:"node"`  // the node's name
	Role     string     `json:"role"`  // ist role: ctr, vr, …
	Host     string     `json:"host"`  // where its introspect answers (host:port or URL)
	Check    string     `json:"check"` // the check's id, e.g. bgp.not-established
	What     string     `json:"what"`  // what is wrong, one line
	Evidence []Evidence `json:"evidence"`
	Cause    string     `json:"cause"` // the likely cause
	Next     []string   `json:"next"`  // commands to run next
}

// Evidence is a value seen and the introspect URL that shows it.
type Evidence struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

// sortFindings orders findings by severity, then by check (in the order
// of the check table), then by role and node name.
func sortFindings(fs []Finding) {
	rank := map[string]int{}
	for i, c := range Checks {
		rank[c.ID] = i
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := cmp.Compare(a.Severity, b.Severity); c != 0 {
			return c
		}
		if c := cmp.Compare(rank[a.Check], rank[b.Check]); c != 0 {
			return c
		}
		if c := cmp.Compare(roleRank(a.Role), roleRank(b.Role)); c != 0 {
			return c
		}
		if c := collect.NaturalCompare(a.Node, b.Node); c != 0 {
			return c
		}
		return cmp.Compare(a.What, b.What)
	})
}

func roleRank(r string) int {
	switch r {
	case collect.RoleControl:
		return 0
	case collect.RoleVRouter:
		return 1
	}
	return 2
}
