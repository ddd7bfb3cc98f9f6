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
	Hint  string // what to try, in ist's words (its flags)
	Err   error  // underlying error
	// Cause says which situation Hint answers, so that a command with
	// other flags than ist's (tf-status) can word its own hint.
	Cause Cause
}

// Cause is the situation behind an Error, independent of any command's
// flags ("" when no hint is specific to it).
type Cause string

// Causes that carry a hint.
const (
	CauseCertificate Cause = "certificate" // the server's certificate did not verify
	CauseNotTLS      Cause = "not-tls"     // https asked, the server speaks plain HTTP
	CauseHandshake   Cause = "handshake"   // TLS handshake refused (a client certificate wanted?)
	CauseWantsTLS    Cause = "wants-tls"   // plain HTTP asked, the server answered another protocol
	CauseRefused     Cause = "refused"     // connection refused
	CauseUnreachable Cause = "unreachable" // no route to the host
	CauseDNS         Cause = "dns"         // the host name does not resolve
	CauseTimeout     Cause = "timeout"     // no answer in time
	CauseClosed      Cause = "closed"      // the server closed the connection without an answer
	CauseCAFile      Cause = "ca-file"     // the CA file does not load
	CauseClientCert  Cause = "client-cert" // the client certificate or key does not load
)

// Because sets the Error's Cause and returns it.
func (e *Error) Because(c Cause) *Error {
	e.Cause = c
	return e
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
   2  usage error (bad flag or argument, unreadable --file, --bundle or certificate; a request the --bundle did not collect)
   3  connection failure (refused, unreachable, name lookup, timeout)
   4  HTTP error status or HTML error page (404: the daemon does not know the request: wrong role or port?)
   5  malformed or truncated XML
   6  TLS failure (handshake, certificate)`
