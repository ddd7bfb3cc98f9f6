package sandesh

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// The tokenizer: buffer management and the lexical pieces of XML.

// fill moves the unread bytes to the front of the buffer and reads more.
// It reports whether new bytes arrived; offsets relative to p.pos stay valid.
func (p *parser) fill() bool {
	if p.rerr != nil {
		return false
	}
	if err := p.checkHeld(); err != nil {
		p.rerr = err
		return false
	}
	if p.pipe != nil && (p.pipe.halted() || !p.pipe.throttle(p.base+int64(p.pos))) {
		p.rerr = errStopped
		return false
	}
	if p.chunks != nil {
		return p.fillChunk()
	}
	if p.pos > 0 {
		copy(p.buf, p.buf[p.pos:p.end])
		p.end -= p.pos
		p.base += int64(p.pos)
		p.pos = 0
	}
	if p.end == len(p.buf) {
		nb := make([]byte, 2*len(p.buf))
		copy(nb, p.buf[:p.end])
		p.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := p.r.Read(p.buf[p.end:])
		p.end += n
		if err != nil {
			p.rerr = err
			if p.pipe != nil {
				p.pipe.inputEnded()
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	p.rerr = io.ErrNoProgress
	return false
}

// fillChunk is fill from a ChunkReader: the next buffer holds the unread
// bytes, then new ones.
func (p *parser) fillChunk() bool {
	b, err := p.chunks.ReadChunk(p.buf[p.pos:p.end])
	if err == nil && len(b) <= p.end-p.pos {
		err = io.ErrNoProgress
	}
	if err != nil {
		p.rerr = err
		if p.pipe != nil {
			p.pipe.inputEnded()
		}
		return false
	}
	p.base += int64(p.pos)
	p.buf, p.pos, p.end = b, 0, len(b)
	return true
}

// need makes sure at least k bytes are buffered from p.pos.
func (p *parser) need(k int) bool {
	for p.end-p.pos < k {
		if !p.fill() {
			return false
		}
	}
	return true
}

// scanText consumes character data up to the next '<'.
func (p *parser) scanText() error {
	if len(p.levels) == 0 {
		return p.textOutsideRoot()
	}
	keep := p.keepingText()
	count := !keep && p.countingText()
	for p.pos < p.end {
		seg := p.buf[p.pos:p.end]
		lt := bytes.IndexByte(seg, '<')
		if lt >= 0 {
			seg = seg[:lt]
		}
		// Skipped text (outside kept records) is not stored but its
		// references are still checked, so Stream and Parse agree on what
		// is well formed.
		for len(seg) > 0 {
			amp := bytes.IndexByte(seg, '&')
			if amp < 0 {
				if keep {
					if len(p.text)+len(seg) > p.maxText {
						return p.limitErr(LimitText, int64(p.maxText))
					}
					p.text = append(p.text, seg...)
				} else if count {
					if err := p.countText(len(seg)); err != nil {
						return err
					}
				}
				p.pos += len(seg)
				break
			}
			if keep {
				p.text = append(p.text, seg[:amp]...) // before entity() refills the buffer
			}
			p.pos += amp
			r, n, err := p.entity()
			if err != nil {
				return err
			}
			if keep {
				if p.text = utf8.AppendRune(p.text, r); len(p.text) > p.maxText {
					return p.limitErr(LimitText, int64(p.maxText))
				}
			} else if count {
				if err := p.countText(amp + utf8.RuneLen(r)); err != nil {
					return err
				}
			}
			p.pos += n
			seg = p.buf[p.pos:p.end]
			if i := bytes.IndexByte(seg, '<'); i >= 0 {
				seg = seg[:i]
			}
		}
		if lt >= 0 || p.pos < p.end {
			return nil
		}
		if !p.fill() {
			return nil
		}
	}
	return nil
}

// textOutsideRoot accepts whitespace before and after the root element;
// anything else (a NUL byte included: `--file /dev/zero`) means the body
// is not XML, which is reported at once.
func (p *parser) textOutsideRoot() error {
	for p.pos < p.end {
		c := p.buf[p.pos]
		switch c {
		case ' ', '\t', '\r', '\n':
			p.pos++
			continue
		case '<':
			return nil
		}
		if p.rootDone {
			return p.errAt(0, "text after the root element")
		}
		p.need(200)
		return &SyntaxError{Offset: p.base + int64(p.pos), Msg: "response is not XML: it starts with " + quoteSnippet(p.buf[p.pos:p.end])}
	}
	return nil
}

// entity decodes the reference at p.pos ("&lt;", "&#10;" …) and returns
// the rune and the number of bytes it used.
func (p *parser) entity() (rune, int, error) {
	const maxRef = 32
	semi, stop := -1, -1 // stop: a byte that cannot be inside a reference
	for {
		win := p.buf[p.pos:p.end]
		if len(win) > maxRef {
			win = win[:maxRef]
		}
		semi = bytes.IndexByte(win, ';')
		stop = bytes.IndexAny(win[1:], "<&> \t\r\n")
		if semi >= 0 || stop >= 0 || len(win) >= maxRef {
			break
		}
		if !p.fill() {
			break
		}
	}
	if stop >= 0 && (semi < 0 || stop+1 < semi) {
		return 0, 0, p.errAt(0, "bad entity reference (no ';')")
	}
	if semi < 0 {
		if p.end-p.pos < maxRef && p.rerr != nil {
			return 0, 0, p.eofErr()
		}
		return 0, 0, p.errAt(0, "bad entity reference (no ';')")
	}
	n := semi + 1
	r, ok := decodeRef(p.buf[p.pos+1 : p.pos+semi])
	if !ok {
		return 0, 0, p.errAt(0, "bad entity reference "+quoteSnippet(p.buf[p.pos:p.pos+n]))
	}
	return r, n, nil
}

// findSeq returns the offset (from p.pos) of delim at or after offset from,
// reading more input as needed; -1 at EOF or when more than limit bytes
// would have to be buffered (then p.rerr is a LimitError of kind).
func (p *parser) findSeq(from int, delim []byte, limit int, kind string) int {
	for {
		if i := bytes.Index(p.buf[p.pos+from:p.end], delim); i >= 0 {
			return from + i
		}
		from = max(from, p.end-p.pos-len(delim)+1)
		if p.end-p.pos > limit {
			p.rerr = p.limitErr(kind, int64(limit))
			return -1
		}
		if !p.fill() {
			return -1
		}
	}
}

var (
	seqPIEnd      = []byte("?>")
	seqCommentEnd = []byte("-->")
	seqCDATAStart = []byte("<![CDATA[")
	seqCDATAEnd   = []byte("]]>")
	seqComment    = []byte("<!--")
)

func (p *parser) scanMarkup() error {
	if !p.need(2) {
		return p.eofErr()
	}
	switch p.buf[p.pos+1] {
	case '?':
		i := p.findSeq(2, seqPIEnd, MaxTagLen, LimitTag)
		if i < 0 {
			return p.eofErr()
		}
		p.pos += i + 2
		return nil
	case '!':
		return p.scanBang()
	case '/':
		return p.endTag()
	}
	return p.startTag()
}

func (p *parser) scanBang() error {
	p.need(len(seqCDATAStart))
	w := p.buf[p.pos:p.end]
	switch {
	case bytes.HasPrefix(w, seqComment):
		i := p.findSeq(4, seqCommentEnd, MaxTagLen, LimitTag)
		if i < 0 {
			return p.eofErr()
		}
		p.pos += i + 3
		return nil
	case bytes.HasPrefix(w, seqCDATAStart):
		if len(p.levels) == 0 {
			return p.errAt(0, "CDATA outside the root element")
		}
		start := len(seqCDATAStart)
		i := p.findSeq(start, seqCDATAEnd, p.maxText+start, LimitText)
		if i < 0 {
			return p.eofErr()
		}
		if p.keepingText() {
			if len(p.text)+i-start > p.maxText {
				return p.limitErr(LimitText, int64(p.maxText))
			}
			p.text = append(p.text, p.buf[p.pos+start:p.pos+i]...)
		} else if p.countingText() {
			if err := p.countText(i - start); err != nil {
				return err
			}
		}
		p.pos += i + 3
		return nil
	}
	// <!DOCTYPE …>: an HTML page announces itself here.
	p.need(14)
	if len(p.levels) == 0 && !p.rootSeen && hasPrefixFold(p.buf[p.pos:p.end], "<!doctype html") {
		return p.htmlError()
	}
	depth := 0
	for i := 2; ; i++ {
		if i > MaxTagLen {
			return p.limitErr(LimitTag, MaxTagLen)
		}
		if p.pos+i >= p.end && !p.fill() {
			return p.eofErr()
		}
		switch p.buf[p.pos+i] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				p.pos += i + 1
				return nil
			}
		}
	}
}

// nameEnd marks the bytes that end an element or attribute name.
var nameEnd = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '/': true, '>': true, '=': true, '<': true, '"': true, '\'': true}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startTag parses "<name attr='v' …>" or "<name …/>". The whole tag must be
// buffered; when it is not, more is read and the tag is parsed again.
func (p *parser) startTag() error {
	done, err := p.tryStartTag()
	if done || err != nil {
		return err
	}
	// The tag runs past the buffered bytes (a buffer boundary, or a
	// hostile tag): buffer it whole in one linear scan, then parse it once.
	if err := p.bufferTag(); err != nil {
		// A syntax error before the end is reported first, wherever the
		// reads cut the tag (as when the document is read whole).
		if se, ok := err.(*SyntaxError); ok && errors.Is(se, io.ErrUnexpectedEOF) {
			if _, terr := p.tryStartTag(); terr != nil {
				return terr
			}
		}
		return err
	}
	if done, err = p.tryStartTag(); !done && err == nil {
		err = p.errAt(0, "unterminated start tag")
	}
	return err
}

// bufferTag reads until the '>' that ends the start tag at p.pos (the
// first one outside a quoted value) is buffered, scanning every byte once
// across refills; a tag longer than MaxTagLen is refused.
func (p *parser) bufferTag() error {
	var quote byte
	for i := 1; ; i++ {
		if i > MaxTagLen {
			return p.limitErr(LimitTag, MaxTagLen)
		}
		if p.pos+i >= p.end && !p.fill() {
			return p.eofErr()
		}
		switch c := p.buf[p.pos+i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return nil
		}
	}
}

func (p *parser) tryStartTag() (bool, error) {
	b := p.buf[p.pos:p.end]
	if len(p.levels) > 0 {
		if done, err, ok := p.cachedStartTag(b); ok {
			return done, err
		}
	}
	i := 1
	for i < len(b) && !nameEnd[b[i]] {
		i++
	}
	if i >= len(b) {
		return false, nil
	}
	if i == 1 {
		return false, p.errAt(1, "expected an element name after '<'")
	}
	nameB := b[1:i]
	if p.rootDone && len(p.levels) == 0 {
		return false, p.errAt(0, "second root element <"+string(nameB)+"> after the end of the document")
	}
	if len(p.levels) == 0 && !p.rootSeen && isHTMLTag(nameB) {
		return false, p.htmlError()
	}
	p.spans = p.spans[:0]
	attrStart := i
	selfClose := false
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return false, nil
		}
		c := b[i]
		if c == '>' {
			break
		}
		if c == '/' {
			if i+1 >= len(b) {
				return false, nil
			}
			if b[i+1] != '>' {
				return false, p.errAt(i, "expected '>' after '/' in a tag")
			}
			selfClose = true
			break
		}
		var sp attrSpan
		sp.ns = i
		for i < len(b) && !nameEnd[b[i]] {
			i++
		}
		if i >= len(b) {
			return false, nil
		}
		if i == sp.ns {
			return false, p.errAt(i, "unexpected "+quoteSnippet(b[i:i+1])+" in a tag")
		}
		sp.ne = i
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return false, nil
		}
		if b[i] != '=' {
			return false, p.errAt(i, "expected '=' after attribute "+quoteSnippet(b[sp.ns:sp.ne]))
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return false, nil
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return false, p.errAt(i, "attribute value must be quoted")
		}
		i++
		ve := bytes.IndexByte(b[i:], q)
		if ve < 0 {
			return false, nil
		}
		sp.vs, sp.ve = i, i+ve
		p.spans = append(p.spans, sp)
		i += ve + 1
	}
	attrs, err := p.attrs(b, b[attrStart:i])
	if err != nil {
		return false, err
	}
	if selfClose {
		i += 2
	} else {
		i++
	}
	if len(p.levels) >= MaxDepth {
		return false, p.limitErr(LimitDepth, MaxDepth)
	}
	name := p.internBytes(nameB)
	t := &tagInfo{name: name, attrs: attrs, selected: p.isSelected(name), selfClose: selfClose, drop: p.keep != nil && !p.keep[name]}
	if d := len(p.levels); d > 0 {
		top := &p.levels[d-1]
		top.lastKid = nil
		if i-1 <= tagCacheMaxRaw && len(p.tags) < internMaxSize {
			// The start tag, its raw text and the end tag: one string.
			tags := string(b[:i]) + "</" + name + ">"
			t.start, t.raw, t.end, t.empty = tags[:i], tags[1:i-1], tags[i:], tags
			p.tags[t.raw] = t
			p.learn(top, t)
		}
	}
	if t.end == "" {
		t.end = "</" + name + ">"
	}
	p.open(t)
	p.pos += i
	if selfClose {
		return true, p.close()
	}
	return true, nil
}

// attrSpan locates one attribute's name and value in the buffer.
type attrSpan struct{ ns, ne, vs, ve int }

const attrSetMaxRaw = 160 // longer attribute sections are not shared

// attrs builds the attribute list of a tag from p.spans. Sandesh repeats
// the same few lists (type="string" identifier="1" …) millions of times,
// so identical raw attribute text shares one read-only []Attr.
func (p *parser) attrs(b, raw []byte) ([]Attr, error) {
	if len(p.spans) == 0 {
		return nil, nil
	}
	if len(raw) <= attrSetMaxRaw {
		if a, ok := p.attrSets[string(raw)]; ok {
			return a, nil
		}
	}
	p.attrTmp = p.attrTmp[:0]
	for _, sp := range p.spans {
		val := b[sp.vs:sp.ve]
		var vs string
		if bytes.IndexByte(val, '&') >= 0 || bytes.IndexByte(val, '<') >= 0 {
			s, err := p.decodeAttr(val, sp.vs)
			if err != nil {
				return nil, err
			}
			vs = s
		} else {
			vs = p.internBytes(val)
		}
		p.attrTmp = append(p.attrTmp, Attr{Name: p.internBytes(b[sp.ns:sp.ne]), Value: vs})
	}
	a := p.carveAttrs(p.attrTmp)
	if len(raw) <= attrSetMaxRaw && len(p.attrSets) < internMaxSize {
		p.attrSets[string(raw)] = a
	}
	return a, nil
}

// decodeAttr expands references in an attribute value held in the buffer
// at offset off from p.pos.
func (p *parser) decodeAttr(val []byte, off int) (string, error) {
	out := make([]byte, 0, len(val))
	for j := 0; j < len(val); {
		c := val[j]
		if c == '<' {
			return "", p.errAt(off+j, "'<' in an attribute value")
		}
		if c != '&' {
			out = append(out, c)
			j++
			continue
		}
		semi := bytes.IndexByte(val[j:], ';')
		if semi < 0 {
			return "", p.errAt(off+j, "bad entity reference in an attribute value")
		}
		r, ok := decodeRef(val[j+1 : j+semi])
		if !ok {
			return "", p.errAt(off+j, "bad entity reference "+quoteSnippet(val[j:j+semi+1]))
		}
		out = utf8.AppendRune(out, r)
		j += semi + 1
	}
	return string(out), nil
}

// decodeRef decodes the text between '&' and ';'.
func decodeRef(ref []byte) (rune, bool) {
	switch string(ref) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, false
	}
	var v rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		v = v*base + d
		if v > utf8.MaxRune {
			return 0, false
		}
	}
	return v, v != 0 && utf8.ValidRune(v)
}
