package sandesh

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
	"unsafe"
)

// Stream reads a Sandesh XML document from r and calls fn for every element
// whose name is in names, once that element is complete. A selected element
// nested inside another selected element is delivered on its own (before
// the enclosing one completes) and is left out of the enclosing one's
// Children; its Parent chain still leads to the enclosing, partially read,
// selected element, whose Children hold the fields read so far (so a
// ShowRoute callback can read its ShowRouteTable's routing_table_name).
// A record root that is not inside another selected element has Parent nil.
// Elements outside every selected element are not kept, so memory grows
// with the records kept by fn, not with the document.
//
// An error returned by fn stops the parse and is returned as is. Malformed
// or truncated XML gives a *SyntaxError; an HTML body (404 page, pysandesh
// "<h3>…</h3>" error) gives an *HTMLError.
func Stream(r io.Reader, names []string, fn func(*Node) error) error {
	sel := make(map[string]bool, len(names))
	for _, n := range names {
		sel[n] = true
	}
	p := newParser(r)
	p.sel = sel
	p.fn = fn
	return p.run()
}

// Parse reads a whole document and returns its root element.
func Parse(r io.Reader) (*Node, error) {
	p := newParser(r)
	p.keepAll = true
	var root *Node
	p.fn = func(n *Node) error { root = n; return nil }
	if err := p.run(); err != nil {
		return nil, err
	}
	return root, nil
}

// ParseBytes is Parse on an in-memory document.
func ParseBytes(b []byte) (*Node, error) { return Parse(bytes.NewReader(b)) }

const (
	initialBufSize = 64 << 10
	nodeSlabSize   = 128
	kidSlabSize    = 1024
	textSlabSize   = 16 << 10
	internMaxLen   = 40   // longer names/values are not interned
	internMaxTexts = 8    // leaf texts up to this length are interned ("0", "true", …)
	internMaxSize  = 8192 // entries; bounds the table on hostile input
)

// level is one open element.
type level struct {
	node       *Node  // nil when the element is not kept
	name       string // interned element name
	childStart int    // where this element's children start in parser.kids
	selected   bool   // delivered through fn when it closes
	hasChild   bool
}

type parser struct {
	r    io.Reader
	buf  []byte
	pos  int   // next unread byte in buf
	end  int   // end of valid data in buf
	base int64 // document offset of buf[0]
	rerr error // sticky read error (io.EOF at the end)

	keepAll bool
	sel     map[string]bool
	fn      func(*Node) error

	levels   []level
	kids     []*Node // children of the open kept elements, one segment per level
	text     []byte  // character data of the innermost open element
	attrTmp  []Attr
	spans    []attrSpan
	attrSets map[string][]Attr // attribute lists seen, keyed by their raw text
	rootDone bool
	rootSeen bool

	intern   map[string]string
	nodeSlab []Node
	recNodes int // nodes handed out since the last record was delivered
	recKids  int // child pointers handed out since then
	estNodes int // slab size guesses: the size of the last record
	estKids  int
	textSlab []byte
	kidSlab  []*Node
	attrSlab []Attr
}

func newParser(r io.Reader) *parser {
	size := initialBufSize
	if l, ok := r.(interface{ Len() int }); ok && l.Len() < size {
		size = max(l.Len()+1, 512) // small in-memory documents: small buffer
	}
	return &parser{r: r, buf: make([]byte, size), intern: make(map[string]string, 64), attrSets: make(map[string][]Attr, 64),
		estNodes: nodeSlabSize, estKids: kidSlabSize}
}

// fill moves the unread bytes to the front of the buffer and reads more.
// It reports whether new bytes arrived; offsets relative to p.pos stay valid.
func (p *parser) fill() bool {
	if p.rerr != nil {
		return false
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
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	p.rerr = io.ErrNoProgress
	return false
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

func (p *parser) path() string {
	var b []byte
	for _, l := range p.levels {
		b = append(b, '<')
		b = append(b, l.name...)
		b = append(b, '>')
	}
	return string(b)
}

// errAt builds a SyntaxError at buffer offset rel from p.pos.
func (p *parser) errAt(rel int, msg string) error {
	return &SyntaxError{Offset: p.base + int64(p.pos+rel), Path: p.path(), Msg: msg}
}

// eofErr reports a truncated document, or the read error that stopped it.
func (p *parser) eofErr() error {
	if p.rerr != nil && p.rerr != io.EOF {
		return &SyntaxError{Offset: p.base + int64(p.end), Path: p.path(), Msg: "read error: " + p.rerr.Error(), Err: p.rerr}
	}
	return &SyntaxError{Offset: p.base + int64(p.end), Path: p.path(), Msg: "unexpected EOF", Err: io.ErrUnexpectedEOF}
}

func (p *parser) internBytes(b []byte) string {
	if len(b) > internMaxLen {
		return string(b)
	}
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.intern) < internMaxSize {
		p.intern[s] = s
	}
	return s
}

func (p *parser) newNode() *Node {
	if len(p.nodeSlab) == 0 {
		p.nodeSlab = make([]Node, min(max(p.estNodes, 8), nodeSlabSize))
	}
	p.recNodes++
	n := &p.nodeSlab[0]
	p.nodeSlab = p.nodeSlab[1:]
	return n
}

// carveText copies leaf text into a shared byte slab and returns a string
// viewing it: one allocation per slab instead of one per field. Slab bytes
// are never written again once handed out, so the strings are immutable.
func (p *parser) carveText(b []byte) string {
	if len(b) > textSlabSize/8 {
		return string(b)
	}
	if len(p.textSlab) < len(b) {
		p.textSlab = make([]byte, textSlabSize)
	}
	s := p.textSlab[:len(b):len(b)]
	p.textSlab = p.textSlab[len(b):]
	copy(s, b)
	return unsafe.String(&s[0], len(s))
}

func (p *parser) carveKids(src []*Node) []*Node {
	n := len(src)
	if len(p.kidSlab) < n {
		p.kidSlab = make([]*Node, max(min(max(p.estKids, 16), kidSlabSize), n))
	}
	p.recKids += n
	s := p.kidSlab[:n:n]
	p.kidSlab = p.kidSlab[n:]
	copy(s, src)
	return s
}

func (p *parser) carveAttrs(src []Attr) []Attr {
	n := len(src)
	if n == 0 {
		return nil
	}
	if len(p.attrSlab) < n {
		p.attrSlab = make([]Attr, max(512, n))
	}
	s := p.attrSlab[:n:n]
	p.attrSlab = p.attrSlab[n:]
	copy(s, src)
	return s
}

// keepingText reports whether character data at this point is stored.
func (p *parser) keepingText() bool {
	return len(p.levels) > 0 && p.levels[len(p.levels)-1].node != nil
}

func (p *parser) run() error {
	// A UTF-8 byte order mark may precede the document.
	if p.need(3) && bytes.HasPrefix(p.buf[p.pos:p.end], []byte("\xef\xbb\xbf")) {
		p.pos += 3
	}
	for {
		if p.pos >= p.end && !p.fill() {
			break
		}
		if p.buf[p.pos] != '<' {
			if err := p.scanText(); err != nil {
				return err
			}
			continue
		}
		if err := p.scanMarkup(); err != nil {
			return err
		}
	}
	if len(p.levels) > 0 {
		return p.eofErr()
	}
	if p.rerr != nil && p.rerr != io.EOF {
		return p.eofErr()
	}
	if !p.rootSeen {
		return &SyntaxError{Offset: p.base + int64(p.end), Msg: "empty response: no XML element", Err: io.ErrUnexpectedEOF}
	}
	return nil
}

// scanText consumes character data up to the next '<'.
func (p *parser) scanText() error {
	if len(p.levels) == 0 {
		return p.textOutsideRoot()
	}
	keep := p.keepingText()
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
					p.text = append(p.text, seg...)
				}
				p.pos += len(seg)
				break
			}
			if keep {
				p.text = append(p.text, seg[:amp]...)
			}
			p.pos += amp
			r, n, err := p.entity()
			if err != nil {
				return err
			}
			if keep {
				p.text = utf8.AppendRune(p.text, r)
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

// textOutsideRoot accepts whitespace (and NUL padding) before and after
// the root element; anything else means the body is not XML.
func (p *parser) textOutsideRoot() error {
	for p.pos < p.end {
		c := p.buf[p.pos]
		switch c {
		case ' ', '\t', '\r', '\n', 0:
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
// reading more input as needed; -1 at EOF.
func (p *parser) findSeq(from int, delim []byte) int {
	for {
		if i := bytes.Index(p.buf[p.pos+from:p.end], delim); i >= 0 {
			return from + i
		}
		from = max(from, p.end-p.pos-len(delim)+1)
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
		i := p.findSeq(2, seqPIEnd)
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
		i := p.findSeq(4, seqCommentEnd)
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
		i := p.findSeq(start, seqCDATAEnd)
		if i < 0 {
			return p.eofErr()
		}
		if p.keepingText() {
			p.text = append(p.text, p.buf[p.pos+start:p.pos+i]...)
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
	for {
		done, err := p.tryStartTag()
		if done || err != nil {
			return err
		}
		if !p.fill() {
			return p.eofErr()
		}
	}
}

// errNeedMore is internal: the tag runs past the buffered bytes.
var errNeedMore = errors.New("need more")

func (p *parser) tryStartTag() (bool, error) {
	b := p.buf[p.pos:p.end]
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
	if err := p.open(nameB, attrs); err != nil {
		return false, err
	}
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

// open pushes a new element with the attributes in p.attrTmp.
func (p *parser) open(nameB []byte, attrs []Attr) error {
	name := p.internBytes(nameB)
	var parent *Node
	inKept := false
	if d := len(p.levels); d > 0 {
		top := &p.levels[d-1]
		top.hasChild = true
		parent = top.node
		inKept = parent != nil
		if inKept && len(p.text) > 0 {
			// Text before a child: whitespace between elements is dropped,
			// anything else (mixed content) is kept.
			if !allSpace(p.text) {
				parent.Text += string(p.text)
			}
		}
	}
	p.text = p.text[:0]
	p.rootSeen = true
	selected := !p.keepAll && p.sel[name]
	lv := level{name: name, selected: selected}
	if p.keepAll || inKept || selected {
		n := p.newNode()
		n.Name = name
		n.Attrs = attrs
		n.Parent = parent
		if inKept && !selected {
			p.kids = append(p.kids, n)
		}
		lv.node = n
	}
	if p.keepAll && parent == nil {
		lv.selected = true // the root is handed to fn when complete
	}
	lv.childStart = len(p.kids)
	p.levels = append(p.levels, lv)
	return nil
}

// endTag parses "</name>" and closes the innermost element.
func (p *parser) endTag() error {
	for {
		b := p.buf[p.pos:p.end]
		i := 2
		for i < len(b) && !nameEnd[b[i]] {
			i++
		}
		j := i
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j >= len(b) {
			if !p.fill() {
				return p.eofErr()
			}
			continue
		}
		if b[j] != '>' {
			return p.errAt(j, "expected '>' to end </"+string(b[2:i])+">")
		}
		d := len(p.levels)
		if d == 0 {
			return p.errAt(0, "end tag </"+string(b[2:i])+"> without a start tag")
		}
		if want := p.levels[d-1].name; string(b[2:i]) != want {
			return p.errAt(0, "end tag </"+string(b[2:i])+"> does not match <"+want+">")
		}
		p.pos += j + 1
		return p.close()
	}
}

// close completes the innermost element.
func (p *parser) close() error {
	d := len(p.levels) - 1
	lv := p.levels[d]
	p.levels[d] = level{} // no stale node pointer in the backing array
	p.levels = p.levels[:d]
	if d == 0 {
		p.rootDone = true
	}
	n := lv.node
	if n == nil {
		p.text = p.text[:0]
		return nil
	}
	if kids := p.kids[lv.childStart:]; len(kids) > 0 {
		n.Children = p.carveKids(kids)
		clear(kids) // no stale node pointers in the backing array
		p.kids = p.kids[:lv.childStart]
	} else {
		n.Children = nil
	}
	if !lv.hasChild {
		if len(p.text) <= internMaxTexts {
			n.Text = p.internBytes(p.text)
		} else {
			n.Text = p.carveText(p.text)
		}
	} else if len(p.text) > 0 && !allSpace(p.text) {
		n.Text += string(p.text)
	}
	p.text = p.text[:0]
	if !lv.selected {
		return nil
	}
	p.materializeOpen()
	if err := p.fn(n); err != nil {
		return err
	}
	if !p.keepAll {
		p.newRecordSlabs()
	}
	return nil
}

// newRecordSlabs starts fresh node and child slabs after a record has been
// delivered (nested ones too). Slabs hold pointers, so one slab shared by
// two records would let each record keep the one before it alive, and
// through it the whole stream; with one record per slab, memory follows
// the records fn keeps (and the enclosing records still open). The next
// slabs are sized like the record just finished.
func (p *parser) newRecordSlabs() {
	p.estNodes, p.estKids = p.recNodes, p.recKids
	p.recNodes, p.recKids = 0, 0
	p.nodeSlab, p.kidSlab = nil, nil
}

// materializeOpen gives the open kept ancestors the children read so far,
// so a callback sees the context of a nested record.
func (p *parser) materializeOpen() {
	for d := range p.levels {
		n := p.levels[d].node
		if n == nil {
			continue
		}
		end := len(p.kids)
		if d+1 < len(p.levels) {
			end = p.levels[d+1].childStart
		}
		seg := p.kids[p.levels[d].childStart:end]
		if len(n.Children) != len(seg) {
			n.Children = append([]*Node(nil), seg...)
		}
	}
}

func allSpace(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}
