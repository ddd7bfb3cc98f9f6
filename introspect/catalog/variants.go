package catalog

import "strings"

// Variant is one way to run a command with no value typed by the user:
// its defaults (a required positional's first choice), or that with one
// parameter set to one of its choices, or one switch on. Every request a
// command can send without free text is the request of one of its
// variants: the read-only test walks them, and a bundle collects them.
type Variant struct {
	Command *Command
	Param   string // the parameter varied ("" for the defaults)
	Input   Values
	Query   Query // planned (the chain in Query.Then)
}

// Values answers every parameter from a map; a switch is on when its
// value is not empty.
type Values map[string]string

// String is the value of a parameter ("" when not set).
func (v Values) String(name string) string { return v[name] }

// Bool is whether a switch is on.
func (v Values) Bool(name string) bool { return v[name] != "" }

// Defaults are c's default values (and a required positional's first
// choice).
func (c *Command) Defaults() Values {
	in := Values{}
	for _, p := range c.Params {
		switch {
		case p.Default != "" && !p.Bool:
			in[p.Name] = p.Default
		case p.Required && len(p.Choices) > 0:
			in[p.Name] = p.Choices[0]
		}
	}
	return in
}

// With is a copy of in with name set to v.
func (in Values) With(name, v string) Values {
	out := Values{name: v}
	for k, bv := range in {
		if k != name {
			out[k] = bv
		}
	}
	return out
}

// Variants lists c's variants whose plan succeeds (a combination the
// command refuses is left out), defaults first, then parameter by
// parameter in declaration order.
func (c *Command) Variants() []Variant { return c.VariantsFrom(c.Defaults()) }

// VariantsFrom is Variants around base instead of the defaults (base
// itself first): `vr route -v 5` and each of its families.
func (c *Command) VariantsFrom(base Values) []Variant {
	type try struct {
		param string
		in    Values
	}
	tries := []try{{"", base}}
	def := c.Defaults()
	for _, p := range c.Params {
		if base[p.Name] != def[p.Name] {
			continue // a value the caller fixed
		}
		for _, ch := range p.Choices {
			tries = append(tries, try{p.Name, base.With(p.Name, ch)})
		}
		if p.Bool {
			tries = append(tries, try{p.Name, base.With(p.Name, "1")})
		}
	}
	var out []Variant
	for _, t := range tries {
		q, err := c.Plan(t.in)
		if err != nil {
			continue
		}
		out = append(out, Variant{Command: c, Param: t.param, Input: t.in, Query: q})
	}
	return out
}

// Paths are the request paths of the variant's chain, in order.
func (v Variant) Paths() []string {
	var out []string
	for q := &v.Query; q != nil; q = q.Then {
		out = append(out, q.Path(v.Input))
	}
	return out
}

// Lookup finds the command of role with these words (nil when none).
func Lookup(role string, words ...string) *Command {
	for _, c := range ForRole(role) {
		if strings.Join(c.Words, " ") == strings.Join(words, " ") {
			return c
		}
	}
	return nil
}

// PathOf is the first request path of role's command words run with in
// over its defaults ("" when the command does not exist or refuses it).
func PathOf(in Values, role string, words ...string) string {
	c := Lookup(role, words...)
	if c == nil {
		return ""
	}
	base := c.Defaults()
	for k, v := range in {
		base = base.With(k, v)
	}
	q, err := c.Plan(base)
	if err != nil {
		return ""
	}
	return q.Path(base)
}
