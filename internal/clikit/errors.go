package clikit

import (
	"fmt"
	"os/exec"
	"runtime/debug"
	"strings"
)

// Exit codes shared by every binary (docs/ARCHITECTURE.md). ist adds its
// failure classes 3-6 (introspect/client); tf-capture --exec passes the
// command's own status through.
const (
	ExitOK      = 0
	ExitFailure = 1  // the operation failed or the state is bad
	ExitUsage   = 2  // bad flag or argument, or no environment to work in
	ExitCrash   = 70 // a panic: a bug (sysexits' EX_SOFTWARE); no contract uses it (package guard exits with it too)
)

// Error is a failure printed on one line as
// "<binary>: <What> (<Where>): <Hint>" and ending the process with Code.
// An Error with no text ends it silently (a state already printed, a
// child's exit status).
type Error struct {
	Code  int
	What  string // what failed
	Where string // the object: a file, host:port and request, a container
	Hint  string // what to do
	Err   error  // the cause, for errors.Is/As
}

func (e *Error) Error() string {
	s := e.What
	if e.Where != "" {
		s += " (" + e.Where + ")"
	}
	if e.Hint != "" {
		s += ": " + e.Hint
	}
	return s
}

// ExitCode is the process exit status.
func (e *Error) ExitCode() int { return e.Code }

func (e *Error) Unwrap() error { return e.Err }

// Usagef is a usage error (exit 2): what is wrong, then hint (often "see
// <binary> <command> --help").
func Usagef(hint, format string, a ...any) *Error {
	return &Error{Code: ExitUsage, What: fmt.Sprintf(format, a...), Hint: hint}
}

// Failf is a failure (exit 1).
func Failf(hint, format string, a ...any) *Error {
	return &Error{Code: ExitFailure, What: fmt.Sprintf(format, a...), Hint: hint}
}

// Wrap gives err an exit code and a hint; its text stays What.
func Wrap(code int, err error, hint string) *Error {
	return &Error{Code: code, What: err.Error(), Hint: hint, Err: err}
}

// Exit ends the process with code and prints nothing.
func Exit(code int) *Error { return &Error{Code: code} }

// exitCoder is anything that knows its exit status: Error,
// introspect/client.Error (classes 3-6), urfave/cli's cli.Exit.
type exitCoder interface{ ExitCode() int }

// ExitCode is the exit status for err: 0 for nil; the code of an error
// that has one (ExitCode() int) anywhere in its chain; for joined errors
// (several hosts, several branches) the worst, i.e. the highest, of the
// joined ones; 1 for any other error. A child process's *exec.ExitError
// wrapped in an error does not pass its status on.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	if _, child := err.(*exec.ExitError); !child {
		if ec, ok := err.(exitCoder); ok {
			return ec.ExitCode()
		}
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		worst := ExitOK
		for _, e := range u.Unwrap() {
			if e != nil {
				worst = max(worst, ExitCode(e))
			}
		}
		if worst != ExitOK {
			return worst
		}
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			return ExitCode(inner)
		}
	}
	return ExitFailure
}

// Crash is a recovered panic as an error: it exits with ExitCrash and
// prints the panic value and the stack of the goroutine that panicked.
type Crash struct {
	Value any
	Stack []byte
}

// Recovered turns the value of recover() into a *Crash (nil for nil). Call
// it in a deferred function of every goroutine a command starts, so a
// panic there cannot end the process with the runtime's status 2, the
// usage code.
func Recovered(v any) error {
	if v == nil {
		return nil
	}
	return &Crash{Value: v, Stack: debug.Stack()}
}

func (c *Crash) Error() string {
	return fmt.Sprintf("internal error: panic: %v (a bug: please report it with the stack below)\n%s",
		c.Value, strings.TrimRight(string(c.Stack), "\n"))
}

// ExitCode is ExitCrash.
func (c *Crash) ExitCode() int { return ExitCrash }
