package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Request is one introspect query.
type Request struct {
	Path  string   // "Snh_<Req>?…", built with Path
	Names []string // elements handed to the callback (spec §5: the record elements)
	// Transient: the callback keeps nothing of a record once it returns
	// (strings excepted), so the parser may reuse record memory for the
	// next record (sandesh.StreamTransient). Records the client has to
	// hold (an agent's multi-part first page, several targets in Each)
	// are parsed the ordinary way.
	Transient bool
	// Keep: the elements the callback reads inside records, and those on
	// the way to them (sandesh.Options.Keep); nil: it may read any.
	Keep map[string]bool
}

// maxContinuation bounds a continuation path: real next_batch and
// Pagination cookies are tens of bytes, and each one is remembered.
const maxContinuation = 4096

// Stream fetches req from t, follows continuations like ist.py (spec §3.3)
// and calls fn for every selected element in document order.
//
// Records are passed on while the body is parsed. The one exception is
// the first document of a multi-part answer (an agent list): an agent
// Pagination with a next_page means that page is replaced by the `all`
// page, so its records are held until its end and then either delivered
// or dropped. With --file no continuation is followed. A next_batch
// page is requested while the previous one is still being parsed (see
// prefetch.go); records are still delivered in document order.
func (c *Client) Stream(ctx context.Context, t Target, req Request, fn func(*sandesh.Node) error) error {
	return c.stream(ctx, t, req, fn, c.newBudget())
}

// stream is Stream with the held-bytes budget of the request (shared by
// its hosts).
func (c *Client) stream(ctx context.Context, t Target, req Request, fn func(*sandesh.Node) error, budget *sandesh.Budget) error {
	req.Keep = keepPaging(req.Keep)
	if c.cfg.File != "" {
		return c.streamFile(ctx, req, fn, budget)
	}
	w := &walk{c: c, ctx: ctx, t: t, req: req, budget: budget,
		names: append(append([]string(nil), req.Names...), "next_batch", "Pagination"),
		ahead: req.Transient && !c.cfg.SerialPages && runtime.GOMAXPROCS(0) > 1}
	wanted := make(map[string]bool, len(req.Names))
	for _, n := range req.Names {
		wanted[n] = true
	}
	path := req.Path
	seen := map[string]bool{}
	var ahead *prefetch // the next page, GET already under way (see prefetch.go)
	defer func() {
		if ahead != nil {
			ahead.drop()
		}
	}()
	for page := 1; ; page++ {
		switch {
		case seen[path]:
			return &Error{Class: ClassParse, Where: where(t, path, page), What: "the server repeats the same continuation", Hint: "the daemon's paging is broken; fetch without continuation using --file on a saved page"}
		case page > c.maxPages():
			return c.pagesError(where(t, path, page))
		case len(path) > maxContinuation:
			return &Error{Class: ClassParse, Where: where(t, "", page), What: fmt.Sprintf("a continuation longer than %d bytes", maxContinuation), Hint: "the daemon's paging is broken or hostile"}
		}
		if err := ctx.Err(); err != nil && page > 1 {
			// Cancelled while a page was delivered: the next one may be
			// read already (prefetched), so its GET would not notice.
			return c.transportError(err, t, path, page)
		}
		seen[path] = true
		flowField := flowLinkField(path)
		var flowLink *sandesh.Node
		// The page's body, and what was done with it ahead of its turn:
		// its first chunk read, or its parse started (ra and parsed).
		var (
			body   io.ReadCloser
			first  *[]byte
			rerr   error
			ra     *readAhead
			parsed *sandesh.Ahead
			err    error
		)
		turn := delivering // closed: this page's records are being delivered
		if ahead != nil && ahead.path == path {
			err = ahead.take()
			body, first, rerr, ra, parsed, turn = ahead.body, ahead.first, ahead.rerr, ahead.ra, ahead.parsed, ahead.turn
			close(turn) // the page after this one may be parsed ahead now
		} else {
			if ahead != nil {
				ahead.drop()
			}
			body, err = c.get(ctx, t, path, page)
		}
		ahead = nil
		if err != nil {
			return err
		}
		pageReq := strings.HasPrefix(path, "Snh_PageReq?")
		hold := false
		if parsed == nil {
			// The first chunk of the body tells a small answer (most of
			// them: read whole, parsed where it lies, no reader goroutine)
			// from a large one (read ahead of the parser on another
			// goroutine).
			if first == nil {
				first, rerr = readFirst(body)
			}
			hold = !pageReq && multiPart(headOf(first))
		}
		var held []*sandesh.Node
		var nextBatch, pagination *sandesh.Node
		onNode := func(n *sandesh.Node) error {
			switch {
			case flowField != "" && n.Name == flowField && !wanted[n.Name]:
				flowLink = n.Clone(nil)
				return nil
			case n.Name == "next_batch" && !wanted[n.Name]:
				if nextBatch == nil {
					nextBatch = n.Clone(nil)
				}
				return nil
			case n.Name == "Pagination" && !wanted[n.Name]:
				if pagination == nil {
					pagination = n.Clone(nil)
				}
				return nil
			}
			if hold {
				held = append(held, n)
				return nil
			}
			if err := fn(n); err != nil {
				return callbackError{err}
			}
			return nil
		}
		pageNames := w.namesFor(path)
		opts := c.parseOptions(req, hold, budget)
		// The next page may be parsed ahead only when this one is
		// transient too: see "Parsing ahead" in prefetch.go.
		start := func(p string) *prefetch { return w.prefetch(p, page+1, turn, w.ahead && !hold) }
		switch {
		case parsed != nil:
			err = parsed.Run(onNode)
			ahead = ra.finish(body)
		case rerr == io.EOF:
			if pipelined(path) {
				if p := guessNextBatch(tailOf(data(first))); p != "" {
					ahead = start(p)
				}
			}
			err = sandesh.StreamBytes(data(first), pageNames, onNode, opts)
			chunkPool.Put(first)
		case rerr != nil:
			err = sandesh.StreamWith(io.MultiReader(bytes.NewReader(data(first)), errReader{rerr}), pageNames, onNode, opts)
			chunkPool.Put(first)
		default:
			var guess func([]byte) string
			if pipelined(path) {
				guess = guessNextBatch
			}
			ra = newReadAhead(body, first, guess, start)
			err = sandesh.StreamWith(ra, pageNames, onNode, opts)
			ahead = ra.finish(body)
		}
		body.Close()
		if cb, ok := err.(callbackError); ok {
			return cb.err
		}
		if err != nil {
			return c.bodyError(err, t, path, page)
		}
		next := ""
		if !pageReq {
			next = c.continuation(nextBatch, pagination, &held)
		}
		if flowLink != nil && next == "" {
			next = flowNext(path, flowLink.Text, flowLink.Attr("link"))
		}
		for _, n := range held {
			if err := fn(n); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		path = next
	}
}

// headOf is the start of a body's first chunk, enough to tell a
// multi-part answer.
func headOf(first *[]byte) []byte { return data(first)[:min(len(data(first)), 1024)] }

// pagingFields are the elements the client reads inside the records it
// selects itself to follow an answer's pages (Pagination; next_batch and
// the flow links are read whole): kept whatever the caller's Keep.
var pagingFields = []string{"req", "PageReqData", "next_page", "all"}

// keepPaging is keep with pagingFields (nil: keep every element).
func keepPaging(keep map[string]bool) map[string]bool {
	if keep == nil {
		return nil
	}
	k := maps.Clone(keep)
	for _, n := range pagingFields {
		k[n] = true
	}
	return k
}

// continuation returns the next path to fetch, or "". A Pagination that
// announces more pages drops the held first page: the `all` page that
// follows holds every entry.
func (c *Client) continuation(nextBatch, pagination *sandesh.Node, held *[]*sandesh.Node) string {
	if pagination != nil {
		if prd := pagination.Child("req").Child("PageReqData"); prd != nil {
			if textOf(prd.Child("next_page")) == "" {
				return ""
			}
			all := textOf(prd.Child("all"))
			if all == "" {
				fmt.Fprintln(os.Stderr, "ist: warning: the agent sent a next page but an empty `all` page; showing the first page only")
				return ""
			}
			*held = nil
			return "Snh_PageReq?x=" + Escape(all)
		}
	}
	if nextBatch == nil || nextBatch.Text == "" || nextBatch.Attr("link") == "" {
		return ""
	}
	return "Snh_" + nextBatch.Attr("link") + "?x=" + Escape(nextBatch.Text)
}

func textOf(n *sandesh.Node) string {
	if n == nil {
		return ""
	}
	return n.Text
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// multiPart reports whether the start of a body opens a multi-part answer
// (`<__X_list type="slist">`).
func multiPart(head []byte) bool {
	return bytes.HasPrefix(trimProlog(head), []byte("<__"))
}

// trimProlog skips a BOM, whitespace, processing instructions and comments.
func trimProlog(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return nil
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return nil
			}
			b = b[i+3:]
		default:
			return b
		}
	}
}

// URL is the address fetched for path on t, wrapped for the web-UI
// forward proxy when one is configured (spec §1.6).
func (c *Client) URL(t Target, path string) string {
	u := t.Scheme + "://" + t.Addr + "/" + path
	if c.cfg.Proxy != "" {
		u = strings.TrimSuffix(c.cfg.Proxy, "/") + "/forward-proxy?proxyURL=" + url.QueryEscape(u)
	}
	return u
}

// get performs one GET and returns the body of a 200 answer.
func (c *Client) get(ctx context.Context, t Target, path string, page int) (io.ReadCloser, error) {
	if c.cfg.Policy != nil {
		if err := c.cfg.Policy(path); err != nil {
			return nil, &Error{Class: ClassUsage, Where: where(t, path, page), What: err.Error(), Hint: "tfkit sends only read-only requests", Err: err}
		}
	}
	u := c.URL(t, path)
	if c.cfg.Debug != nil {
		fmt.Fprintln(c.cfg.Debug, "ist: GET "+u)
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, Usagef("check --host, --port and --proxy", "bad URL %s: %v", u, err)
	}
	if c.cfg.Proxy != "" && c.cfg.Token != "" {
		hr.Header.Set("X-Auth-Token", c.cfg.Token)
	}
	resp, err := c.http.Do(hr)
	if err != nil {
		return nil, c.transportError(err, t, path, page)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return nil, httpStatusError(resp.StatusCode, b, t, path, page, c.cfg.Proxy != "")
	}
	return resp.Body, nil
}

// streamFile parses a saved response; no continuation is followed. The
// read honours ctx (signals) and the timeout like a fetch: a file may be
// a FIFO or a device that never ends.
func (c *Client) streamFile(ctx context.Context, req Request, fn func(*sandesh.Node) error, budget *sandesh.Budget) error {
	f, err := os.Open(c.cfg.File)
	if err != nil {
		return Usagef("check the path given to --file", "cannot read %s: %v", c.cfg.File, unwrapPathErr(err))
	}
	defer f.Close()
	if c.cfg.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.cfg.Timeout)
		defer cancel()
	}
	r := newCtxReader(ctx, f)
	defer r.stop()
	ra := newReadAhead(r, nil, nil, nil) // reads on another core while the parser works
	defer ra.finish(f)
	err = sandesh.StreamWith(ra, req.Names, func(n *sandesh.Node) error {
		if err := fn(n); err != nil {
			return callbackError{err}
		}
		return nil
	}, c.parseOptions(req, false, budget))
	if cb, ok := err.(callbackError); ok {
		return cb.err
	}
	if err != nil {
		if ctx.Err() != nil {
			return c.fileCtxError(ctx)
		}
		return c.bodyError(err, Target{Label: c.cfg.File}, "", 1)
	}
	return nil
}

// where names the place of a failure: host:port and request (and page).
func where(t Target, path string, page int) string {
	if path == "" {
		return t.String()
	}
	w := t.String() + " " + requestName(path)
	if page > 1 {
		w += fmt.Sprintf(" page %d", page)
	}
	return w
}

// callbackError carries an error of the caller's callback through the
// parser so that it is returned as is, not classified as a parse error.
type callbackError struct{ err error }

func (e callbackError) Error() string { return e.err.Error() }
