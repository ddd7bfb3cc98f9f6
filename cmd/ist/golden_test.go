package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/clikit"
)

// runIst runs a command line in process, through clikit.Run as main
// does, and returns stdout and, when the exit status is not 0, an error
// holding it and stderr.
func runIst(t *testing.T, args ...string) (string, error) {
	t.Helper()
	out, errs, code := runMain(t, args...)
	if code != 0 {
		return out, &exitError{code, strings.TrimSuffix(errs, "\n")}
	}
	return out, nil
}

// runMain runs a command line in process and returns stdout, stderr and
// the exit status.
func runMain(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw bytes.Buffer
	app := newApp()
	app.Writer, app.ErrWriter = &out, &errw
	code = clikit.Run(app, append([]string{"ist"}, args...), options)
	return out.String(), errw.String(), code
}

// exitError is a run that did not exit 0: its status and stderr.
type exitError struct {
	code   int
	stderr string
}

func (e *exitError) Error() string { return e.stderr }
func (e *exitError) ExitCode() int { return e.code }

// exitCode is the exit status of a runIst error.
func exitCode(err error) int { return clikit.ExitCode(err) }

// ages are masked: ist.py prints them relative to its own clock.
var ageRE = regexp.MustCompile(`age: [^,]+, `)

// TestGoldenAgainstIstPy compares every case of testdata/ctr/golden/cases.txt
// with the output the real ist.py (vcheny v1.1) printed for the same
// fixture and arguments.
func TestGoldenAgainstIstPy(t *testing.T) {
	runGoldenCases(t, filepath.Join("..", "..", "testdata", "ctr"), 30)
}
