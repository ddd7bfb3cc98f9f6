package clitest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Completion is a command line being completed (the last word is the one
// under the cursor, "" for a new word) and candidates it must offer.
type Completion struct {
	Line []string
	Want []string
}

// CheckGenerated runs `bin _generate bash|zsh|fish|man` and checks what a
// packager ships: each completion script is valid for its shell, loads
// (bash: complete -p names its function; zsh: compdef registers it) and
// completes every line to candidates holding its wants; the man page
// renders with groff without a warning and names the binary.
func CheckGenerated(t *testing.T, bin, name string, lines []Completion) {
	t.Helper()
	scripts := map[string]string{}
	for _, kind := range []string{"bash", "zsh", "fish", "man"} {
		r := Exec(t, bin, "_generate", kind)
		if r.Code != 0 || r.Stderr != "" || r.Stdout == "" {
			t.Fatalf("%s _generate %s: exit %d, stderr %q, %d bytes", name, kind, r.Code, r.Stderr, len(r.Stdout))
		}
		scripts[kind] = r.Stdout
	}
	CheckScripts(t, name, scripts, lines)
}

// CheckScripts is CheckGenerated on scripts already generated (by kind).
func CheckScripts(t *testing.T, name string, scripts map[string]string, lines []Completion) {
	t.Helper()
	dir := t.TempDir()
	write := func(kind string) string {
		p := filepath.Join(dir, name+"."+kind)
		if err := os.WriteFile(p, []byte(scripts[kind]), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fn := "__tfkit_" + strings.NewReplacer("-", "_", ".", "_").Replace(name)

	bash := write("bash")
	run(t, "bash", "-n", bash)
	if out := run(t, "bash", "-c", "source "+bash+" && complete -p "+name); !strings.Contains(out, "-F "+fn+" "+name) {
		t.Errorf("bash: complete -p %s = %q, want -F %s", name, out, fn)
	}
	zsh := write("zsh")
	run(t, "zsh", "-n", zsh)
	if out := run(t, "zsh", "-c", "autoload -Uz compinit && compinit -u -D && source "+zsh+" && print $_comps["+name+"]"); strings.TrimSpace(out) != fn {
		t.Errorf("zsh: $_comps[%s] = %q, want %s", name, out, fn)
	}
	fish := write("fish")
	run(t, "fish", "-n", fish)

	for _, c := range lines {
		words := c.Line
		bashWords := make([]string, len(words))
		for i, w := range words {
			bashWords[i] = posixQuote(w)
		}
		got := map[string]string{
			"bash": run(t, "bash", "-c", fmt.Sprintf(`source %s; COMP_WORDS=(%s); COMP_CWORD=%d; %s; printf '%%s\n' "${COMPREPLY[@]}"`,
				bash, strings.Join(bashWords, " "), len(words)-1, fn)),
			// zsh's completion builtins only run inside a completion
			// widget: stand-ins print what the script hands them.
			"zsh": run(t, "zsh", "-c", fmt.Sprintf(`compdef() { :; }; _describe() { print -l -- "${(@)${(P)4}%%%%:*}"; }; compadd() { print -l -- "${(@P)2}"; }; _files() { :; }
source %s; words=(%s); CURRENT=%d; %s`, zsh, strings.Join(bashWords, " "), len(words), fn)),
			"fish": run(t, "fish", "-c", fmt.Sprintf("source %s; complete -C %s", fish, posixQuote(strings.Join(words, " ")))),
		}
		for shell, out := range got {
			cands := map[string]bool{}
			for _, l := range strings.Split(out, "\n") {
				w, _, _ := strings.Cut(l, "\t")
				cands[w] = true
			}
			for _, w := range c.Want {
				if !cands[w] {
					t.Errorf("%s: completing %q offers %q, want %q among them", shell, strings.Join(words, " "), out, w)
				}
			}
		}
	}

	man := write("man")
	cmd := exec.Command("groff", "-k", "-man", "-Tutf8", "-ww", "-z", man)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff %s: %v: %s", name, err, out)
	}
	// -P-cbou: plain text, no overstriking for bold and underline.
	out := run(t, "groff", "-k", "-man", "-Tutf8", "-P-cbou", man)
	words := strings.Join(strings.Fields(out), " ") // justified text has doubled spaces
	if !strings.Contains(out, "\nNAME\n") || !strings.Contains(out, "\nSYNOPSIS\n") || !strings.Contains(words, "NAME "+name+" - ") {
		t.Errorf("man page of %s renders without NAME, SYNOPSIS or its name line:\n%.500s", name, out)
	}
}

// run runs a shell or groff and returns its stdout; a missing program
// fails the test (scripts/setup-test-env.sh installs them), or skips it
// under -short, the contributors' fast loop.
func run(t *testing.T, prog string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(prog); err != nil {
		if testing.Short() {
			t.Skipf("%s is not installed (skipped under -short)", prog)
		}
		t.Fatalf("%s is not installed: run scripts/setup-test-env.sh", prog)
	}
	cmd := exec.Command(prog, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // no user rc files, fish writes its config there
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Errorf("%s %s: %v: %s", prog, strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

func posixQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
