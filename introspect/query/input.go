package query

import (
	"time"

	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/render"
)

// Params are a command's parsed inputs.
type Params struct {
	Strings map[string]string // flag values by parameter name (defaults included)
	Bools   map[string]bool
	Args    []string // positional arguments, in order
}

// Options are the output options of a command.
type Options struct {
	Format   string   // table, text or json; "" = table (or the command's own)
	Columns  []string // -c: columns to print (nil = the command's default)
	MaxWidth int      // --max_width; 0 = the command's default (ist.py: args.max_width or 36)
	NoWrap   bool     // one line per row
	Banner   Banner   // ist.py's first lines, for one host
	MaxBytes int64    // bound of a streaming printer's output (ist --max-bytes); 0: client.DefaultMaxBytes
	// Now is the time route ages are computed at (zero: the time of
	// printing); a replayed bundle gives the time it was collected.
	Now time.Time
}

// input gives the catalogue a command's parameters by name.
type input struct {
	strs   map[string]string
	bools  map[string]bool
	format string
}

func (in *input) String(name string) string {
	if name == "format" {
		return in.format
	}
	return in.strs[name]
}

func (in *input) Bool(name string) bool { return in.bools[name] }

// Query is one command ready to run: its input checked, its requests
// planned.
type Query struct {
	cmd  *catalog.Command
	in   *input
	plan catalog.Query
	opt  Options
}

// New checks the input of cmd (a command of role) before anything is
// fetched: the format, the positional arguments, the parameters' choices
// and checks; a bad one is a usage error (exit 2) that points to the
// command's help.
func New(role string, cmd *catalog.Command, p Params, opt Options) (*Query, error) {
	help := "see ist " + role + " " + cmd.Name() + " --help"
	if opt.Format != "" {
		if err := records.Check(opt.Format); err != nil {
			return nil, client.Usagef(help, "%v", err)
		}
	}
	if cmd.NoFormat && opt.Format == render.FormatTable {
		return nil, client.Usagef(help, "this command prints text or json, not a table")
	}
	if opt.MaxWidth < 0 {
		return nil, client.Usagef("give a positive number (0 = the default)", "bad --max_width %d", opt.MaxWidth)
	}
	in := &input{strs: map[string]string{}, bools: map[string]bool{}, format: opt.Format}
	for k, v := range p.Strings {
		in.strs[k] = v
	}
	for k, v := range p.Bools {
		in.bools[k] = v
	}
	i := 0
	for _, prm := range cmd.Params {
		if !prm.Positional {
			continue
		}
		switch {
		case i < len(p.Args):
			in.strs[prm.Name] = p.Args[i]
			i++
		case prm.Required:
			return nil, client.Usagef(help, "missing argument <%s>", prm.Name)
		default:
			in.strs[prm.Name] = prm.Default
		}
	}
	if i < len(p.Args) {
		return nil, client.Usagef(help, "unexpected argument %q", p.Args[i])
	}
	if err := cmd.Validate(in); err != nil {
		return nil, client.Usagef(help, "%v", err)
	}
	plan, err := cmd.Plan(in)
	if err != nil {
		return nil, client.Usagef(help, "%v", err)
	}
	return &Query{cmd: cmd, in: in, plan: plan, opt: opt}, nil
}

// Plan is the first request of the command and those chained after it
// (Then), with the input applied.
func (q *Query) Plan() catalog.Query { return q.plan }

// Input is the command's checked input, as the catalogue reads it.
func (q *Query) Input() catalog.Input { return q.in }
