package sandesh

import (
	"bytes"
	"math/bits"
	"unsafe"
)

// tagInfo is what a start tag parsed to: Sandesh repeats the same few
// hundred tags (<prefix type="string" identifier="1">) for every record, so
// the bytes of a tag seen before skip name, attribute and selection work.
type tagInfo struct {
	raw   string // the text between '<' and '>'
	start string // the start tag: "<" + raw + ">"
	end   string // its end tag: "</name>"
	empty string // start + end: the element when it is empty (all four share it)
	// The predictions step tries first: the start tag that followed this
	// one as its first child, and as its next sibling, last time, and
	// whether the element was empty last time. The tokenizer updates them
	// while the builder reads the fields below (pipelined parsing): keep
	// them off those fields' cache line.
	firstKid, nextSib *tagInfo
	wasEmpty          bool
	_                 [64]byte
	name              string
	attrs             []Attr
	selected          bool
	selfClose         bool
	drop              bool // not read by fn, unless it is a record (Options.Keep)
}

const tagCacheMaxRaw = 200 // longer tags are parsed every time

// predicted is where the start tag expected next under top is
// remembered: the next sibling of its last child, or its first child.
func predicted(top *level) **tagInfo {
	switch {
	case top.lastKid != nil:
		return &top.lastKid.nextSib
	case top.tag != nil:
		return &top.tag.firstKid
	}
	return nil
}

// learn records that t opened under top: the prediction for this place
// becomes t, and t is top's last child.
func (p *parser) learn(top *level, t *tagInfo) {
	if slot := predicted(top); slot != nil {
		*slot = t
	}
	top.lastKid = t
}

// cachedStartTag handles a start tag whose bytes up to the first '>' were
// seen before. The key is the exact text between '<' and the '>' that
// ended a well-formed tag; such text has its quotes balanced, so its '>'
// is the first one outside a value and also the first one in the buffer:
// an identical prefix here is the identical tag. Only used below the root
// (the root-level checks depend on more than the bytes). The tag
// predicted at this place was tried by step already; this is the hash
// lookup, which then makes it the prediction, for step to take.
func (p *parser) cachedStartTag(b []byte) (done bool, err error, ok bool) {
	lim := min(len(b), tagCacheMaxRaw+2)
	gt := bytes.IndexByte(b[:lim], '>')
	if gt < 2 {
		return false, nil, false
	}
	p.tagLookups++
	t, hit := p.tags[string(b[1:gt])]
	if !hit {
		return false, nil, false
	}
	top := &p.levels[len(p.levels)-1]
	if slot := predicted(top); slot != nil {
		*slot = t
	}
	if len(p.levels) >= MaxDepth {
		return false, p.limitErr(LimitDepth, MaxDepth), true
	}
	took, err := p.step()
	return took, err, took || err != nil
}

// step takes the commonest markup at p.pos without the general
// scanners, as long as it comes: the end tag of the open element, or the
// start tag that came at the same place in the last record (the first
// child of the open element, or the next sibling of its last child).
// Records repeat the same fields in the same order (a Sandesh struct's
// fields are declared), so this is one comparison, no hashing. Lists
// predict themselves (an <element> is followed by an <element>), and the
// field after a list by the list's own start tag. A start tag of a leaf
// (start tag, text without a reference, end tag, all buffered) takes the
// whole leaf in one step: most elements of an answer are such leaves,
// and this is what open, scanText, endTag and close do for them, without
// the level they would push and pop. It reports whether it took any
// markup; it stops at text, at markup that is not such a tag or not all
// buffered (the general way takes it then), and at the end of the root.
func (p *parser) step() (bool, error) {
	took := false
	for {
		d := len(p.levels)
		b := p.buf[p.pos:p.end]
		if d == 0 || d >= MaxDepth || len(b) < 2 || b[0] != '<' {
			return took, nil
		}
		top := &p.levels[d-1]
		if b[1] == '/' {
			end := top.tag.end
			if !hasPrefix(b, end) {
				return took, nil
			}
			p.pos += len(end)
			if err := p.close(); err != nil {
				return true, err
			}
			took = true
			continue
		}
		slot := predicted(top)
		if slot == nil || *slot == nil {
			return took, nil
		}
		t := *slot
		n := len(t.start)
		lt, k := 0, 0 // a leaf: the length of its text, and of the whole
		if t.wasEmpty && hasPrefix(b, t.empty) {
			k = len(t.empty) // empty again: one comparison (most are, or have text)
		} else {
			if !hasPrefix(b, t.start) {
				return took, nil
			}
			if !t.selected && !t.selfClose {
				// A leaf: the text ends at a '<' (at a '&': no such leaf).
				rest := b[n:]
				if len(rest) == 0 || rest[0] != '<' {
					lt = textEnd(rest)
				}
				if lt >= 0 && lt <= p.maxText && hasPrefix(rest[lt:], t.end) {
					k = n + lt + len(t.end)
				}
			}
			t.wasEmpty = k > 0 && lt == 0
		}
		top.lastKid, took = t, true
		if k > 0 {
			if (t.drop || top.silent) && (!top.kept || top.hasChild || len(p.text) == 0) {
				// fn reads no such leaf (Options.Keep), and it does not
				// end its parent's text: no node, no event. Most leaves,
				// for route show.
				top.hasChild = true
				p.text, p.silentText = p.text[:0], 0
			} else {
				p.leaf(top, t, b[n:n+lt])
			}
			p.pos += k
			continue
		}
		p.open(t)
		p.pos += n
		if t.selfClose {
			if err := p.close(); err != nil {
				return true, err
			}
		}
	}
}

// leaf is the element of start tag t under top, of text text, that step
// found whole and that is a node, or ends its parent's text (step takes
// the others): the tokenizer's part of open and close, and the node made
// by buildLeaf, here or (pipelined) on the builder's goroutine.
func (p *parser) leaf(top *level, t *tagInfo, text []byte) {
	ptext := ""
	if top.kept && !top.hasChild && len(p.text) > 0 {
		ptext = p.carveText(p.text)
	}
	top.hasChild = true
	p.text, p.silentText = p.text[:0], 0
	own := ""
	if (top.kept || p.keepAll) && len(text) > 0 {
		own = p.carveText(text)
	}
	switch {
	case p.pipe == nil:
		if ptext != "" {
			top.node.Text = ptext
		}
		p.buildLeaf(top, t, own)
	case ptext == "":
		p.pipe.add(event{tag: t, text: own, kind: evLeaf})
	default:
		p.pipe.add(event{tag: t, text: ptext})
		p.pipe.add(event{text: own, kind: evClose})
	}
}

// textEnd returns the offset of the first '<' or '&' in b, -1 if none.
// A leaf's text is short (a number, an address, a name): eight bytes at
// a time, in a register, cost less than the two calls of bytes.IndexByte
// this replaces (and much less than a loop over the bytes). Past
// textInline bytes (a long text) those calls take over.
func textEnd(b []byte) int {
	n := min(len(b), textInline)
	pb := unsafe.Pointer(unsafe.SliceData(b))
	for i := 0; i+8 <= n; i += 8 {
		if m := ltOrAmp(loadLE64(pb, i)); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	return textEndRest(b, n&^7)
}

// textEndRest is textEnd from b[i:] on, past the words it read.
func textEndRest(b []byte, i int) int {
	if len(b)-i < 8 {
		for ; i < len(b); i++ {
			if b[i] == '<' || b[i] == '&' {
				return i
			}
		}
		return -1
	}
	lt := bytes.IndexByte(b[i:], '<')
	if lt < 0 {
		lt = len(b) - i
	}
	if amp := bytes.IndexByte(b[i:i+lt], '&'); amp >= 0 {
		return i + amp
	}
	if i+lt == len(b) {
		return -1
	}
	return i + lt
}

const textInline = 64

// ltOrAmp has the high bit set in the bytes of w that are '<' or '&', at
// least in the lowest such byte (the ones above it may be set wrongly:
// a borrow runs up from a zero byte); 0 when there is none.
func ltOrAmp(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	lt, amp := w^('<'*ones), w^('&'*ones)
	return ((lt-ones)&^lt | (amp-ones)&^amp) & highs
}
