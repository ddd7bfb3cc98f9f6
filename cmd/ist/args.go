package main

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/urfave/cli/v2"
)

// normalizeArgs rearranges an ist.py-style command line for urfave/cli:
// global options may appear anywhere (ist.py scans all of argv), and a
// command's options may follow its positional arguments (argparse), so
// the result is: global options, role and command words, the command's
// options, then the positional arguments. `-c a b c` (argparse nargs='*')
// becomes `-c a,b,c`.
func normalizeArgs(args []string) []string {
	var globals, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, hasValue := flagName(a)
		switch {
		case globalValueFlags[name] && strings.HasPrefix(a, "--"):
			globals = append(globals, a)
			if !hasValue && i+1 < len(args) {
				globals = append(globals, args[i+1])
				i++
			}
		case globalBoolFlags[name] && strings.HasPrefix(a, "--"):
			globals = append(globals, a)
		default:
			rest = append(rest, a)
		}
	}
	// Find the role and command words.
	var words []string
	var leaf *catalog.Command
	var flags, positional []string
	k := 0
	for ; k < len(rest) && leaf == nil; k++ {
		a := rest[k]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			continue
		}
		words = append(words, a)
		leaf = findLeaf(words)
		if leaf == nil && !isPrefix(words) {
			// Not a known command: leave the line as it is for cli's message.
			return append(globals, rest...)
		}
	}
	if leaf == nil {
		return append(globals, rest...)
	}
	vf := valueFlags(leaf)
	for ; k < len(rest); k++ {
		a := rest[k]
		if a == "--" {
			positional = append(positional, rest[k+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		name, hasValue := flagName(a)
		if (name == "c" || name == "columns") && !hasValue && !leaf.NoFormat {
			var cols []string
			for k+1 < len(rest) && !strings.HasPrefix(rest[k+1], "-") {
				cols = append(cols, rest[k+1])
				k++
			}
			if len(cols) > 0 { // a bare -c means the default columns (argparse: [])
				flags = append(flags, a, strings.Join(cols, ","))
			}
			continue
		}
		flags = append(flags, a)
		if vf[name] && !hasValue && k+1 < len(rest) {
			flags = append(flags, rest[k+1])
			k++
		}
	}
	out := append(globals, words...)
	out = append(out, flags...)
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out
}

// flagName returns the name of a flag token ("--host=x" → "host", true).
func flagName(a string) (string, bool) {
	if !strings.HasPrefix(a, "-") {
		return "", false
	}
	n := strings.TrimLeft(a, "-")
	if i := strings.IndexByte(n, '='); i >= 0 {
		return n[:i], true
	}
	return n, false
}

// findLeaf returns the catalogue command for role + words, or nil.
func findLeaf(words []string) *catalog.Command {
	if len(words) < 2 {
		return nil
	}
	for _, c := range catalog.ForRole(words[0]) {
		if strings.Join(c.Words, " ") == strings.Join(words[1:], " ") {
			return c
		}
	}
	return nil
}

// isPrefix reports whether role + words can still grow into a command.
func isPrefix(words []string) bool {
	if _, ok := catalog.RoleByName(words[0]); !ok {
		return false
	}
	if len(words) == 1 {
		return true
	}
	for _, c := range catalog.ForRole(words[0]) {
		if len(c.Words) > len(words)-1 && strings.Join(c.Words[:len(words)-1], " ") == strings.Join(words[1:], " ") {
			return true
		}
	}
	return false
}

// checkCommand rejects an unknown role or command word before urfave/cli
// answers it with a help page and a misleading exit status.
func checkCommand(args []string) error {
	var words []string
	for i := nextWord(args, 0); i >= 0; i = nextWord(args, i+1) {
		a := args[i]
		words = append(words, a)
		if findLeaf(words) != nil {
			return nil
		}
		if !isPrefix(words) {
			if len(words) == 1 {
				return client.Usagef("see ist --help for the roles", "unknown role %q", a)
			}
			return client.Usagef("see ist "+strings.Join(words[:len(words)-1], " ")+" --help", "unknown command %q", strings.Join(words, " "))
		}
	}
	return nil
}

// nextWord is the index of the first command word at or after i, skipping
// global flags and their values; -1 at "--" or the end of the line.
func nextWord(args []string, i int) int {
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return -1
		}
		if !strings.HasPrefix(a, "-") {
			return i
		}
		if name, hasValue := flagName(a); globalValueFlags[name] && !hasValue {
			i++
		}
	}
	return -1
}

// topLevel lets commands that are not a role (follow) through: their
// flags may follow the positional arguments (ist.py style), so they are
// moved first for urfave/cli. Other lines go to checkCommand.
func topLevel(args []string) ([]string, error) {
	if i := nextWord(args, 0); i >= 0 {
		if _, isRole := catalog.RoleByName(args[i]); !isRole {
			for _, cmd := range commands {
				if cmd.Name == args[i] {
					return append(args[:i+1:i+1], flagsFirst(cmd, args[i+1:])...), nil
				}
			}
		}
	}
	return args, checkCommand(args)
}

// flagsFirst puts cmd's flags (with their values) before its positional
// arguments; everything after "--" stays positional.
func flagsFirst(cmd *cli.Command, args []string) []string {
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		if _, isBool := f.(*cli.BoolFlag); isBool {
			continue
		}
		for _, n := range f.Names() {
			takesValue[n] = true
		}
	}
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		if name, hasValue := flagName(a); takesValue[name] && !hasValue && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	if len(pos) > 0 {
		flags = append(append(flags, "--"), pos...)
	}
	return flags
}
