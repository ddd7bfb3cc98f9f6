package clikit

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// node is the app or one command: its flags (with those urfave/cli adds:
// --help everywhere, --version on an app with a version) and subcommands.
type node struct {
	flags []cli.Flag
	subs  []*cli.Command
}

func appNode(app *cli.App) node {
	fs := append(append([]cli.Flag{}, app.Flags...), cli.HelpFlag)
	if app.Version != "" && !app.HideVersion {
		fs = append(fs, cli.VersionFlag)
	}
	return node{fs, app.Commands}
}

func commandNode(c *cli.Command) node {
	return node{append(append([]cli.Flag{}, c.Flags...), cli.HelpFlag), c.Subcommands}
}

func (n node) sub(name string) (node, bool) {
	for _, s := range n.subs {
		if s.HasName(name) {
			return commandNode(s), true
		}
	}
	return node{}, false
}

// flag returns n's flag called name.
func (n node) flag(name string) cli.Flag {
	for _, f := range n.flags {
		for _, fn := range f.Names() {
			if fn == name {
				return f
			}
		}
	}
	return nil
}

// below finds a flag called name in n's subcommands, at any depth (a flag
// written before the subcommand word that owns it).
func (n node) below(name string) cli.Flag {
	for _, s := range n.subs {
		sn := commandNode(s)
		if f := sn.flag(name); f != nil {
			return f
		}
		if f := sn.below(name); f != nil {
			return f
		}
	}
	return nil
}

// takesValue reports whether a flag reads the next word as its value.
func takesValue(f cli.Flag) bool {
	if dg, ok := f.(cli.DocGenerationFlag); ok {
		return dg.TakesValue()
	}
	_, isBool := f.(*cli.BoolFlag)
	return !isBool
}

// flagName returns the name of a flag word ("--host=x" → "host", true).
func flagName(a string) (string, bool) {
	n := strings.TrimLeft(a, "-")
	if i := strings.IndexByte(n, '='); i >= 0 {
		return n[:i], true
	}
	return n, false
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

// parsedFlag is one flag of the command line with its value words.
type parsedFlag struct {
	name  string
	words []string
}

// Normalize rewrites a command line (without the program name) for
// urfave/cli v2, whose flag parsing stops at the first positional
// argument, so that flags may be written anywhere, as with tcpdump,
// ist.py (argparse) or cobra:
//
//	ist ctr nei foo -t BGP --host h   →  --host h ctr nei -t BGP foo
//	tf-capture web-0 -c 5 udp port 53 →  -c 5 web-0 udp port 53
//
// Command words are found from the app's command tree (a word that names
// a subcommand, before any positional argument of its parent). Each flag
// goes to the deepest command of that path that defines it (so the app's
// global flags may be given anywhere), with its value; a flag nobody
// defines goes to the last command, whose parser then reports it. The
// positional arguments follow the last command's flags, after "--" when
// one of them starts with '-'. Everything after a "--" of the input is
// positional.
func Normalize(app *cli.App, args []string, opt Options) []string {
	lists := map[string]bool{}
	for _, l := range opt.ListFlags {
		lists[l] = true
	}
	root := appNode(app)
	path := []node{root}
	var words, pos []string
	var flags []parsedFlag
	cur := root
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if isFlag(a) {
			name, inline := flagName(a)
			f := lookup(path, name)
			list := f != nil && isList(f, lists) // only once its command is on the line
			if f == nil {
				f = cur.below(name)
			}
			pf := parsedFlag{name: name, words: []string{a}}
			switch {
			case inline || f == nil:
			case list:
				var vals []string
				for i+1 < len(args) && !isFlag(args[i+1]) && args[i+1] != "--" {
					vals = append(vals, args[i+1])
					i++
				}
				if len(vals) == 0 {
					continue // a bare list flag: the default
				}
				pf.words = append(pf.words, strings.Join(vals, ","))
			case takesValue(f) && i+1 < len(args):
				pf.words = append(pf.words, args[i+1])
				i++
			}
			flags = append(flags, pf)
			continue
		}
		if len(pos) == 0 {
			if next, ok := cur.sub(a); ok {
				cur = next
				path = append(path, next)
				words = append(words, a)
				continue
			}
		}
		pos = append(pos, a)
	}
	byLevel := make([][]string, len(path))
	for _, f := range flags {
		lvl := len(path) - 1
		for k := len(path) - 1; k >= 0; k-- {
			if path[k].flag(f.name) != nil {
				lvl = k
				break
			}
		}
		byLevel[lvl] = append(byLevel[lvl], f.words...)
	}
	out := append([]string{}, byLevel[0]...)
	for k, w := range words {
		out = append(out, w)
		out = append(out, byLevel[k+1]...)
	}
	for _, p := range pos {
		if isFlag(p) {
			out = append(out, "--")
			break
		}
	}
	return append(out, pos...)
}

// lookup finds the flag in the deepest command of path that defines it.
func lookup(path []node, name string) cli.Flag {
	for k := len(path) - 1; k >= 0; k-- {
		if f := path[k].flag(name); f != nil {
			return f
		}
	}
	return nil
}

func isList(f cli.Flag, lists map[string]bool) bool {
	for _, n := range f.Names() {
		if lists[n] {
			return true
		}
	}
	return false
}
