package sandesh

import (
	"cmp"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// Pipelined parsing. On a machine with more than one core, a document
// that is not a small in-memory one is parsed by two goroutines: the
// tokenizer (a goroutine of its own) reads the bytes, finds the tags,
// decodes the text, checks the limits and keeps the tag cache; the
// builder (the caller's goroutine) makes the nodes and calls fn, so fn
// runs on the caller's goroutine as with the serial parser. The
// tokenizer sends the builder events in batches: open an element (its
// start tag, and its parent's text when it is the first child), close one
// (its text). Both halves run the same code as the serial parser (open
// and close split at build and unbuild), so the two modes give the same
// records and the same errors.

// event is one step of the builder.
type event struct {
	tag  *tagInfo // open, leaf: the start tag (read-only once made)
	text string   // open: the parent's text; close, leaf: the element's text
	kind uint8
}

// Event kinds. A leaf is an open and its close in one event: most
// elements are leaves, so this saves a third of the events.
const (
	evOpen uint8 = iota
	evClose
	evLeaf
)

// Batches are small while the builder has nothing to do yet (the start
// of a document: it waits for the first one) and again once the input
// has ended (the last batch is all the builder does alone), large in
// between. An answer of 100 pages has 100 such starts and ends.
const (
	pipeBatch = 4096 // events per batch
	pipeEdge  = 256  // events per batch at the start and after the input ended
	pipeDepth = 4    // batches in flight
)

// batch is a run of events; the last one carries the tokenizer's result.
type batch struct {
	evs []event
	err error
	off int64 // ahead: the document offset the tokenizer had read to when it sent the batch
}

// batchPool recycles batches across documents (the pages of an answer).
var batchPool = sync.Pool{New: func() any { return &batch{evs: make([]event, 0, pipeBatch)} }}

// newBatch is an empty batch from the pool.
func newBatch() *batch {
	b := batchPool.Get().(*batch)
	b.evs, b.err = b.evs[:0], nil
	return b
}

// pipe joins the tokenizer and the builder.
type pipe struct {
	cur     *batch
	limit   int  // events of the current batch: pipeEdge, doubling up to pipeBatch
	ended   bool // the input ended: batches stay at pipeEdge
	out     chan *batch
	stop    chan struct{} // closed (halt) when the builder stops early or the caller abandons the parse
	stopOne sync.Once
	stopped bool // the tokenizer saw stop

	reuse, keepAll bool // the builder's settings, the tokenizer's

	// Ahead (StreamAhead): the tokenizer runs before the builder, at
	// most aheadBytes of the document past what the builder has built.
	ahead bool
	at    int64         // tokenizer: the document offset read to at the last refill
	built atomic.Int64  // builder: the offset of the last batch built
	room  chan struct{} // builder → tokenizer: a batch was built
	waits atomic.Int32  // times the tokenizer waited at its bound (tests)
}

// errStopped ends a tokenizer whose builder stopped.
var errStopped = errors.New("sandesh: parse stopped")

// pipeMode forces the mode in tests: 0 auto, 1 serial, 2 pipelined.
var pipeMode = 0

// pipeMin is the size from which an in-memory document (a reader with
// Len) is worth a second goroutine.
const pipeMin = 1 << 20

// usePipe reports whether p's document is parsed by two goroutines.
func (p *parser) usePipe() bool {
	switch pipeMode {
	case 1:
		return false
	case 2:
		return true
	}
	if runtime.GOMAXPROCS(0) < 2 {
		return false
	}
	if p.r == nil {
		return len(p.buf) >= pipeMin // in memory, read where it lies
	}
	if l, ok := p.r.(interface{ Len() int }); ok && l.Len() < pipeMin {
		return false
	}
	return true
}

// closeLeaf turns the last event, the open of an element that closes
// without a child, into a leaf event with the element's text; false when
// it cannot (the open went out in the previous batch, or carries its
// parent's text).
func (q *pipe) closeLeaf(text string) bool {
	evs := q.cur.evs
	if len(evs) == 0 {
		return false
	}
	last := &evs[len(evs)-1]
	if last.kind != evOpen || last.text != "" {
		return false
	}
	last.kind, last.text = evLeaf, text
	return true
}

// add queues one event for the builder.
func (q *pipe) add(ev event) {
	q.cur.evs = append(q.cur.evs, ev)
	if len(q.cur.evs) >= q.limit {
		q.send()
	}
}

// inputEnded makes the batches small again: what is left is in the
// buffer, and the builder should not be left with a large last batch.
func (q *pipe) inputEnded() { q.limit, q.ended = pipeEdge, true }

// send hands the current batch over and starts another.
func (q *pipe) send() {
	q.cur.off = q.at
	if !q.stopped {
		select {
		case q.out <- q.cur:
			q.cur = newBatch()
			if !q.ended {
				q.limit = min(2*q.limit, pipeBatch)
			}
		case <-q.stop:
			q.stopped = true
		}
	}
	q.cur.evs = q.cur.evs[:0]
}

// halted reports (without blocking) whether the builder stopped.
func (q *pipe) halted() bool {
	if !q.stopped {
		select {
		case <-q.stop:
			q.stopped = true
		default:
		}
	}
	return q.stopped
}

// halt stops the tokenizer at its next batch or refill (once).
func (q *pipe) halt() { q.stopOne.Do(func() { close(q.stop) }) }

// throttle, at a refill at document offset off, makes an ahead tokenizer
// wait while it is more than aheadBytes past the builder (the batch so
// far goes out first, so the builder can catch up); false when the
// parse was halted meanwhile.
func (q *pipe) throttle(off int64) bool {
	q.at = off
	if !q.ahead || off-q.built.Load() <= aheadBytes {
		return true
	}
	q.send() // even empty: it carries off, the builder's built mark
	q.waits.Add(1)
	for off-q.built.Load() > aheadBytes {
		select {
		case <-q.room:
		case <-q.stop:
			q.stopped = true
			return false
		}
	}
	return true
}

// runPiped parses with p as the tokenizer on a goroutine of its own and a
// builder on this one.
func (p *parser) runPiped() error {
	fn := p.fn // p belongs to the tokenizer once it started
	return p.startPipe(pipeDepth, false).build(fn)
}

// startPipe starts p as the tokenizer on a goroutine of its own, at most
// depth batches ahead of the builder (and with ahead, at most aheadBytes
// of the document), and returns the pipe to build from.
func (p *parser) startPipe(depth int, ahead bool) *pipe {
	q := &pipe{out: make(chan *batch, depth), stop: make(chan struct{}), cur: newBatch(), limit: pipeEdge,
		reuse: p.reuse, keepAll: p.keepAll, ahead: ahead}
	if ahead {
		// The builder is not waiting for a first batch: full batches from
		// the start.
		q.limit, q.room = pipeBatch, make(chan struct{}, 1)
	}
	p.pipe = q
	go func() {
		defer close(q.out)
		err := p.run()
		stopped := q.stopped
		p.release() // the tokenizer owns the buffer and its tables, also after an early return
		if stopped {
			return
		}
		q.cur.err = err
		select {
		case q.out <- q.cur:
		case <-q.stop:
		}
	}()
	return q
}

// build is the builder: it makes the records of q's events on this
// goroutine and hands them to fn, and returns the tokenizer's result
// (or fn's error).
func (q *pipe) build(fn func(*Node) error) error {
	b := getParser()
	b.fn, b.reuse, b.keepAll = fn, q.reuse, q.keepAll
	defer b.release()
	for bt := range q.out {
		if err := b.replay(bt); err != nil || bt.err != nil {
			if err != nil && bt.err == nil {
				// fn failed: return at once, as the serial parser does. The
				// tokenizer stops at its next refill, or when the caller
				// closes the body it may be blocked reading.
				q.halt()
			}
			return cmp.Or(err, bt.err)
		}
		if q.ahead {
			q.built.Store(bt.off)
			select {
			case q.room <- struct{}{}:
			default:
			}
		}
		batchPool.Put(bt)
	}
	return nil
}

// replay builds the events of one batch; the batch's error (the
// tokenizer's result) follows its events.
func (b *parser) replay(bt *batch) error {
	for i := range bt.evs {
		ev := &bt.evs[i]
		switch ev.kind {
		case evOpen:
			b.build(b.levelFor(ev.tag), ev.tag.attrs, ev.text)
		case evLeaf:
			if d := len(b.levels); d > 0 && !ev.tag.selected {
				b.buildLeaf(&b.levels[d-1], ev.tag, ev.text)
				continue
			}
			b.build(b.levelFor(ev.tag), ev.tag.attrs, "")
			fallthrough
		case evClose:
			if err := b.unbuild(ev.text); err != nil {
				return err
			}
		}
	}
	return bt.err
}

// buildLeaf is build and unbuild of a leaf that is not a record, under
// top, without pushing its level: most elements are such leaves.
func (b *parser) buildLeaf(top *level, t *tagInfo, text string) {
	top.hasChild = true
	if !top.kept && !b.keepAll {
		return
	}
	n := b.newNode()
	n.Name, n.Attrs, n.Text, n.Parent = t.name, t.attrs, text, top.node
	b.kids = append(b.kids, n)
}

// levelFor is the level of a new element of tag t under the open ones.
func (p *parser) levelFor(t *tagInfo) level {
	d := len(p.levels)
	selected := t.selected || (p.keepAll && d == 0) // Parse: the root is handed to fn when complete
	return level{name: t.name, tag: t, selected: selected, kept: p.keepAll || selected || (d > 0 && p.levels[d-1].kept)}
}
