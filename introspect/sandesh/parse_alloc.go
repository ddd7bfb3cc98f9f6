package sandesh

import "unsafe"

// Allocation helpers: interning and slabs keep a 100k-route parse at a
// few tens of thousands of allocations.

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
		// The size of the last record, or double what this one took so
		// far when it outgrows that.
		size := min(max(p.estNodes, p.recNodes, 8), nodeSlabSize)
		switch {
		case p.reuse && p.reuseNodes == 0 && len(p.tNodes) > 0:
			// A recycled parser's transient slab (parse_pool.go).
			p.nodeSlab, p.reuseNodes = p.tNodes, len(p.tNodes)
		case p.reuse:
			// Grow until a record fits, so that rewinding works.
			p.reuseNodes = min(max(2*p.reuseNodes, nodeSlabSize), reuseSlabMax)
			p.nodeSlab = make([]Node, p.reuseNodes)
			p.tNodes = p.nodeSlab
		default:
			p.nodeSlab = make([]Node, size)
		}
	}
	p.recNodes++
	n := &p.nodeSlab[0]
	p.nodeSlab = p.nodeSlab[1:]
	if p.reuse {
		*n = Node{} // may be a rewound one
	}
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
		p.textSlab = make([]byte, max(p.textNext, len(b)))
		p.textNext = min(2*p.textNext, textSlabSize)
	}
	s := p.textSlab[:len(b):len(b)]
	p.textSlab = p.textSlab[len(b):]
	copy(s, b)
	return unsafe.String(&s[0], len(s))
}

func (p *parser) carveKids(src []*Node) []*Node {
	n := len(src)
	if len(p.kidSlab) < n {
		size := max(min(max(p.estKids, p.recKids, 16), kidSlabSize), n)
		switch {
		case p.reuse && p.reuseKids == 0 && len(p.tKids) >= n:
			p.kidSlab, p.reuseKids = p.tKids, len(p.tKids)
		case p.reuse:
			p.reuseKids = min(max(2*p.reuseKids, kidSlabSize), reuseSlabMax)
			p.kidSlab = make([]*Node, max(p.reuseKids, n))
			p.tKids = p.kidSlab
		default:
			p.kidSlab = make([]*Node, size)
		}
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
		p.attrSlab = make([]Attr, max(p.attrNext, n))
		p.attrNext = min(2*p.attrNext, attrSlabSize)
	}
	s := p.attrSlab[:n:n]
	p.attrSlab = p.attrSlab[n:]
	copy(s, src)
	return s
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

// reuseSlabMax bounds the slabs StreamTransient grows to fit a record.
const reuseSlabMax = 1 << 14

// rewindSlabs gives the node and child slab space of a record that fn has
// seen back to the parser (StreamTransient). Everything handed out since
// the record opened belongs to it (nested records were delivered and
// rewound already); when the slab was replaced meanwhile, the old one is
// left to the collector and the next records continue in the new one.
func (p *parser) rewindSlabs() {
	m := p.marks[len(p.marks)-1]
	p.marks[len(p.marks)-1] = slabMark{}
	p.marks = p.marks[:len(p.marks)-1]
	if sameSlab(m.nodes, p.nodeSlab) {
		p.nodeSlab = m.nodes
	}
	if sameSlab(m.kids, p.kidSlab) {
		p.kidSlab = m.kids
	}
}

// slabMark is where the node and child slabs stood when a record opened.
type slabMark struct {
	nodes []Node
	kids  []*Node
}

// sameSlab reports whether cur is a tail of mark (the same backing array).
func sameSlab[T any](mark, cur []T) bool {
	if cap(mark) == 0 || cap(cur) == 0 {
		return false
	}
	return &mark[:cap(mark)][cap(mark)-1] == &cur[:cap(cur)][cap(cur)-1]
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
