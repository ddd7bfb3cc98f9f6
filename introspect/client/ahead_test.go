package client

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

// Pages parsed ahead of their turn (prefetch.go): every test runs the
// same request with the pages parsed one after the other
// (Config.SerialPages) and parsed ahead, and requires the same records in
// the same order and the same error, and that pages were really parsed
// ahead (Client.parsedAhead).

var routeReq = Request{Path: Path("ShowRouteReq"), Names: []string{"ShowRouteTable", "ShowRoute"}, Transient: true}

// pageServer serves pages like a control node: ShowRouteReq is page 1
// (key "p0"), ShowRouteReqIterate?x=<key> the page of that next_batch
// cookie; it records the keys asked for.
type pageServer struct {
	mu    sync.Mutex
	asked []string
	pages map[string]string
}

func (s *pageServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := "p0"
	if strings.HasSuffix(r.URL.Path, "Iterate") {
		key = r.URL.Query().Get("x")
	}
	s.mu.Lock()
	s.asked = append(s.asked, key)
	body, ok := s.pages[key]
	s.mu.Unlock()
	if !ok {
		http.Error(w, "no such page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Write([]byte(body))
}

// startPages serves pages for the test and returns host:port.
func startPages(t *testing.T, s *pageServer) string {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return hostOf(srv)
}

// routePages is total generated routes, per to a page: page n is key
// page(n) and links to page(n+1).
func routePages(per, total int) map[string]string {
	pages := map[string]string{}
	for k, b := range sandeshtest.Pages("p", per, total, sandeshtest.RouteDoc) {
		pages[k] = string(b)
	}
	return pages
}

// page is the key of page n (from 1).
func page(n int) string { return fmt.Sprintf("p%d", n-1) }

// result is what a request delivered: one line per record (its enclosing
// table's name and its JSON) and the error's text.
type result struct {
	recs []string
	err  string
}

// streamRecords runs req on c, stopping with stop's error when stop (if
// set) says so after a record.
func streamRecords(ctx context.Context, c *Client, req Request, stop func(n int) error) result {
	var r result
	err := c.Stream(ctx, c.Targets()[0], req, func(n *sandesh.Node) error {
		r.recs = append(r.recs, streamLine(n))
		if stop != nil {
			return stop(len(r.recs))
		}
		return nil
	})
	if err != nil {
		r.err = err.Error()
	}
	return r
}

// bothWays runs req with the pages serial and parsed ahead and fails t
// unless both deliver the same; it returns the result and the pages
// parsed ahead.
func bothWays(t *testing.T, cfg Config, req Request) (result, int64) {
	t.Helper()
	cfg.SerialPages = true
	serial := newClient(t, cfg)
	want := streamRecords(context.Background(), serial, req, nil)
	if serial.parsedAhead.Load() != 0 {
		t.Fatalf("SerialPages parsed %d pages ahead", serial.parsedAhead.Load())
	}
	cfg.SerialPages = false
	ahead := newClient(t, cfg)
	got := streamRecords(context.Background(), ahead, req, nil)
	sameResult(t, got, want)
	return got, ahead.parsedAhead.Load()
}

// sameResult fails t unless got is want.
func sameResult(t *testing.T, got, want result) {
	t.Helper()
	if got.err != want.err {
		t.Fatalf("error %q, serially %q", got.err, want.err)
	}
	if len(got.recs) != len(want.recs) {
		t.Fatalf("%d records, serially %d", len(got.recs), len(want.recs))
	}
	for i := range got.recs {
		if got.recs[i] != want.recs[i] {
			t.Fatalf("record %d:\n%.300s\nserially:\n%.300s", i, got.recs[i], want.recs[i])
		}
	}
}

// needCores skips a test of parsing ahead where it never happens.
func needCores(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("pages are parsed ahead only with more than one core")
	}
}

// Pages larger than the read-ahead chunk (read ahead), smaller (read
// whole), with and without the printer's projection: the same records in
// the same order, every page after the first parsed ahead.
func TestPagesParsedAheadSameRecords(t *testing.T) {
	needCores(t)
	for _, tc := range []struct {
		name       string
		per, total int
		keep       map[string]bool
	}{
		{"large pages", 300, 2950, nil},
		{"large pages, projected", 300, 2950, sandeshtest.RouteShowKeep},
		{"small pages", 40, 420, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := routePages(tc.per, tc.total)
			host := startPages(t, &pageServer{pages: pages})
			req := routeReq
			req.Keep = tc.keep
			got, ahead := bothWays(t, Config{Hosts: []string{host}}, req)
			if got.err != "" || len(got.recs) != tc.total+len(pages) { // one ShowRouteTable per page
				t.Fatalf("%d records, err %q", len(got.recs), got.err)
			}
			if ahead != int64(len(pages)-1) {
				t.Fatalf("%d of %d pages parsed ahead", ahead, len(pages)-1)
			}
		})
	}
}

// A page parsed ahead on a guess the continuation does not follow (the
// tail's next_batch is not the first one) is dropped, parse and all; the
// followed page is fetched and delivered in its place.
func TestPageParsedAheadDroppedOnOtherContinuation(t *testing.T) {
	needCores(t)
	pages := routePages(300, 900)
	// Page 2's last next_batch (the guess) differs from its first (the
	// continuation).
	pages[page(2)] = strings.Replace(pages[page(2)], `<more type`, `<next_batch type="string" identifier="2" link="ShowRouteReqIterate" link_title="next_batch">wrong</next_batch><more type`, 1)
	pages["wrong"] = string(sandeshtest.RouteDoc(5000, 5300, ""))
	srv := &pageServer{pages: pages}
	host := startPages(t, srv)
	serial := newClient(t, Config{Hosts: []string{host}, SerialPages: true})
	want := streamRecords(context.Background(), serial, routeReq, nil)
	serial.Close()
	g0 := runtime.NumGoroutine()
	c := newClient(t, Config{Hosts: []string{host}})
	last2 := ""
	for _, r := range want.recs {
		if strings.Contains(r, `"10.0.2.87/32"`) { // route 599, the last of page 2
			last2 = r
		}
	}
	if last2 == "" || want.err != "" {
		t.Fatalf("no last route of page 2 in %d records (err %q)", len(want.recs), want.err)
	}
	var got result
	err := c.Stream(context.Background(), c.Targets()[0], routeReq, func(n *sandesh.Node) error {
		r := streamLine(n)
		got.recs = append(got.recs, r)
		if r == last2 {
			// The wrong page's parse starts once page 2 is being delivered.
			testwait.For(t, "the guessed page 3 to be parsed ahead", 10*time.Second, func() bool { return c.parsedAhead.Load() >= 2 })
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, got, want)
	if strings.Contains(strings.Join(got.recs, "\n"), `"10.0.19.136/32"`) { // route 5000
		t.Fatal("a record of the dropped page was delivered")
	}
	srv.mu.Lock()
	asked := strings.Join(srv.asked, " ")
	srv.mu.Unlock()
	if !strings.Contains(asked, "wrong") || !strings.Contains(asked, page(3)) {
		t.Fatalf("pages asked %q: want the guess and the continuation", asked)
	}
	noGoroutinesLeft(t, c, g0)
}

// streamLine is streamRecords' line of a record.
func streamLine(n *sandesh.Node) string {
	p := n.Parent
	table := ""
	if p != nil {
		for ; p.Parent != nil; p = p.Parent {
		}
		table = p.ChildText("routing_table_name")
	}
	return table + " " + string(sandesh.AppendJSON(nil, n))
}

// A page parsed ahead that is broken (bad XML half-way, cut short, an
// HTML error page, a hostile answer, an HTTP error, a cell over its
// limit, records over the held-bytes budget, a page past the page limit)
// fails the request when its turn comes: after every record of the pages
// before it and its own records before the fault, with the same message
// (its page number included) as when parsed in its turn. The pages are
// small (read whole) where the message's byte offset would otherwise
// depend on where the socket reads cut the body.
func TestPageParsedAheadFailsInItsTurn(t *testing.T) {
	needCores(t)
	small := routePages(40, 120)
	large := routePages(300, 900)
	half := len(large[page(2)]) / 2
	long := strings.Replace(small[page(2)], ">10.0.0.40/32<", ">"+strings.Repeat("x", 5000)+"<", 1)
	if long == small[page(2)] {
		t.Fatal("no route 40 in page 2")
	}
	// Page 3 with 60 routes where the others have 40: its table is
	// larger than the others (the table is the outermost record, held
	// while its routes are delivered).
	bigger := string(sandeshtest.RouteDoc(80, 140, ""))
	for _, tc := range []struct {
		name    string
		pages   map[string]string
		page    int
		body    string // "": not served (HTTP 500)
		cfg     Config
		wantErr string
	}{
		{"bad XML, large pages", large, 2, large[page(2)][:half] + "</oops>" + large[page(2)][half:], Config{}, "malformed XML"},
		{"bad XML", small, 2, small[page(2)][:20000] + "</oops>" + small[page(2)][20000:], Config{}, "malformed XML"},
		{"cut short", small, 3, small[page(3)][:len(small[page(3)])-1000], Config{}, "unexpected EOF"},
		{"HTML", small, 2, "<html><h3>bad request</h3></html>", Config{}, "got an HTML page"},
		{"HTTP 500", small, 2, "", Config{}, "500"},
		{"deep", small, 2, pi + "<R>" + strings.Repeat("<a>", 1000) + strings.Repeat("</a>", 1000) + "</R>", Config{}, "nested deeper than 256 levels"},
		{"cell", small, 2, long, Config{MaxCellBytes: 4096}, "text longer than 4096 bytes"},
		{"held bytes", small, 3, bigger, Config{MaxBytes: int64(len(small[page(1)])) * 5 / 4}, "records larger than"},
		{"page limit", small, 3, small[page(3)], Config{MaxPages: 2}, "more than 2 continuation pages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := maps.Clone(tc.pages)
			if tc.body == "" {
				delete(pages, page(tc.page))
			} else {
				pages[page(tc.page)] = tc.body
			}
			cfg := tc.cfg
			cfg.Hosts = []string{startPages(t, &pageServer{pages: pages})}
			got, ahead := bothWays(t, cfg, routeReq)
			perPage := strings.Count(tc.pages[page(1)], "<ShowRoute>") + 1
			if !strings.Contains(got.err, tc.wantErr) || !strings.Contains(got.err, fmt.Sprintf("page %d)", tc.page)) || len(got.recs) < (tc.page-1)*perPage {
				t.Fatalf("err %q after %d records, want %q after the %d records of the pages before", got.err, len(got.recs), tc.wantErr, (tc.page-1)*perPage)
			}
			if ahead == 0 && tc.body != "" && tc.cfg.MaxPages == 0 {
				t.Fatal("no page was parsed ahead")
			}
		})
	}
}

// A callback that stops early (a prefix found, `head`) or a cancelled
// context, during the first page (the second being parsed ahead), the
// second (parsed ahead, the third being) or the last, ends the request
// with that error, delivers nothing after the stop (a cancelled request:
// nothing after the page it was cancelled in) and leaves no goroutine
// behind.
func TestPagesParsedAheadStopCleanly(t *testing.T) {
	needCores(t)
	const per, total = 300, 1200
	host := startPages(t, &pageServer{pages: routePages(per, total)})
	errStop := errors.New("enough")
	for _, at := range []int{1, 150, 302, 450, 603, total + total/per} {
		for _, how := range []string{"callback", "cancel"} {
			t.Run(fmt.Sprintf("%s at %d", how, at), func(t *testing.T) {
				g0 := runtime.NumGoroutine()
				c := newClient(t, Config{Hosts: []string{host}})
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				got := streamRecords(ctx, c, routeReq, func(n int) error {
					if n == at {
						if how == "callback" {
							return errStop
						}
						cancel()
					}
					return nil
				})
				pageEnd := (at + per) / (per + 1) * (per + 1) // the last record of at's page
				switch {
				case how == "callback" && (got.err != "enough" || len(got.recs) != at):
					t.Fatalf("err %q after %d records, want the callback's after %d", got.err, len(got.recs), at)
				case how == "cancel" && pageEnd < len(got.recs):
					t.Fatalf("%d records delivered after a cancel at %d", len(got.recs), at)
				case how == "cancel" && pageEnd < total+total/per && !strings.Contains(got.err, "interrupted"):
					t.Fatalf("err %q after %d records, want the cancellation", got.err, len(got.recs))
				}
				noGoroutinesLeft(t, c, g0)
			})
		}
	}
}

// noGoroutinesLeft waits until the goroutines of c's requests (readers,
// tokenizers, prefetches, connections) are gone; it fails t with their
// stacks if they are not.
func noGoroutinesLeft(t *testing.T, c *Client, g0 int) {
	t.Helper()
	err := testwait.Poll(10*time.Second, func() error {
		c.Close() // also the connections a dropped page's cleanup gave back meanwhile
		if runtime.NumGoroutine() > g0 {
			return testwait.ErrNotYet
		}
		return nil
	})
	if err != nil {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), g0, buf[:runtime.Stack(buf, true)])
	}
}
