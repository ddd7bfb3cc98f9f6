package client

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Pipelining of next_batch pages: a control node writes next_batch at the
// end of a page, so the parser learns the next path only when the page is
// done and the server then sits idle while the client asks again. A
// readAhead reads the body ahead of the parser (bounded); when the body
// ends it looks for the last next_batch in the tail and GETs that page at
// once, while the parser is still busy with the buffered bytes. The
// prefetched page is used only when the parser's own continuation is the
// same path; otherwise it is dropped, so the output never depends on the
// guess.
//
// Parsing ahead: the pages are separate documents, and the parser's
// tokenizer is the larger half of its work, on one core. So once page N
// is being delivered, page N+1's body is read and tokenized at once on
// other goroutines (sandesh.StreamAhead, bounded), and its records are
// built and handed on when page N is done, in order: two tokenizers share
// the cores. Whether the page is used is still decided by page N's own
// continuation; a dropped page's parse is stopped and its records never
// built. Its errors come out of Run when its turn comes, after its
// records, as they would serially. At most one page is parsed ahead of
// the one being delivered (a page's parse starts when the page before it
// gets its turn), and only between transient pages: their records are
// not added to the held-bytes budget, so the budget sees the same counts
// in either order. Agent PageReq chains are neither prefetched nor
// parsed ahead (pipelined).

const (
	aheadChunk  = 256 << 10
	aheadChunks = 16      // at most 4 MiB read ahead of the parser
	tailKeep    = 8 << 10 // bytes kept for the next_batch look-up at the end
)

// walk is one request's way through its pages on one host.
type walk struct {
	c      *Client
	ctx    context.Context
	t      Target
	req    Request
	budget *sandesh.Budget
	names  []string // the request's record names, next_batch and Pagination
	ahead  bool     // pages may be parsed ahead (transient records, more than one core)
}

// namesFor is the elements selected in the page at path.
func (w *walk) namesFor(path string) []string {
	if f := flowLinkField(path); f != "" {
		return append(w.names[:len(w.names):len(w.names)], f)
	}
	return w.names
}

// delivering is the turn of a page fetched in its turn: already open.
var delivering = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// prefetch is a GET started ahead of its turn, and maybe its parse.
type prefetch struct {
	path   string
	cancel context.CancelFunc
	done   chan struct{} // closed when the fields below are set
	body   io.ReadCloser
	err    error
	// Parsed ahead: ra reads the body and parsed tokenizes it. Else
	// first (and rerr) may hold the body's first chunk, already read
	// when the page turned out not to be parsed ahead.
	first  *[]byte
	rerr   error
	ra     *readAhead
	parsed *sandesh.Ahead
	// turn is closed when the page's records are being delivered: the
	// page after it may then be parsed ahead.
	turn chan struct{}
}

// prefetch starts the GET of page (at path) in the background (nil past
// the page limit). With
// parse, once after is closed (the page before gets its turn) the page's
// parse starts too, unless its body is a multi-part answer (held, not
// transient) or not a next_batch page.
func (w *walk) prefetch(path string, page int, after <-chan struct{}, parse bool) *prefetch {
	if page > w.c.maxPages() {
		return nil // the loop refuses it: not worth a GET
	}
	ctx, cancel := context.WithCancel(w.ctx)
	f := &prefetch{path: path, cancel: cancel, done: make(chan struct{}), turn: make(chan struct{})}
	go func() {
		defer close(f.done)
		body, err := w.c.get(ctx, w.t, path, page)
		if err != nil {
			f.err = err
			cancel()
			return
		}
		f.body = cancelOnClose{body, cancel}
		if !parse || !pipelined(path) {
			return
		}
		select {
		case <-after:
		case <-ctx.Done():
			return // dropped (drop closes the body)
		}
		f.first, f.rerr = readFirst(f.body)
		if (f.rerr != nil && f.rerr != io.EOF) || multiPart(headOf(f.first)) {
			return // parsed in its turn, the way the loop parses such a body
		}
		first := f.first
		f.first = nil
		f.ra = newReadAhead(f.body, first, guessNextBatch, func(p string) *prefetch { return w.prefetch(p, page+1, f.turn, true) })
		f.parsed = sandesh.StreamAhead(f.ra, w.namesFor(path), w.c.parseOptions(w.req, false, w.budget))
		w.c.parsedAhead.Add(1)
	}()
	return f
}

// take waits for the GET (and the start of the parse) and returns the
// GET's error.
func (f *prefetch) take() error {
	<-f.done
	return f.err
}

// drop abandons the page without waiting: the GET, the parse and the
// body are ended, and so is the page prefetched after it.
func (f *prefetch) drop() {
	f.cancel()
	go func() {
		<-f.done
		if f.parsed != nil {
			f.parsed.Stop()
		}
		if f.ra != nil {
			if next := f.ra.finish(f.body); next != nil {
				next.drop()
			}
		} else if f.body != nil {
			f.body.Close()
		}
		if f.first != nil {
			chunkPool.Put(f.first)
		}
	}()
}

// chunkPool recycles read-ahead chunks across bodies: a 100-page answer
// would otherwise allocate its read-ahead memory a hundred times.
// A chunk holds chunkHeadroom free bytes, then up to aheadChunk bytes of
// the body: the parser reads a chunk where it lies, and moves the
// unfinished token at the end of the previous one into the headroom
// (ReadChunk).
var chunkPool = sync.Pool{New: func() any { b := make([]byte, chunkHeadroom+aheadChunk); return &b }}

// chunkHeadroom is room for a token cut at a chunk's end (a start tag is
// under 200 bytes in Sandesh; a longer one takes the slow way).
const chunkHeadroom = 4 << 10

// data is the body's bytes in chunk c.
func data(c *[]byte) []byte { return (*c)[chunkHeadroom:] }

// setData makes chunk c hold n bytes of body.
func setData(c *[]byte, n int) { *c = (*c)[:chunkHeadroom+n] }

// readAhead is an io.Reader over a body read by its own goroutine, and a
// sandesh.ChunkReader: the parser reads the chunks where they lie.
type readAhead struct {
	chunks chan *[]byte
	cur    []byte
	last   *[]byte // the chunk cur (or the parser's buffer) is part of
	long   []byte  // the parser's buffer when a token outgrew the headroom
	err    error   // the body's read error once chunks is closed (io.EOF at the end)
	stop   chan struct{}
	// next is the prefetch started at the end of the body (nil if none);
	// valid once chunks is closed.
	next *prefetch
}

// readFirst reads the first chunk of a body: all of it when it ends
// within (the error is then io.EOF), else a full chunk and nil, or what
// came before a read error and that error. The chunk is chunkPool's.
func readFirst(body io.Reader) (*[]byte, error) {
	c := chunkPool.Get().(*[]byte)
	setData(c, aheadChunk)
	n, err := io.ReadFull(body, data(c))
	setData(c, n)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return c, err
}

// minChunk is the least a read-ahead chunk holds before it is handed to
// the parser, unless the body ends: a Read returns what the connection
// has, read straight into the chunk (see ReadBufferSize in New).
const minChunk = aheadChunk / 4

// newReadAhead starts reading body, after first (a chunk already read,
// given to the reader; nil for none); guess, called with the tail of the
// body once it ended, returns the path to prefetch ("" for none) and
// start starts that GET. With guess nil it only reads ahead (a --file:
// the reads happen on another core while the parser works).
func newReadAhead(body io.Reader, first *[]byte, guess func(tail []byte) string, start func(path string) *prefetch) *readAhead {
	ra := &readAhead{chunks: make(chan *[]byte, aheadChunks), stop: make(chan struct{})}
	go func() {
		defer close(ra.chunks)
		var tail []byte
		c := first
		for {
			var err error
			if c == nil {
				c = chunkPool.Get().(*[]byte)
				setData(c, aheadChunk)
				n := 0
				for n < minChunk && err == nil {
					var k int
					k, err = body.Read(data(c)[n:])
					n += k
				}
				setData(c, n)
			}
			if len(data(c)) > 0 {
				if guess != nil {
					tail = keepTail(tail, data(c))
				}
				select {
				case ra.chunks <- c:
				case <-ra.stop:
					chunkPool.Put(c)
					return
				}
			} else {
				chunkPool.Put(c)
			}
			c = nil
			if err != nil {
				if err == io.EOF && guess != nil {
					if p := guess(tail); p != "" {
						ra.next = start(p)
					}
				}
				ra.err = err
				return
			}
		}
	}()
	return ra
}

// tailOf is the end of a body kept for the next_batch look-up.
func tailOf(b []byte) []byte { return b[max(0, len(b)-tailKeep):] }

// keepTail appends b to tail and keeps the last tailKeep bytes.
func keepTail(tail, b []byte) []byte {
	if len(b) >= tailKeep {
		return append(tail[:0], b[len(b)-tailKeep:]...)
	}
	tail = append(tail, b...)
	return tail[max(0, len(tail)-tailKeep):]
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.last != nil {
			chunkPool.Put(ra.last)
			ra.last = nil
		}
		c, ok := <-ra.chunks
		if !ok {
			return 0, ra.err
		}
		ra.cur, ra.last = data(c), c
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// ReadChunk hands the parser the next chunk where it lies, keep (the
// unfinished end of the previous buffer) moved into its headroom; a keep
// too long for it goes with the chunk's bytes into a buffer that grows
// by doubling and is kept while the token lasts, so a long one costs
// linear time. Only the parser's goroutine calls it (and DoneChunks).
func (ra *readAhead) ReadChunk(keep []byte) ([]byte, error) {
	c, ok := <-ra.chunks
	if !ok {
		return nil, ra.err
	}
	d := data(c)
	if len(keep) <= chunkHeadroom {
		b := (*c)[chunkHeadroom-len(keep):]
		copy(b, keep)
		ra.recycle(c)
		return b, nil
	}
	need := len(keep) + len(d)
	switch {
	case cap(ra.long) < need:
		nb := make([]byte, need, 2*need)
		copy(nb, keep)
		ra.long = nb
	case &keep[0] != &ra.long[:1][0]:
		ra.long = ra.long[:need]
		copy(ra.long, keep) // overlapping: copy moves
	default:
		ra.long = ra.long[:need] // keep is already at the start
	}
	copy(ra.long[len(keep):], d)
	chunkPool.Put(c)
	ra.recycle(nil)
	return ra.long, nil
}

// recycle gives back the chunk the parser read until now; c becomes it.
func (ra *readAhead) recycle(c *[]byte) {
	if ra.last != nil {
		chunkPool.Put(ra.last)
	}
	ra.last = c
	if c != nil && cap(ra.long) > 4*aheadChunk {
		ra.long = nil // a long token ended: do not keep its buffer
	}
}

// DoneChunks: the parser no longer reads the last chunk it was handed.
func (ra *readAhead) DoneChunks() { ra.recycle(nil) }

// finish closes body (which ends a read still blocked in the reader
// goroutine when the parse stopped early), waits for that goroutine and
// returns the prefetch it started, if the body was read to its end.
func (ra *readAhead) finish(body io.Closer) *prefetch {
	close(ra.stop)
	body.Close()
	for c := range ra.chunks {
		chunkPool.Put(c)
	}
	return ra.next
}

// cancelOnClose ends a prefetched GET's context with its body.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// guessNextBatch returns the continuation path of the last next_batch in
// tail, "" when there is none or it does not parse.
func guessNextBatch(tail []byte) string {
	i := bytes.LastIndex(tail, []byte("<next_batch"))
	if i < 0 {
		return ""
	}
	const endTag = "</next_batch>"
	j := bytes.Index(tail[i:], []byte(endTag))
	if j < 0 {
		return ""
	}
	n, err := sandesh.ParseBytes(tail[i : i+j+len(endTag)])
	if err != nil || n.Text == "" || n.Attr("link") == "" {
		return ""
	}
	return "Snh_" + n.Attr("link") + "?x=" + Escape(n.Text)
}

// pipelined reports whether pages of path may be fetched ahead: the
// next_batch family, not agent PageReq chains.
func pipelined(path string) bool { return !strings.HasPrefix(path, "Snh_PageReq?") }
