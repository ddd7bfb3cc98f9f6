package catalog

import (
	"fmt"
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Param is one input of a command: a flag, or (Positional) an optional
// positional argument, in the order ist.py declares them.
type Param struct {
	Name       string // long flag name, or the positional's name
	Short      string // one-letter alias
	Usage      string
	Default    string
	Choices    []string // allowed values (checked before anything is fetched)
	Positional bool
	Required   bool // positional that must be given
	Bool       bool
	Check      func(string) error // extra validation of a value
}

// Input gives a command's parsed parameters by name.
type Input interface {
	String(name string) string
	Bool(name string) bool
}

// Arg is one query argument: a fixed value, or the value of a parameter.
type Arg struct {
	Name  string // argument name in the query
	Param string // parameter whose value is sent ("" = Value)
	Value string
}

// Query says what one run of a command fetches and prints.
type Query struct {
	Request string // request name without Snh_
	Args    []Arg  // in the request's declaration order (C++ daemons read them by position)
	// Records are the element names the client hands over while parsing.
	Records []string
	// Filter keeps only the elements for which it is true (ist.py's xpath
	// predicates such as [encoding='BGP']); nil keeps all.
	Filter func(in Input, n *sandesh.Node) bool
	// Field prints a child of each element instead of the element
	// (ist.py "//X/name"); "*" prints every child ("//X/*"). Ignored in
	// JSON, which always shows whole elements.
	Field string
	// Columns are the default table columns (nil: every child of the
	// first record); MaxWidth the default --max_width (0: 36).
	Columns  []string
	MaxWidth int
	// Format forces an output format (ist.py prints some pages as text only).
	Format string
	// Printer names a custom printer of package printers ("" = render).
	Printer string
	// Then is a second request whose output follows this one's (ist.py's
	// `vr stats all` prints AgentStatsReq, then ShowIFMapAgentStatsReq).
	Then *Query
}

// Command is one ist subcommand.
type Command struct {
	Role     string   // role name, or "*" for every role
	Words    []string // words after the role: {"route", "show"}
	Usage    string
	Examples []string
	Params   []Param
	// NoFormat: ist.py gives this command no -f/-c/--max_width (its
	// output is a custom text); --format is still offered.
	NoFormat bool
	Query    Query
	// Resolve, when set, builds the query from the input (commands whose
	// request depends on the arguments).
	Resolve func(in Input) (Query, error)
}

var commands []*Command

// Register adds commands to the catalogue (called from init functions,
// one file per role).
func Register(cs ...*Command) { commands = append(commands, cs...) }

// ForRole returns the commands of a role, common ones first, in
// registration order.
func ForRole(role string) []*Command {
	var out []*Command
	for _, c := range commands {
		if c.Role == "*" || c.Role == role {
			out = append(out, c)
		}
	}
	return out
}

// Plan resolves the query of c for in.
func (c *Command) Plan(in Input) (Query, error) {
	if c.Resolve != nil {
		return c.Resolve(in)
	}
	return c.Query, nil
}

// Path builds the request path of q for in.
func (q Query) Path(in Input) string {
	args := make([]client.Arg, len(q.Args))
	for i, a := range q.Args {
		v := a.Value
		if a.Param != "" {
			v = in.String(a.Param)
		}
		args[i] = client.Arg{Name: a.Name, Value: v}
	}
	return client.Path(q.Request, args...)
}

// Name is the command line of c after the role ("route show").
func (c *Command) Name() string { return strings.Join(c.Words, " ") }

// search is the optional positional search string most control-node
// commands take, sent as the request's first field.
var search = Param{Name: "search", Positional: true, Usage: "search string (substring filter applied by the daemon)"}

// searchArg sends the search positional as search_string.
var searchArg = []Arg{{Name: "search_string", Param: "search"}}

// choice validates a value against a list (argparse choices).
func choice(name, v string, allowed []string) error {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("invalid %s %q (choose from %s)", name, v, strings.Join(allowed, ", "))
}

// Validate checks the choices and custom checks of c's parameters.
func (c *Command) Validate(in Input) error {
	for _, p := range c.Params {
		if p.Bool {
			continue
		}
		v := in.String(p.Name)
		if len(p.Choices) > 0 {
			if err := choice(p.Name, v, p.Choices); err != nil {
				return err
			}
		}
		if p.Check != nil && v != "" {
			if err := p.Check(v); err != nil {
				return err
			}
		}
	}
	return nil
}
