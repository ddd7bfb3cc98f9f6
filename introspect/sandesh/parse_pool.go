package sandesh

import "sync"

// Parser recycling. Every document needs the same working memory
// whatever it delivers: the tables of interned names, start tags and
// attribute lists, the stack of open elements, the text being read, and
// (StreamTransient) the node and child slabs its records are built in.
// Made afresh per document, that memory costs a small answer more than
// its records do (a bundle asks thousands of them), so parsers are
// recycled through parserPool. Nothing handed out points into it: names,
// texts, attribute lists and child lists are copies or read-only values,
// and a transient record's slab memory is the caller's only during fn.

// The tables are cleared for the next document (a tag's selection
// depends on the names asked for); tables a hostile document made large
// are dropped rather than kept.
const (
	poolMaxEntries = 1024    // entries of a table kept for the next parser
	poolMaxText    = 1 << 20 // bytes of the text buffer kept
	poolMaxLevels  = 64      // open-element stack kept
)

var parserPool = sync.Pool{New: func() any { return new(parser) }}

// getParser is a parser with the defaults of a new document and the
// memory of a recycled one.
func getParser() *parser {
	p := parserPool.Get().(*parser)
	if p.intern == nil {
		p.intern = make(map[string]string, 64)
		p.attrSets = make(map[string][]Attr, 64)
		p.tags = make(map[string]*tagInfo, 64)
		p.sel = make(map[string]bool, 8)
	}
	p.maxText, p.recOpen = DefaultMaxText, -1
	p.estNodes, p.estKids = firstNodeSlab, firstKidSlab
	p.textNext, p.attrNext = firstTextSlab, firstAttrSlab
	return p
}

// release gives the read buffer and the parser back for another
// document. The parser must not be used after.
func (p *parser) release() {
	p.releaseBuf()
	keep := parser{
		intern: p.intern, attrSets: p.attrSets, tags: p.tags, sel: p.sel,
		levels: p.levels[:0], kids: p.kids[:0], text: p.text[:0],
		attrTmp: p.attrTmp[:0], spans: p.spans[:0], marks: p.marks[:0],
		tNodes: p.tNodes, tKids: p.tKids,
	}
	if len(keep.intern) > poolMaxEntries || len(keep.attrSets) > poolMaxEntries || len(keep.tags) > poolMaxEntries || len(keep.sel) > poolMaxEntries {
		keep.intern, keep.attrSets, keep.tags, keep.sel = nil, nil, nil, nil
	} else {
		clear(keep.intern)
		clear(keep.attrSets)
		clear(keep.tags)
		clear(keep.sel)
	}
	if cap(keep.text) > poolMaxText {
		keep.text = nil
	}
	if cap(keep.levels) > poolMaxLevels {
		keep.levels = nil
	}
	// No stale node pointers: the stack and child list are cleared as
	// elements close, but an error may stop a parse with elements open.
	clear(keep.levels[:cap(keep.levels)])
	clear(keep.kids[:cap(keep.kids)])
	clear(keep.marks[:cap(keep.marks)])
	*p = keep
	parserPool.Put(p)
}
