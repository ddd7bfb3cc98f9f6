package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// execArgv holds what followed "--" on the command line: the command for
// --exec, or filter words.
var execArgv []string

// splitDashDash cuts the command line at the first "--". urfave/cli would
// keep or drop the marker depending on where it sits, so tf-capture cuts
// it itself and keeps the command that follows intact.
func splitDashDash(args []string) (own, rest []string) {
	for i, a := range args {
		if a == "--" {
			return args[:i], append([]string{}, args[i+1:]...)
		}
	}
	return args, nil
}

// hoistArgs moves flags written after positional arguments in front of
// them ("tf-capture web -c 5 udp" → "tf-capture -c 5 web udp"): Go's flag
// parsing, under urfave/cli, stops at the first positional argument, while
// tcpdump users put flags anywhere.
func hoistArgs(args []string, app *cli.App) []string {
	if len(args) < 2 {
		return args
	}
	flags, start := app.Flags, 1
	for _, c := range app.Commands {
		if c.Name == args[1] {
			flags, start = c.Flags, 2
		}
	}
	takesValue := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var lead, pos []string
	in := args[start:]
	for i := 0; i < len(in); i++ {
		a := in[i]
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		lead = append(lead, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue[name] && i+1 < len(in) {
			i++
			lead = append(lead, in[i])
		}
	}
	out := append([]string{}, args[:start]...)
	out = append(out, lead...)
	return append(out, pos...)
}
