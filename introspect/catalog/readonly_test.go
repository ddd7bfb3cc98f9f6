package catalog

import (
	"testing"

	"github.com/tfkit/tfkit/introspect/readonly"
)

// choiceInput answers every parameter with one value (a choice of it when
// it has choices), so that Resolve commands plan each of their branches.
type choiceInput map[string]string

func (in choiceInput) String(name string) string { return in[name] }
func (in choiceInput) Bool(name string) bool     { return in[name] != "" }

// TestCatalogueSendsOnlyReadOnlyRequests: every request a catalogue
// command can send (each choice of each parameter, chained queries
// included) is on the read-only allowlist that cmd/ist gives the client.
func TestCatalogueSendsOnlyReadOnlyRequests(t *testing.T) {
	n := 0
	for _, r := range Roles() {
		for _, c := range ForRole(r.Name) {
			base := choiceInput{} // defaults, and required positionals' first choice
			for _, p := range c.Params {
				switch {
				case p.Default != "" && !p.Bool:
					base[p.Name] = p.Default
				case p.Required && len(p.Choices) > 0:
					base[p.Name] = p.Choices[0]
				}
			}
			inputs := []choiceInput{base}
			with := func(name, v string) {
				in := choiceInput{name: v}
				for k, bv := range base {
					if k != name {
						in[k] = bv
					}
				}
				inputs = append(inputs, in)
			}
			for _, p := range c.Params {
				for _, ch := range p.Choices {
					with(p.Name, ch)
				}
				if p.Bool {
					with(p.Name, "1")
				}
			}
			for _, in := range inputs {
				q, err := c.Plan(in)
				if err != nil {
					continue // a combination the command refuses
				}
				for q := &q; q != nil; q = q.Then {
					n++
					if err := readonly.Check(q.Path(in)); err != nil {
						t.Errorf("%s %s (%v): %v", r.Name, c.Name(), in, err)
					}
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d queries planned; the walk over the catalogue is broken", n)
	}
}
