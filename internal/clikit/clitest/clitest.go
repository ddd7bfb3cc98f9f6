// Package clitest checks a tfkit binary against the command-line
// contract (internal/clikit) by running the built binary, so the exit
// status tested is the one main() returns: a usage error on every command
// of its tree exits 2 with one line on stderr and nothing on stdout.
package clitest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

// Build builds the main package pkg (an import path) into a temporary
// directory and returns the binary and a function that removes it. Call
// it from TestMain: one build serves every test of the package.
func Build(pkg string) (bin string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "tfkit-clitest-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	bin = filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	if out, berr := cmd.CombinedOutput(); berr != nil {
		cleanup()
		return "", nil, fmt.Errorf("go build %s: %v: %s", pkg, berr, out)
	}
	return bin, cleanup, nil
}

// Main is a TestMain for a binary's package: it builds the main package
// pkg once, sets *bin to it, runs the tests and exits.
func Main(m *testing.M, pkg string, bin *string) {
	b, cleanup, err := Build(pkg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*bin = b
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// Result is what one run of a binary printed and its exit status.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Exec runs bin with args, stdin from /dev/null, bounded to a minute.
func Exec(t testing.TB, bin string, args ...string) Result {
	t.Helper()
	return ExecInput(t, bin, nil, args...)
}

// ExecInput is Exec with stdin (nil: /dev/null).
func ExecInput(t testing.TB, bin string, stdin []byte, args ...string) Result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer timer.Stop()
	err := cmd.Wait()
	r := Result{Stdout: out.String(), Stderr: errb.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.Code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

// Case is one command line that must be a usage error, and what its one
// stderr line must contain.
type Case struct {
	Args []string
	Want []string
}

// UsageCases walks app's command tree and returns, for every command: a
// flag it does not have; for a command that only holds subcommands, an
// unknown subcommand; for a command with -f/--format, a format it does
// not print.
func UsageCases(app *cli.App) []Case {
	var cases []Case
	var walk func(path []string, flags []cli.Flag, subs []*cli.Command, action bool)
	walk = func(path []string, flags []cli.Flag, subs []*cli.Command, action bool) {
		help := "see " + strings.Join(append([]string{app.Name}, path...), " ") + " --help"
		cases = append(cases, Case{
			Args: append(append([]string{}, path...), "--tfkit-bogus"),
			Want: []string{"flag provided but not defined: -tfkit-bogus", help},
		})
		if len(subs) > 0 && !action {
			cases = append(cases, Case{
				Args: append(append([]string{}, path...), "tfkit-nosuch"),
				Want: []string{"unknown command", `tfkit-nosuch"`, help},
			})
		}
		for _, f := range flags {
			if f.Names()[0] == "format" {
				cases = append(cases, Case{
					Args: append(append([]string{}, path...), "--format", "tfkit-bogus"),
					Want: []string{`bad --format "tfkit-bogus"`, help},
				})
			}
		}
		for _, s := range subs {
			if s.Hidden {
				continue
			}
			walk(append(append([]string{}, path...), s.Name), s.Flags, s.Subcommands, s.Action != nil)
		}
	}
	walk(nil, app.Flags, app.Commands, app.Action != nil)
	return cases
}

// CheckUsageErrors runs every case of UsageCases(app) against bin, in
// parallel subtests: exit 2, nothing on stdout, one line on stderr that
// starts with "<binary>: " and names the problem and the help to read.
// It fails when the tree yields fewer than min cases (a tree that was not
// walked).
func CheckUsageErrors(t *testing.T, bin string, app *cli.App, min int) {
	cases := UsageCases(app)
	if len(cases) < min {
		t.Fatalf("only %d usage cases from the command tree of %s, want at least %d", len(cases), app.Name, min)
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.Args, "_"), func(t *testing.T) {
			t.Parallel()
			r := Exec(t, bin, tc.Args...)
			CheckUsage(t, app.Name, tc.Args, r, tc.Want...)
		})
	}
}

// CheckUsage fails unless r is a usage error of binary: exit 2, nothing
// on stdout, exactly one line on stderr starting with "<binary>: " and
// containing every want.
func CheckUsage(t testing.TB, binary string, args []string, r Result, want ...string) {
	t.Helper()
	line := strings.TrimSuffix(r.Stderr, "\n")
	ok := r.Code == 2 && r.Stdout == "" && strings.HasPrefix(line, binary+": ") && !strings.Contains(line, "\n")
	for _, w := range want {
		ok = ok && strings.Contains(line, w)
	}
	if !ok {
		t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want exit 2, no stdout, one line with %q",
			binary, strings.Join(args, " "), r.Code, r.Stdout, r.Stderr, want)
	}
}
