package sandesh

import (
	"fmt"
	"io"
	"sync/atomic"
)

// A daemon's answer is untrusted input: these limits bound the time and
// memory one document can cost, whatever its bytes. Every check is O(1)
// per token or per buffer refill, so the parser stays linear in the input.
const (
	// MaxDepth is the deepest element nesting accepted, lxml's default
	// (libxml2's xmlParserMaxDepth without XML_PARSE_HUGE): ist.py refuses
	// deeper answers too. Renderers indent by depth, so this also bounds
	// their output to a constant factor of the input.
	MaxDepth = 256
	// MaxTagLen bounds one start or end tag (name and attributes), one
	// comment, processing instruction or DOCTYPE. Sandesh tags are under
	// 200 bytes; a longer one is hostile or broken.
	MaxTagLen = 64 << 10
	// DefaultMaxText is the default bound on one element's text (a table
	// cell, CDATA included); lxml refuses text nodes over 10 MB too.
	DefaultMaxText = 10 << 20
)

// Options tune Stream. The zero value is Stream with the default limits.
type Options struct {
	// Transient: fn keeps nothing of a record once it returns (strings
	// excepted), so the parser reuses record memory (StreamTransient).
	Transient bool
	// MaxText bounds the text of one element in bytes; 0: DefaultMaxText.
	MaxText int
	// Held, when set, counts the bytes of the records delivered against
	// its Max: every record (they may be kept by fn) or, when Transient,
	// only the record being read. One Budget may span several documents
	// (the pages of one answer).
	Held *Budget
	// Keep, when set, names the elements fn reads inside a record (at
	// any depth) and those on the way to them and to nested records: an
	// element that is not a record and whose name is not in Keep may be
	// left out of its parent's Children, with everything inside it, which
	// saves making nodes fn would skip. A record inside a left-out element
	// is still delivered, with that element (and its parents) in its
	// Parent chain, holding what came after the record opened. A
	// projection, not a filter: some such elements may still be delivered
	// (the first of each start tag, a leaf with a reference in its text),
	// so fn must not depend on their absence. The document is checked as without Keep (well-formedness,
	// limits, held bytes). Read-only once passed. nil: every element.
	Keep map[string]bool
}

// Budget is the bytes of records a caller may hold, shared by the
// documents parsed with it, also in parallel (several hosts).
type Budget struct {
	Max  int64 // 0: no limit
	used atomic.Int64
}

// Used is the bytes of the records delivered so far (transient ones
// excepted).
func (b *Budget) Used() int64 { return b.used.Load() }

// LimitError is an answer refused because it went past one of the limits
// above. It wraps no cause: the bytes were fine up to that point.
type LimitError struct {
	Limit  string // "depth", "tag", "text" or "held"
	Max    int64  // the limit in force
	Offset int64  // byte offset in the document where it was passed
	Path   string // open elements
}

// Limit names for LimitError.Limit.
const (
	LimitDepth = "depth"
	LimitTag   = "tag"
	LimitText  = "text"
	LimitHeld  = "held"
)

func (e *LimitError) Error() string {
	var what string
	switch e.Limit {
	case LimitDepth:
		what = fmt.Sprintf("elements nested deeper than %d levels", e.Max)
	case LimitTag:
		what = fmt.Sprintf("a tag, comment or declaration longer than %d bytes", e.Max)
	case LimitText:
		what = fmt.Sprintf("an element's text longer than %d bytes", e.Max)
	case LimitHeld:
		what = fmt.Sprintf("records larger than %d bytes in all", e.Max)
	default:
		what = e.Limit + " limit passed"
	}
	where := fmt.Sprintf("at byte %d", e.Offset)
	if e.Path != "" {
		where += " in " + shortPath(e.Path)
	}
	return "answer refused: " + what + " (" + where + ")"
}

// shortPath keeps an error line short when the path is hundreds of
// elements deep: the first and last few.
func shortPath(p string) string {
	const keep = 60
	if len(p) <= 2*keep {
		return p
	}
	return p[:keep] + "…" + p[len(p)-keep:]
}

// limitErr builds a LimitError at the current position.
func (p *parser) limitErr(limit string, max int64) error {
	return &LimitError{Limit: limit, Max: max, Offset: p.base + int64(p.pos), Path: p.path()}
}

// StreamWith is Stream (or StreamTransient) with options.
func StreamWith(r io.Reader, names []string, fn func(*Node) error, o Options) error {
	return newParser(r).selecting(names, fn, o).parse()
}

// StreamBytes is StreamWith on a document in memory, parsed where it lies
// (b must not change during the call): a small answer read whole costs
// no second copy.
func StreamBytes(b []byte, names []string, fn func(*Node) error, o Options) error {
	return newBytesParser(b).selecting(names, fn, o).parse()
}

// selecting sets p up to hand the elements called names to fn, with o.
func (p *parser) selecting(names []string, fn func(*Node) error, o Options) *parser {
	for _, n := range names {
		p.sel[n] = true
	}
	p.fn = fn
	p.reuse = o.Transient
	if o.MaxText > 0 {
		p.maxText = o.MaxText
	}
	p.held = o.Held
	p.keep = o.Keep
	return p
}

// heldNow is the bytes of records held at document offset off: those
// delivered before (unless transient) plus the one being read.
func (p *parser) heldNow(off int64) int64 {
	n := p.held.Used()
	if p.recOpen >= 0 {
		n += off - p.recOpen
	}
	return n
}

// checkHeld refuses the document once the held records pass the budget.
func (p *parser) checkHeld() error {
	if p.held == nil || p.held.Max <= 0 {
		return nil
	}
	if p.heldNow(p.base+int64(p.end)) > p.held.Max {
		return p.limitErr(LimitHeld, p.held.Max)
	}
	return nil
}
