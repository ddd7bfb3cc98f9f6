package sandesh

import "io"

// Parsing ahead. The pages of a long answer are separate documents: while
// the caller still takes the records of one page, the next page's bytes
// can already be tokenized on another core (the tokenizer is the larger
// half of the parse, see parse_pipe.go). StreamAhead starts that
// tokenizer before the caller is ready for the records; its events queue
// up, bounded, until Run builds them on the caller's goroutine. The
// events are the ones the pipelined parser sends its builder, so a
// document parsed ahead gives the same records and the same error, at
// the same offset, as StreamWith.

const (
	// aheadBytes bounds the document bytes tokenized ahead of the
	// builder (a control node's page of 1000 routes is about 3 MB); the
	// tokenizer waits there, so what is queued stays bounded whatever
	// the document.
	aheadBytes = 4 << 20
	// aheadDepth bounds the batches queued (events of tiny elements
	// would otherwise cost more than their bytes).
	aheadDepth = 64
)

// Ahead is a document being tokenized ahead of its turn (StreamAhead).
type Ahead struct{ q *pipe }

// StreamAhead starts parsing r, as StreamWith(r, names, fn, o) would, on
// a goroutine of its own, before fn is known: the records are built and
// handed to fn by Run. Call Run or Stop once.
//
// With a Budget (o.Held) the document counts the records it reads as it
// tokenizes them, so a budget shared with documents parsed meanwhile
// sees them in another order than one after the other: the caller parses
// ahead only documents whose counts cannot interleave (transient ones,
// whose records are not added to the budget).
func StreamAhead(r io.Reader, names []string, o Options) *Ahead {
	return &Ahead{q: newParser(r).selecting(names, nil, o).startPipe(aheadDepth, true)}
}

// Run builds the document's records on this goroutine and hands them to
// fn, and returns what StreamWith would: fn's error as is, or the
// document's error after the records before it.
func (a *Ahead) Run(fn func(*Node) error) error { return a.q.build(fn) }

// Stop abandons the document (instead of Run): its tokenizer ends at its
// next batch or refill. One blocked in the reader's Read ends when the
// caller ends that read (closes the body).
func (a *Ahead) Stop() { a.q.halt() }
