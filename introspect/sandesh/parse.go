package sandesh

import (
	"bytes"
	"io"
	"sync"
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
	return stream(r, names, fn, false)
}

// StreamTransient is Stream for a callback that keeps nothing of a record
// once it returns: not the Node, not its Children, Attrs slices or Parent
// chain (strings may be kept). The parser then reuses the memory of each
// delivered record for the next one, so a long stream allocates almost
// nothing per record. A record's enclosing records stay valid while they
// are open, as with Stream.
func StreamTransient(r io.Reader, names []string, fn func(*Node) error) error {
	return stream(r, names, fn, true)
}

// stream runs the parser over r, handing the elements called names to fn;
// reuse lets it recycle each delivered record's memory.
func stream(r io.Reader, names []string, fn func(*Node) error, reuse bool) error {
	return newParser(r).selecting(names, fn, Options{Transient: reuse}).parse()
}

// parse runs the parser: pipelined on two goroutines for a large document
// on a machine with more than one core (parse_pipe.go), else serially.
func (p *parser) parse() error {
	if p.usePipe() {
		return p.runPiped()
	}
	defer p.release()
	return p.run()
}

// Parse reads a whole document and returns its root element.
func Parse(r io.Reader) (*Node, error) { return newParser(r).whole() }

// ParseBytes is Parse on an in-memory document, read where it lies (b
// must not change during the call).
func ParseBytes(b []byte) (*Node, error) { return newBytesParser(b).whole() }

// whole parses p's document into a tree and returns its root.
func (p *parser) whole() (*Node, error) {
	p.keepAll = true
	var root *Node
	p.fn = func(n *Node) error { root = n; return nil }
	if err := p.parse(); err != nil {
		return nil, err
	}
	return root, nil
}

const (
	initialBufSize = 64 << 10
	nodeSlabSize   = 128
	kidSlabSize    = 1024
	textSlabSize   = 16 << 10
	attrSlabSize   = 512
	// The first slabs of a document are small (a bundle fetches thousands
	// of answers of a few kB) and double up to the sizes above.
	firstNodeSlab = 16
	firstKidSlab  = 64
	firstTextSlab = 1 << 10
	firstAttrSlab = 32
	internMaxLen  = 40   // longer names/values are not interned
	internMaxSize = 8192 // entries; bounds the table on hostile input
)

// level is one open element.
type level struct {
	node       *Node    // nil when the element is not kept (or, pipelined, in the tokenizer)
	name       string   // interned element name
	tag        *tagInfo // its start tag (tokenizer: the tag predictions, see step)
	lastKid    *tagInfo // tokenizer: the start tag of its last child so far; nil: none or not cached
	childStart int      // where this element's children start in parser.kids
	selected   bool     // delivered through fn when it closes
	kept       bool     // its node is made: inside a record (or Parse)
	hasChild   bool
	// silent: the element and what is inside it are left out
	// (Options.Keep): no node, and pipelined, nothing goes to the builder.
	silent bool
}

type parser struct {
	r      io.Reader
	chunks ChunkReader // r, when it hands its buffers over
	buf    []byte
	pooled *[]byte // buf came from bufPool
	pos    int     // next unread byte in buf
	end    int     // end of valid data in buf
	base   int64   // document offset of buf[0]
	rerr   error   // sticky read error (io.EOF at the end)

	keepAll bool
	reuse   bool       // StreamTransient: a delivered record's slab space is reused
	marks   []slabMark // StreamTransient: the slabs when each open record opened
	sel     map[string]bool
	keep    map[string]bool // Options.Keep: nil, or the elements fn reads
	fn      func(*Node) error

	levels []level
	kids   []*Node // children of the open kept elements, one segment per level
	text   []byte  // character data of the innermost open element
	// silentText is the bytes of character data of the innermost open
	// element when it is left out (Options.Keep): not stored, but held
	// to MaxText as if it were, so Keep changes no error.
	silentText int
	attrTmp    []Attr
	spans      []attrSpan
	attrSets   map[string][]Attr   // attribute lists seen, keyed by their raw text
	tags       map[string]*tagInfo // start tags seen below the root, keyed by their raw text
	rootDone   bool
	rootSeen   bool
	// tagLookups counts the cached start tags found by hashing, where the
	// prediction missed (tests check the predictions work).
	tagLookups int

	pipe *pipe // pipelined: the tokenizer's events go to the builder (parse_pipe.go)

	maxText int     // bound on p.text (LimitText)
	held    *Budget // bytes of records held (LimitHeld); nil: not counted
	recOpen int64   // document offset of the outermost open record, -1: none
	selOpen int     // selected elements open

	intern                map[string]string
	nodeSlab              []Node
	recNodes              int // nodes handed out since the last record was delivered
	recKids               int // child pointers handed out since then
	estNodes              int // slab size guesses: the size of the last record
	estKids               int
	textSlab              []byte
	kidSlab               []*Node
	reuseNodes, reuseKids int // StreamTransient slab sizes
	attrSlab              []Attr
	textNext, attrNext    int // sizes of the next text and attribute slabs

	// StreamTransient: the latest (largest) node and child slabs, whose
	// memory no record outlives; recycled with the parser (parse_pool.go).
	tNodes []Node
	tKids  []*Node
}

func newParser(r io.Reader) *parser {
	p := getParser()
	p.r = r
	if cr, ok := r.(ChunkReader); ok {
		p.chunks = cr // its buffers are read where they lie: no buffer of our own
		return p
	}
	if l, ok := r.(interface{ Len() int }); ok && l.Len() < initialBufSize {
		p.buf = make([]byte, max(l.Len()+1, 512)) // small in-memory documents: small buffer
	} else {
		p.pooled = bufPool.Get().(*[]byte)
		p.buf = *p.pooled
	}
	return p
}

// newBytesParser parses b where it lies: no read, no copy (nothing the
// parser hands out points into b, and it never writes to it).
func newBytesParser(b []byte) *parser {
	p := getParser()
	p.buf, p.end, p.rerr = b, len(b), io.EOF
	return p
}

// ChunkReader is a reader that can hand its bytes over in its own
// buffers, which the parser then reads where they lie instead of copying
// them into a buffer of its own (a client reading a large answer ahead
// of the parser would otherwise copy every byte once more).
type ChunkReader interface {
	io.Reader
	// ReadChunk returns keep (the unread end of the buffer it returned
	// last, which it may point into) followed by the next bytes, in one
	// buffer, valid until the next call or DoneChunks. At the end, or on a
	// read error, it returns nil and the error (io.EOF at the end), and
	// the last buffer stays valid.
	ReadChunk(keep []byte) ([]byte, error)
	// DoneChunks tells the reader that the parser no longer reads the
	// last buffer. It is called on the goroutine that called ReadChunk.
	DoneChunks()
}

// bufPool recycles the read buffers of documents read from streams (the
// pages of an answer, one after the other).
var bufPool = sync.Pool{New: func() any { b := make([]byte, initialBufSize); return &b }}

// releaseBuf gives the read buffer back to bufPool, unless it grew; the
// reader of the buffer calls it when it is done (nothing the parser hands
// out points into the buffer: texts, names and values are copies).
func (p *parser) releaseBuf() {
	if p.chunks != nil {
		p.chunks.DoneChunks()
		p.chunks = nil
	}
	if p.pooled != nil && cap(p.buf) == initialBufSize {
		*p.pooled = p.buf[:initialBufSize]
		bufPool.Put(p.pooled)
	}
	p.pooled, p.buf = nil, nil
}

// path is the open elements for messages, e.g. "<ShowRouteResp><tables>";
// long names and deep paths are shortened so an error stays one line.
func (p *parser) path() string {
	var b []byte
	for _, l := range p.levels {
		b = append(b, '<')
		b = append(b, shorten(l.name, 40)...)
		b = append(b, '>')
	}
	return shortPath(string(b))
}

// errAt builds a SyntaxError at buffer offset rel from p.pos.
func (p *parser) errAt(rel int, msg string) error {
	return &SyntaxError{Offset: p.base + int64(p.pos+rel), Path: p.path(), Msg: msg}
}

// eofErr reports a truncated document, or the read error that stopped it
// (a LimitError that fill raised is returned as is).
func (p *parser) eofErr() error {
	if le, ok := p.rerr.(*LimitError); ok {
		return le
	}
	if p.rerr != nil && p.rerr != io.EOF {
		return &SyntaxError{Offset: p.base + int64(p.end), Path: p.path(), Msg: "read error: " + p.rerr.Error(), Err: p.rerr}
	}
	return &SyntaxError{Offset: p.base + int64(p.end), Path: p.path(), Msg: "unexpected EOF", Err: io.ErrUnexpectedEOF}
}

// keepingText reports whether character data at this point is stored:
// inside a kept element, before its first child. Text after a child is
// that child's tail in lxml's model, which ist.py never reads.
func (p *parser) keepingText() bool {
	if len(p.levels) == 0 {
		return false
	}
	top := &p.levels[len(p.levels)-1]
	return top.kept && !top.hasChild
}

// countingText reports whether character data at this point would be
// kept but for Options.Keep: it counts against MaxText (silentText).
func (p *parser) countingText() bool {
	if len(p.levels) == 0 {
		return false
	}
	top := &p.levels[len(p.levels)-1]
	return top.silent && !top.hasChild
}

// countText adds n bytes of a left-out element's text (countingText).
func (p *parser) countText(n int) error {
	if p.silentText += n; p.silentText > p.maxText {
		return p.limitErr(LimitText, int64(p.maxText))
	}
	return nil
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
		if ok, err := p.step(); ok || err != nil {
			if err != nil {
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

// open starts the element of start tag t. The tokenizer's part is here:
// the parent's text, the held-bytes bookkeeping, and the level stack; the
// node is made by build, on this goroutine or, pipelined, on the
// builder's (see parse_pipe.go).
func (p *parser) open(t *tagInfo) {
	if d := len(p.levels); d > 0 && !t.selected && p.levels[d-1].silent {
		// Inside a left-out element (Options.Keep), which has no text to
		// end: so is this one. The commonest open, for route show.
		p.levels[d-1].hasChild = true
		p.text, p.silentText = p.text[:0], 0
		p.levels = append(p.levels, level{name: t.name, tag: t, silent: true, childStart: len(p.kids)})
		return
	}
	lv := p.levelFor(t)
	ptext := ""
	if d := len(p.levels); d > 0 {
		top := &p.levels[d-1]
		if top.kept && !top.hasChild && len(p.text) > 0 {
			// The text before the first child is the element's text, as
			// lxml's .text (what ist.py prints): in pretty-printed XML a
			// container's text is the indentation before its first child.
			ptext = p.carveText(p.text)
		}
		top.hasChild = true
	}
	p.text, p.silentText = p.text[:0], 0
	p.rootSeen = true
	if lv.selected {
		if p.selOpen == 0 {
			p.recOpen = p.base + int64(p.pos)
		}
		p.selOpen++
	}
	if d := len(p.levels); d > 0 && !lv.selected && ptext == "" {
		if top := &p.levels[d-1]; top.silent || (top.kept && t.drop) {
			lv.silent, lv.kept, lv.childStart = true, false, len(p.kids)
			p.levels = append(p.levels, lv)
			return
		}
	}
	if lv.selected {
		p.unsilence()
	}
	if p.pipe != nil {
		p.levels = append(p.levels, lv)
		p.pipe.add(event{tag: t, text: ptext})
		return
	}
	p.build(lv, t.attrs, ptext)
}

// unsilence makes (or, pipelined, sends the builder the opens of) the
// left-out elements a record opens in (Options.Keep: a record is always
// delivered, with its Parent chain); they are kept from here on, without
// what came before. The silent elements are the innermost open ones, the
// parent of the outermost a kept element.
func (p *parser) unsilence() {
	i := len(p.levels)
	for i > 0 && p.levels[i-1].silent {
		i--
	}
	for ; i < len(p.levels); i++ {
		lv, parent := &p.levels[i], &p.levels[i-1]
		lv.silent, lv.kept = false, true
		if p.pipe != nil {
			p.pipe.add(event{tag: lv.tag})
			continue
		}
		// What build does for a kept element, its level already pushed
		// (nothing was added to the children since).
		n := p.newNode()
		n.Name, n.Attrs, n.Parent = lv.name, lv.tag.attrs, parent.node
		p.kids = append(p.kids, n)
		lv.node, lv.childStart = n, len(p.kids)
	}
}

// build makes the node of a new element (when it is kept) and pushes its
// level. ptext is the parent's text, set when this is its first child.
func (p *parser) build(lv level, attrs []Attr, ptext string) {
	var parent *Node
	if d := len(p.levels); d > 0 {
		top := &p.levels[d-1]
		parent = top.node
		if ptext != "" {
			parent.Text = ptext
		}
		top.hasChild = true
	}
	if lv.selected && p.reuse {
		p.marks = append(p.marks, slabMark{p.nodeSlab, p.kidSlab})
	}
	if lv.kept {
		n := p.newNode()
		n.Name = lv.name
		n.Attrs = attrs
		n.Parent = parent
		if parent != nil && !lv.selected {
			p.kids = append(p.kids, n)
		}
		lv.node = n
	}
	lv.childStart = len(p.kids)
	p.levels = append(p.levels, lv)
}

// isSelected reports whether elements called name are records for fn.
func (p *parser) isSelected(name string) bool { return !p.keepAll && p.sel[name] }

// endTag parses "</name>" and closes the innermost element.
func (p *parser) endTag() error {
	// ("</name>" of the open element, all buffered, was taken by step.)
	// The name is scanned once: offsets from p.pos survive fill.
	i, j := 2, -1
	for {
		b := p.buf[p.pos:p.end]
		for i < len(b) && !nameEnd[b[i]] {
			i++
		}
		if i < len(b) {
			if j < 0 {
				j = i
			}
			for j < len(b) && isSpace(b[j]) {
				j++
			}
		}
		if j < 0 || j >= len(b) {
			if len(b) > MaxTagLen {
				return p.limitErr(LimitTag, MaxTagLen)
			}
			if !p.fill() {
				return p.eofErr()
			}
			continue
		}
		if b[j] != '>' {
			return p.errAt(j, "expected '>' to end </"+shorten(string(b[2:i]), 40)+">")
		}
		d := len(p.levels)
		if d == 0 {
			return p.errAt(0, "end tag </"+shorten(string(b[2:i]), 40)+"> without a start tag")
		}
		if want := p.levels[d-1].name; string(b[2:i]) != want {
			return p.errAt(0, "end tag </"+shorten(string(b[2:i]), 40)+"> does not match <"+shorten(want, 40)+">")
		}
		p.pos += j + 1
		return p.close()
	}
}

// close ends the innermost element: the tokenizer's part (its text, the
// held-bytes check), then unbuild, here or on the builder's goroutine.
func (p *parser) close() error {
	d := len(p.levels) - 1
	lv := &p.levels[d]
	text := ""
	if lv.kept && !lv.hasChild && len(p.text) > 0 {
		text = p.carveText(p.text)
	}
	p.text, p.silentText = p.text[:0], 0
	if d == 0 {
		p.rootDone = true
	}
	if lv.selected {
		if err := p.recordDone(); err != nil {
			return err
		}
	}
	if p.pipe != nil {
		// Without a child, the last event is this element's open. A
		// silent element sends nothing.
		if !lv.silent && (lv.hasChild || !p.pipe.closeLeaf(text)) {
			p.pipe.add(event{text: text, kind: evClose})
		}
		p.levels[d] = level{}
		p.levels = p.levels[:d]
		return nil
	}
	return p.unbuild(text)
}

// unbuild completes the innermost element's node (text is its text when
// it has no child), pops its level and hands a record to fn.
func (p *parser) unbuild(text string) error {
	d := len(p.levels) - 1
	lv := p.levels[d]
	p.levels[d] = level{} // no stale node pointer in the backing array
	p.levels = p.levels[:d]
	n := lv.node
	if n == nil {
		return nil // a selected element always has a node
	}
	if kids := p.kids[lv.childStart:]; len(kids) > 0 {
		n.Children = p.carveKids(kids)
		clear(kids) // no stale node pointers in the backing array
		p.kids = p.kids[:lv.childStart]
	} else {
		n.Children = nil
	}
	if !lv.hasChild {
		n.Text = text
	}
	if !lv.selected {
		return nil
	}
	p.materializeOpen()
	if err := p.fn(n); err != nil {
		return err
	}
	if p.reuse {
		p.rewindSlabs()
	} else if !p.keepAll {
		p.newRecordSlabs()
	}
	return nil
}

// recordDone accounts for a selected element that just closed: when it
// was the outermost one, its bytes join the held budget (unless
// transient, where its memory is reused) and the budget is checked.
func (p *parser) recordDone() error {
	p.selOpen--
	if p.selOpen > 0 || p.recOpen < 0 {
		return nil
	}
	size := p.base + int64(p.pos) - p.recOpen
	p.recOpen = -1
	if p.held == nil {
		return nil
	}
	held := p.held.Used() + size // transient: its memory is reused next
	if !p.reuse {
		held = p.held.used.Add(size)
	}
	if p.held.Max > 0 && held > p.held.Max {
		return p.limitErr(LimitHeld, p.held.Max)
	}
	return nil
}
