package client

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// A daemon's answer is untrusted input. Besides the parser's fixed limits
// (sandesh.MaxDepth, sandesh.MaxTagLen), three limits bound what one
// request costs; each can be raised (Config, ist flags) and each ends the
// request with a ClassParse error (exit 5) that names it:
//   - pages: continuation pages followed per request and host. A
//     control node pages 1000 routes at a time, so the default covers
//     10 million routes; a server handing out a new next_batch forever
//     stops there.
//   - cell bytes: one element's text (sandesh.DefaultMaxText, about
//     lxml's own limit).
//   - bytes: the records held before printing, all pages and hosts of a
//     request together. Printers that keep records (tables, text, JSON)
//     hold every record; streaming ones (route show, vr route) only the
//     record being read, and bound their own output with the same limit.
//     Held records cost about twice their XML in memory.
const (
	DefaultMaxPages = 10000
	DefaultMaxBytes = 1 << 30
)

func (c *Client) maxPages() int {
	if c.cfg.MaxPages > 0 {
		return c.cfg.MaxPages
	}
	return DefaultMaxPages
}

// MaxBytes is the held-bytes limit in force (for printers that bound
// their output with it).
func (c *Client) MaxBytes() int64 {
	if c.cfg.MaxBytes > 0 {
		return c.cfg.MaxBytes
	}
	return DefaultMaxBytes
}

// newBudget is the held-bytes budget of one request (shared by its
// pages and hosts).
func (c *Client) newBudget() *sandesh.Budget { return &sandesh.Budget{Max: c.MaxBytes()} }

// parseOptions are the parser options of one request.
func (c *Client) parseOptions(req Request, hold bool, b *sandesh.Budget) sandesh.Options {
	return sandesh.Options{Transient: req.Transient && !hold, MaxText: c.cfg.MaxCellBytes, Held: b, Keep: req.Keep}
}

// OutputLimitError is the error of a printer whose output passed max
// bytes (printers that print as they parse bound their output with the
// held-bytes limit).
func OutputLimitError(max int64) *Error {
	return &Error{Class: ClassParse, What: fmt.Sprintf("output larger than %d bytes", max),
		Hint: "raise --max-bytes, or narrow the request (a search string, -t table)"}
}

// pagesError is the error of a request that went past its page limit.
func (c *Client) pagesError(w string) *Error {
	return &Error{Class: ClassParse, Where: w, What: fmt.Sprintf("more than %d continuation pages", c.maxPages()),
		Hint: "raise --max-pages if the table really is that large; else the daemon's paging never ends"}
}

// limitError explains an answer the parser refused.
func limitError(le *sandesh.LimitError, w string) *Error {
	e := &Error{Class: ClassParse, Where: w, What: le.Error(), Err: le}
	switch le.Limit {
	case sandesh.LimitDepth:
		e.Hint = "no Sandesh answer is that deep (ist.py refuses it too): the answer is broken or hostile"
	case sandesh.LimitTag:
		e.Hint = "Sandesh tags are short: the answer is broken or hostile"
	case sandesh.LimitText:
		e.Hint = "raise --max-cell-bytes if that field really is that large"
	case sandesh.LimitHeld:
		e.Hint = "raise --max-bytes, or narrow the request (a search string, -t table)"
	}
	return e
}

// asLimit reports whether err is a parser limit.
func asLimit(err error) (*sandesh.LimitError, bool) {
	var le *sandesh.LimitError
	ok := errors.As(err, &le)
	return le, ok
}

// MemoryBackstop sets the Go runtime's soft memory limit from the held
// bytes limit, unless GOMEMLIMIT is set: near it the collector works
// harder, so garbage never adds up to a crash while the limits above
// stop the live data first. It also sets the collector's pace
// (CommandGCPercent). It is a process setting, for commands.
func MemoryBackstop(maxBytes int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(CommandGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	debug.SetMemoryLimit(3*maxBytes + 512<<20)
}

// CommandGCPercent is the collector's pace for commands (GOGC wins when
// set). A command's live heap is small and grows slowly: a page or two in
// flight and the output held until it is complete. At Go's default of 100
// a 100k-route show collects seven times, and each cycle marks with part
// of a core that the parser and printer need on a two-core host; 200
// about halves the cycles for a peak a few MB higher (bench/ist-bench.sh,
// README's performance section).
const CommandGCPercent = 200
