package clikit

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/records"
)

// GenerateCommand is the hidden first word that makes any tfkit binary
// print what packagers ship beside it, built from its own command tree:
//
//	<binary> _generate bash|zsh|fish|man
//
// prints a shell completion script or the man page (section 1). It is no
// command of the tree (--help does not list it, completion does not offer
// it), and no pod or container name can be taken for it: those never
// start with "_".
const GenerateCommand = "_generate"

// Generated are the kinds GenerateCommand prints.
var Generated = []string{"bash", "zsh", "fish", "man"}

// generate writes one kind for app.
func generate(app *cli.App, args []string) error {
	if len(args) != 1 {
		return Usagef("give one of "+strings.Join(Generated, ", "), "%s takes one argument", GenerateCommand)
	}
	var text string
	var err error
	switch args[0] {
	case "bash":
		text = completionScript(app, bashShell)
	case "zsh":
		text = completionScript(app, zshShell)
	case "fish":
		text = completionScript(app, fishShell)
	case "man":
		// urfave/cli's man page (go-md2man) is sound; its fish script is
		// not used: it keys nested commands by their last word only (ist
		// has "ctr route" and "vr route") and writes multi-letter aliases
		// as short options.
		page := *app
		page.Description = manMarkdown(app.Description)
		if page.UsageText == "" {
			page.UsageText = usageLines(app)
		}
		text, err = page.ToManWithSection(1)
	default:
		return Usagef("give one of "+strings.Join(Generated, ", "), "%s: unknown kind %q", GenerateCommand, args[0])
	}
	if err != nil {
		return Failf("", "%s man: %v", app.Name, err)
	}
	_, err = io.WriteString(app.Writer, text)
	return err
}

// usageLines is the man page's usage when the app gives none (urfave/cli
// would print a command form even for a binary without commands).
func usageLines(app *cli.App) string {
	var lines []string
	if app.Action != nil || len(app.Commands) == 0 {
		lines = append(lines, strings.TrimSpace(app.Name+" [options] "+app.ArgsUsage))
	}
	if len(app.Commands) > 0 {
		lines = append(lines, app.Name+" [options] <command> [options] [arguments...]")
	}
	return strings.Join(lines, "\n")
}

// manMarkdown turns a --help description into the Markdown the man page
// is made from: indented lines (examples, tables) become code blocks kept
// as written, and Markdown's marks in the prose (*, _, <, >, [, ]) are
// escaped so "***" or ENV_NAMES print as typed.
func manMarkdown(desc string) string {
	var b strings.Builder
	inCode := false
	for _, line := range strings.Split(desc, "\n") {
		code := strings.TrimSpace(line) != "" && (line[0] == ' ' || line[0] == '\t')
		switch {
		case code && !inCode:
			b.WriteString("\n")
		case !code && inCode && strings.TrimSpace(line) != "":
			b.WriteString("\n")
		}
		inCode = code || (inCode && strings.TrimSpace(line) == "")
		if code {
			b.WriteString("    " + line + "\n")
			continue
		}
		b.WriteString(markdownEscaper.Replace(line) + "\n")
	}
	return b.String()
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "<", `\<`, ">", `\>`, "[", `\[`, "]", `\]`, "`", "\\`")

// compNode is one command of the tree as completion sees it: the path of
// command words from the binary ("." for the binary itself, ".ctr.route"),
// its visible subcommands, and the flags allowed there (its own and its
// ancestors': clikit.Normalize lets an ancestor's flag follow the words).
type compNode struct {
	path   string
	cmds   []compItem
	flags  []compItem
	valued []string            // flag spellings that take a value
	values map[string][]string // values offered after a flag spelling
}

type compItem struct{ word, desc string }

// completionTree walks the app's visible commands. A command's flags are
// offered below it only when it has no action of its own (ist's global
// options): the flags of tf-capture's capture mean nothing to its why.
func completionTree(app *cli.App) []compNode {
	var out []compNode
	var walk func(path string, n node, inherited []cli.Flag, passOn bool)
	walk = func(path string, n node, inherited []cli.Flag, passOn bool) {
		flags := append(append([]cli.Flag{}, n.flags...), inherited...)
		cn := compNode{path: path, values: map[string][]string{}}
		for _, c := range n.subs {
			if c.Hidden {
				continue
			}
			for _, name := range c.Names() {
				cn.cmds = append(cn.cmds, compItem{name, firstLine(c.Usage)})
			}
		}
		seen := map[string]bool{}
		for _, f := range flags {
			if vf, ok := f.(cli.VisibleFlag); ok && !vf.IsVisible() {
				continue
			}
			for _, name := range f.Names() {
				w := "--" + name
				if len(name) == 1 {
					w = "-" + name
				}
				if seen[w] {
					continue // the nearest definition wins, as in Normalize
				}
				seen[w] = true
				cn.flags = append(cn.flags, compItem{w, flagUsage(f)})
				if takesValue(f) {
					cn.valued = append(cn.valued, w)
				}
				if f.Names()[0] == "format" {
					cn.values[w] = records.All
				}
			}
		}
		out = append(out, cn)
		if !passOn {
			flags = inherited
		}
		for _, c := range n.subs {
			if !c.Hidden {
				walk(path+"."+c.Name, commandNode(c), flags, c.Action == nil)
			}
		}
	}
	walk(".", appNode(app), nil, app.Action == nil)
	return out
}

func flagUsage(f cli.Flag) string {
	if df, ok := f.(cli.DocGenerationFlag); ok {
		return firstLine(df.GetUsage())
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// shell is how one shell quotes and wraps the generated data.
type shell struct {
	quote  func(string) string
	header string // before the data function; %[1]s binary, %[2]s function prefix
	data   string // the data function: %[1]s prefix, %[2]s cases
	casef  string // one case: %[1]s key (quoted), %[2]s printf arguments
	footer string // the completion function and its registration
}

// completionScript writes the data of the tree as one function answering
// "<kind> <path>" (kind: cmds, flags, valued, or values:<flag>), each
// line "word<TAB>description", and the shell's own completion function
// that walks the typed words with it.
func completionScript(app *cli.App, sh shell) string {
	prefix := "__tfkit_" + strings.NewReplacer("-", "_", ".", "_").Replace(app.Name)
	var cases strings.Builder
	add := func(key string, items []compItem) {
		if len(items) == 0 {
			return
		}
		var args []string
		for _, it := range items {
			args = append(args, sh.quote(it.word), sh.quote(it.desc))
		}
		fmt.Fprintf(&cases, sh.casef, sh.quote(key), strings.Join(args, " "))
	}
	for _, n := range completionTree(app) {
		add("cmds "+n.path, n.cmds)
		add("flags "+n.path, n.flags)
		var valued []compItem
		for _, v := range n.valued {
			valued = append(valued, compItem{v, ""})
		}
		add("valued "+n.path, valued)
		keys := make([]string, 0, len(n.values))
		for k := range n.values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var vs []compItem
			for _, v := range n.values[k] {
				vs = append(vs, compItem{v, ""})
			}
			add("values:"+k+" "+n.path, vs)
		}
	}
	return fmt.Sprintf(sh.header, app.Name, prefix) + fmt.Sprintf(sh.data, prefix, cases.String()) +
		fmt.Sprintf(sh.footer, app.Name, prefix)
}

// posixQuote single-quotes s for bash and zsh.
func posixQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// fishQuote single-quotes s for fish (\' and \\ are its only escapes).
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// walkPosix is the loop bash and zsh share: find the command path from
// the words before the cursor, skipping flag values.
const walkPosix = `    local cmdpath=. skip= w i
    for ((i = %[2]s; i < %[3]s; i++)); do
        w=${%[4]s[i]}
        if [[ -n $skip ]]; then skip=; continue; fi
        case $w in
        -*=*) ;;
        -*) %[1]s_has valued "$cmdpath" "$w" && skip=1 ;;
        *) %[1]s_has cmds "$cmdpath" "$w" && cmdpath=$cmdpath.$w ;;
        esac
    done
    local cur=${%[4]s[%[3]s]} prev=${%[4]s[%[3]s-1]}
`

var bashShell = shell{
	quote: posixQuote,
	header: `# bash completion for %[1]s, generated by "%[1]s _generate bash" from its command tree.
# Load it with: source <(%[1]s _generate bash), or install it as
# /usr/share/bash-completion/completions/%[1]s
`,
	data: `%[1]s_data() {
    case "$1 $2" in
%[2]s    esac
}
%[1]s_words() { %[1]s_data "$1" "$2" | while IFS=$'\t' read -r w _; do printf '%%s\n' "$w"; done; }
%[1]s_has() { %[1]s_words "$1" "$2" | grep -qxF -- "$3"; }
`,
	casef: "    %s) printf '%%s\\t%%s\\n' %s ;;\n",
	footer: `%[2]s() {
` + fmt.Sprintf(walkPosix, "%[2]s", "1", "COMP_CWORD", "COMP_WORDS") + `    COMPREPLY=()
    if %[2]s_has valued "$cmdpath" "$prev"; then
        COMPREPLY=($(compgen -W "$(%[2]s_words "values:$prev" "$cmdpath")" -- "$cur"))
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(%[2]s_words flags "$cmdpath")" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$(%[2]s_words cmds "$cmdpath")" -- "$cur"))
    fi
}
complete -o default -F %[2]s %[1]s
`,
}

var zshShell = shell{
	quote: posixQuote,
	header: `#compdef %[1]s
# zsh completion for %[1]s, generated by "%[1]s _generate zsh" from its command tree.
# Install it as _%[1]s in a directory of $fpath, or load it with: source <(%[1]s _generate zsh)
`,
	data:  bashShell.data,
	casef: bashShell.casef,
	footer: `%[2]s() {
` + fmt.Sprintf(walkPosix, "%[2]s", "2", "CURRENT", "words") + `    local -a items
    if %[2]s_has valued "$cmdpath" "$prev"; then
        items=(${(f)"$(%[2]s_words "values:$prev" "$cmdpath")"})
        if (( ${#items} )); then compadd -a items; else _files; fi
        return
    fi
    local kind=cmds
    [[ $cur == -* ]] && kind=flags
    items=(${(f)"$(%[2]s_data $kind "$cmdpath")"})
    items=(${items/$'\t'/:})
    if (( ${#items} )); then _describe -t $kind $kind items; else _files; fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    %[2]s "$@"
else
    compdef %[2]s %[1]s
fi
`,
}

var fishShell = shell{
	quote: fishQuote,
	header: `# fish completion for %[1]s, generated by "%[1]s _generate fish" from its command tree.
# Install it as ~/.config/fish/completions/%[1]s.fish, or load it with: %[1]s _generate fish | source
`,
	data: `function %[1]s_data
    switch "$argv[1] $argv[2]"
%[2]s    end
end
function %[1]s_words
    %[1]s_data $argv | string replace -r '\t.*' ''
end
`,
	casef: "        case %s\n            printf '%%s\\t%%s\\n' %s\n",
	footer: `function %[2]s_path
    set -l words (commandline -opc)
    set -l cmdpath .
    set -l skip 0
    for w in $words[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case '-*=*'
            case '-*'
                contains -- $w (%[2]s_words valued $cmdpath); and set skip 1
            case '*'
                contains -- $w (%[2]s_words cmds $cmdpath); and set cmdpath $cmdpath.$w
        end
    end
    echo $cmdpath
end
function %[2]s_values
    set -l prev (commandline -opc)[-1]
    set -l cmdpath (%[2]s_path)
    if contains -- $prev (%[2]s_words valued $cmdpath)
        %[2]s_data values:$prev $cmdpath
    end
end
function %[2]s_complete
    set -l cmdpath (%[2]s_path)
    if string match -q -- '-*' (commandline -ct)
        %[2]s_data flags $cmdpath
    else
        %[2]s_data cmds $cmdpath
    end
end
# A flag's values replace file names; elsewhere commands and flags come
# with the files.
complete -c %[1]s -n 'count (%[2]s_values) >/dev/null' -f -a '(%[2]s_values)'
complete -c %[1]s -n 'not count (%[2]s_values) >/dev/null' -a '(%[2]s_complete)'
`,
}
