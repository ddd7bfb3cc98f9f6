package catalog

import (
	"testing"

	"github.com/tfkit/tfkit/introspect/readonly"
)

// TestCatalogueSendsOnlyReadOnlyRequests: every request a catalogue
// command can send (each choice of each parameter, chained queries
// included) is on the read-only allowlist that cmd/ist gives the client.
func TestCatalogueSendsOnlyReadOnlyRequests(t *testing.T) {
	n := 0
	for _, r := range Roles() {
		for _, c := range ForRole(r.Name) {
			for _, v := range c.Variants() {
				for _, p := range v.Paths() {
					n++
					if err := readonly.Check(p); err != nil {
						t.Errorf("%s %s (%v): %v", r.Name, c.Name(), v.Input, err)
					}
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d queries planned; the walk over the catalogue is broken", n)
	}
}
