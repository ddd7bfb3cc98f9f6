// Package client fetches Sandesh introspect pages over HTTP(S), through the
// web-UI forward proxy, or from a saved file, follows every continuation
// (control-node next_batch links, agent Pagination) and hands the selected
// elements on while the body is parsed.
package client

import (
	"errors"
	"fmt"
)

// Class says what kind of failure an Error is; each class has its own exit
// code so scripts can tell "node down" from "wrong request" from "bad data".
type Class int

const (
	ClassUsage      Class = iota + 2 // bad flag, missing file: exit 2
	ClassConnection                  // refused, unreachable, DNS, timeout: exit 3
	ClassHTTP                        // HTTP error status or HTML page: exit 4
	ClassParse                       // malformed or truncated XML: exit 5
	ClassTLS                         // TLS handshake or certificate failure: exit 6
)

// ExitCode is the process exit status for the class.
func (c Class) ExitCode() int { return int(c) }

// Error is one failed fetch, printed on one line.
type Error struct {
	Class Class
	Where string // host:port (or file name) and request
	What  string // what failed
	Hint  string // what to try
	Err   error  // underlying error
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

func (e *Error) Unwrap() error { return e.Err }

// ExitCode is the exit status of the error's class (what
// internal/clikit reads to end the process).
func (e *Error) ExitCode() int { return e.Class.ExitCode() }

// ExitCode returns the exit status for err: the class of the first *Error
// in its chain, 1 for anything else, 0 for nil.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Class.ExitCode()
	}
	return 1
}

// Usagef builds a usage error (exit 2).
func Usagef(hint, format string, args ...any) *Error {
	return &Error{Class: ClassUsage, What: fmt.Sprintf(format, args...), Hint: hint}
}

// ExitCodesHelp documents the exit codes for --help texts.
const ExitCodesHelp = `EXIT CODES:
   0  success
   1  other failure
   2  usage error (bad flag or argument, unreadable --file or certificate)
   3  connection failure (refused, unreachable, name lookup, timeout)
   4  HTTP error status or HTML error page (404: the daemon does not know the request: wrong role or port?)
   5  malformed or truncated XML
   6  TLS failure (handshake, certificate)`
