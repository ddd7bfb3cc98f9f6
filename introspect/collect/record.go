package collect

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// recorder wraps the client's transport: it counts every request sent
// and logs each exchange as a Page into the pageLog of the request's
// context (the Result being fetched), bytes included when keep is set.
type recorder struct {
	next http.RoundTripper
	keep bool
	sent *atomic.Int64
}

type pageLogKey struct{}

// pageLog collects the pages of one Result; prefetched continuations
// run in other goroutines, hence the lock.
type pageLog struct {
	mu    sync.Mutex
	pages []*Page
}

func (l *pageLog) add(p *Page) {
	l.mu.Lock()
	l.pages = append(l.pages, p)
	l.mu.Unlock()
}

func (l *pageLog) list() []Page {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Page, len(l.pages))
	for i, p := range l.pages {
		out[i] = *p
	}
	return out
}

func withPageLog(ctx context.Context, l *pageLog) context.Context {
	return context.WithValue(ctx, pageLogKey{}, l)
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.sent.Add(1)
	log, _ := req.Context().Value(pageLogKey{}).(*pageLog)
	p := &Page{URL: req.URL.String(), Start: time.Now()}
	resp, err := r.next.RoundTrip(req)
	if log == nil {
		return resp, err
	}
	if err != nil {
		p.Elapsed, p.Err = time.Since(p.Start), err.Error()
		log.add(p)
		return resp, err
	}
	p.Status = resp.StatusCode
	resp.Body = &teeBody{rc: resp.Body, p: p, log: log, keep: r.keep}
	return resp, nil
}

// teeBody counts (and with keep copies) what the client reads, and logs
// the page once, at the end of the body or when it is closed.
type teeBody struct {
	rc   io.ReadCloser
	p    *Page
	log  *pageLog
	keep bool
	once sync.Once
}

func (b *teeBody) Read(buf []byte) (int, error) {
	n, err := b.rc.Read(buf)
	b.p.Size += int64(n)
	if b.keep && n > 0 {
		b.p.Body = append(b.p.Body, buf[:n]...)
	}
	if err != nil && err != io.EOF {
		b.p.Err = err.Error()
	}
	if err != nil {
		b.done()
	}
	return n, err
}

func (b *teeBody) Close() error {
	err := b.rc.Close()
	b.done()
	return err
}

func (b *teeBody) done() {
	b.once.Do(func() {
		b.p.Elapsed = time.Since(b.p.Start)
		b.log.add(b.p)
	})
}
