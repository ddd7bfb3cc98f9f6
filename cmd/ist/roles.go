package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/render"
)

// One command per role, its subcommands built from the catalogue.
func init() {
	for _, role := range catalog.Roles() {
		rc := &cli.Command{
			Name:            role.Name,
			Usage:           fmt.Sprintf("%s (port %d)", role.Service, role.Port),
			HideHelpCommand: true,
		}
		for _, cmd := range catalog.ForRole(role.Name) {
			addLeaf(rc, role, cmd, run)
		}
		commands = append(commands, rc)
	}
}

// addLeaf inserts cmd under parent, creating the intermediate commands
// ("route" for "route show"); action runs it (ist's own run, or watch).
func addLeaf(parent *cli.Command, role catalog.Role, cmd *catalog.Command, action func(*cli.Context, catalog.Role, *catalog.Command) error) {
	for _, w := range cmd.Words[:len(cmd.Words)-1] {
		var next *cli.Command
		for _, s := range parent.Subcommands {
			if s.Name == w {
				next = s
			}
		}
		if next == nil {
			next = &cli.Command{Name: w, Usage: w + " commands", HideHelpCommand: true}
			parent.Subcommands = append(parent.Subcommands, next)
		}
		parent = next
	}
	parent.Subcommands = append(parent.Subcommands, &cli.Command{
		Name:            cmd.Words[len(cmd.Words)-1],
		Usage:           cmd.Usage,
		ArgsUsage:       argsUsage(cmd),
		Description:     description(role, cmd),
		Flags:           leafFlags(cmd),
		HideHelpCommand: true,
		Action:          func(c *cli.Context) error { return action(c, role, cmd) },
	})
}

func argsUsage(cmd *catalog.Command) string {
	var parts []string
	for _, p := range cmd.Params {
		if !p.Positional {
			continue
		}
		if p.Required {
			parts = append(parts, "<"+p.Name+">")
		} else {
			parts = append(parts, "["+p.Name+"]")
		}
	}
	return strings.Join(parts, " ")
}

func description(role catalog.Role, cmd *catalog.Command) string {
	var b strings.Builder
	for _, p := range cmd.Params {
		if p.Positional {
			fmt.Fprintf(&b, "%s: %s", p.Name, p.Usage)
			if len(p.Choices) > 0 {
				fmt.Fprintf(&b, " (%s)", strings.Join(p.Choices, ", "))
			}
			b.WriteString("\n")
		}
	}
	if len(cmd.Examples) > 0 {
		b.WriteString("\nExamples:\n")
		for _, e := range cmd.Examples {
			b.WriteString("   " + e + "\n")
		}
	}
	fmt.Fprintf(&b, "\nDefault port %d (%s); global options (--host, --port, --file, --ssl, …): see ist --help.\n\n%s", role.Port, role.Service, client.ExitCodesHelp)
	return b.String()
}

// leafFlags are a command's own parameters plus the output options.
func leafFlags(cmd *catalog.Command) []cli.Flag {
	var fs []cli.Flag
	for _, p := range cmd.Params {
		if p.Positional {
			continue
		}
		var aliases []string
		if p.Short != "" {
			aliases = []string{p.Short}
		}
		usage := p.Usage
		if len(p.Choices) > 0 {
			usage += " (" + strings.Join(p.Choices, ", ") + ")"
		}
		if p.Bool {
			fs = append(fs, &cli.BoolFlag{Name: p.Name, Aliases: aliases, Usage: usage})
		} else {
			fs = append(fs, &cli.StringFlag{Name: p.Name, Aliases: aliases, Value: p.Default, Usage: usage})
		}
	}
	if cmd.NoFormat {
		// ist.py gives these commands no -f/--format: it ignores a -f
		// text there and prints its layout, so ist takes -f text (or
		// json) too, except where -f is the route family.
		f := clikit.FormatFlag("", render.FormatText, render.FormatJSON)
		f.Usage = "output format: text (this command's layout) or json"
		if usesShort(cmd, "f") {
			f.Aliases = nil
		}
		return append(fs, f)
	}
	return append(fs,
		clikit.FormatFlag(render.FormatTable),
		&cli.StringSliceFlag{Name: "columns", Aliases: []string{"c"}, Usage: "columns to show (-c a b c, or -c a,b)"},
		&cli.IntFlag{Name: "max_width", Usage: "maximum column width; longer cells wrap; 0 = the default, as with ist.py", DefaultText: strconv.Itoa(defaultMaxWidth(cmd))},
		&cli.BoolFlag{Name: "no-wrap", Usage: "one line per row (for grep): cells are not wrapped, lists joined with \", \""},
	)
}

// defaultMaxWidth is the --max_width ist.py uses for cmd: 36, or the
// command's own (50 for ctr route summary).
func defaultMaxWidth(cmd *catalog.Command) int {
	if cmd.Query.MaxWidth > 0 {
		return cmd.Query.MaxWidth
	}
	return render.DefaultMaxWidth
}

// usesShort reports whether one of cmd's own flags is -<short>.
func usesShort(cmd *catalog.Command, short string) bool {
	for _, p := range cmd.Params {
		if !p.Positional && p.Short == short {
			return true
		}
	}
	return false
}
