package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/growth"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Hostile servers and files (issue 16): every case ends with its
// documented exit code and a message naming the limit and its flag.

var neiReq = Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}}

// oneLine fails t unless err is a one-line error of the given exit code
// whose text holds want.
func oneLine(t *testing.T, err error, code int, want string) {
	t.Helper()
	if ExitCode(err) != code || !strings.Contains(fmt.Sprint(err), want) || strings.Contains(fmt.Sprint(err), "\n") {
		t.Fatalf("got %v (exit %d), want exit %d with %q on one line", err, ExitCode(err), code, want)
	}
}

// A server handing out a new next_batch every time drove 100,000 pages
// (133 s, 9.2 GB) and was then blamed for repeating itself.
func TestEndlessPagesStop(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		w.Write([]byte(neighborPage([]string{"p"}, fmt.Sprintf("cookie-%d", n))))
	}))
	defer srv.Close()
	transient := neiReq
	transient.Transient = true // pages parsed ahead (prefetch.go)
	run := func(pages int) {
		for _, req := range []Request{neiReq, transient} {
			served.Store(0)
			c := newClient(t, Config{Hosts: []string{hostOf(srv)}, MaxPages: pages})
			_, err := collect(t, c, req)
			oneLine(t, err, 5, fmt.Sprintf("more than %d continuation pages", pages))
			oneLine(t, err, 5, "--max-pages")
			if n := served.Load(); n != int64(pages) { // none past the limit is prefetched
				t.Fatalf("transient %v: %d pages served for a limit of %d", req.Transient, n, pages)
			}
		}
	}
	growth.Linear(t, 150, run)
}

// An endless record stream grew 1.7 GB in 5 s and crashed with exit 2.
// The records held stop at --max-bytes, every host of a request counted
// together.
func TestEndlessRecordsStop(t *testing.T) {
	var wrote atomic.Int64
	endless := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(pi + `<BgpNeighborListResp type="sandesh"><neighbors type="list" identifier="1"><list type="struct" size="1000000000">`))
		rec := []byte(`<BgpNeighborResp><peer type="string" identifier="1">p</peer></BgpNeighborResp>`)
		for r.Context().Err() == nil {
			if _, err := w.Write(rec); err != nil {
				return
			}
			wrote.Add(int64(len(rec)))
		}
	})
	a, b := httptest.NewServer(endless), httptest.NewServer(endless)
	defer a.Close()
	defer b.Close()
	const max = 4 << 20
	for _, hosts := range [][]string{{hostOf(a)}, {hostOf(a), hostOf(b)}} {
		wrote.Store(0)
		c := newClient(t, Config{Hosts: hosts, MaxBytes: max})
		_, err := collect(t, c, neiReq)
		// One line per host (both stop: the budget is the request's).
		lines := strings.Split(fmt.Sprint(err), "\n")
		if ExitCode(err) != 5 || len(lines) != len(hosts) {
			t.Fatalf("%d hosts: %v (exit %d)", len(hosts), err, ExitCode(err))
		}
		for _, l := range lines {
			if !strings.Contains(l, "records larger than 4194304 bytes") || !strings.Contains(l, "--max-bytes") {
				t.Fatalf("%d hosts: %q", len(hosts), l)
			}
		}
		// Written by the servers: the limit, and per host the read-ahead (4 MiB)
		// and the sockets' buffers.
		if w := wrote.Load(); w > 5*max*int64(len(hosts)) {
			t.Fatalf("%d hosts: %d bytes read for a limit of %d", len(hosts), w, max)
		}
	}
}

// One 500 MB text cell took 7.65 GB; a 700 KB answer nested 100k deep
// crashed out of memory; a 40 MB tag name took 10 s.
func TestHostileAnswersRefused(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"cell", neighborPage([]string{strings.Repeat("x", 5000)}, ""), []string{"text longer than 4096 bytes", "--max-cell-bytes"}},
		{"depth", pi + "<R>" + strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000) + "</R>", []string{"nested deeper than 256 levels", "ist.py refuses it too"}},
		{"tag", pi + "<R" + strings.Repeat("R", 1<<20) + "/>", []string{"longer than 65536 bytes"}},
		{"nul", "\x00\x00\x00" + neighborPage(nil, ""), []string{"not XML"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(&recorder{pages: map[string]string{"/Snh_BgpNeighborReq?search_string=": tc.body}})
			defer srv.Close()
			c := newClient(t, Config{Hosts: []string{hostOf(srv)}, MaxCellBytes: 4096})
			_, err := collect(t, c, neiReq)
			for _, w := range tc.want {
				oneLine(t, err, 5, w)
			}
			if len(err.Error()) > 600 {
				t.Fatalf("error line of %d bytes: %.200s…", len(err.Error()), err)
			}
		})
	}
}

// `ist --file /dev/zero` ran for ever at 100% CPU, deaf to --timeout and
// signals: NUL is not XML (exit 5 at once), and a file that never ends
// is read under the timeout (exit 3) and the context (a signal).
func TestFileReadBounded(t *testing.T) {
	c := newClient(t, Config{File: "/dev/zero"})
	_, err := collect(t, c, neiReq)
	oneLine(t, err, 5, "not XML")

	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	go stall(fifo)
	c = newClient(t, Config{File: fifo, Timeout: 200 * time.Millisecond})
	_, err = collect(t, c, neiReq)
	oneLine(t, err, 3, "reading the file took longer than 200ms")

	// Cancelled (SIGINT/SIGTERM cancel the command's context).
	go stall(fifo)
	ctx, cancel := context.WithCancel(context.Background())
	c = newClient(t, Config{File: fifo, Timeout: time.Hour})
	done := make(chan error, 1)
	go func() {
		done <- c.Stream(ctx, c.Targets()[0], neiReq, func(*sandesh.Node) error { return nil })
	}()
	time.Sleep(50 * time.Millisecond) // let the read block
	cancel()
	select {
	case err := <-done:
		oneLine(t, err, 3, "interrupted")
	case <-time.After(30 * time.Second):
		t.Fatal("a cancelled --file read does not return")
	}
}

// stall opens fifo for writing, sends the start of an answer and then
// nothing for a minute.
func stall(fifo string) {
	f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	f.Write([]byte(pi + "<BgpNeighborListResp>"))
	time.Sleep(time.Minute)
}

// --ssl followed a 302 to plain http and exited 0; with --proxy/--token
// the X-Auth-Token then went out in clear, to another host too.
func TestRedirectsRefused(t *testing.T) {
	var leaked atomic.Int64 // requests that reached the target of a refused redirect
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Add(1)
		w.Write([]byte(neighborPage([]string{"plain"}, "")))
	}))
	defer plain.Close()
	to := func(base string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, base+r.URL.RequestURI(), http.StatusFound)
		})
	}
	// https daemon → http.
	tlsSrv := httptest.NewTLSServer(to(plain.URL))
	defer tlsSrv.Close()
	c := newClient(t, Config{Hosts: []string{strings.TrimPrefix(tlsSrv.URL, "https://")}, SSL: true, Insecure: true})
	_, err := collect(t, c, neiReq)
	oneLine(t, err, 6, "refused a redirect from https to plain http")

	// The web UI proxy (https) → http, and (http) → another host: the
	// token stays with the proxy.
	tlsProxy := httptest.NewTLSServer(to(plain.URL))
	defer tlsProxy.Close()
	c = newClient(t, Config{Hosts: []string{"10.0.0.1"}, Port: 8083, Proxy: tlsProxy.URL, Token: "secret", Insecure: true})
	_, err = collect(t, c, neiReq)
	oneLine(t, err, 6, "from https to plain http")
	other := strings.Replace(plain.URL, "127.0.0.1", "localhost", 1)
	proxy := httptest.NewServer(to(other))
	defer proxy.Close()
	c = newClient(t, Config{Hosts: []string{"10.0.0.1"}, Port: 8083, Proxy: proxy.URL, Token: "secret"})
	_, err = collect(t, c, neiReq)
	oneLine(t, err, 6, "--token is sent only to 127.0.0.1")

	// Without a token, a redirect elsewhere is not followed either: it
	// could lead to a request the read-only policy never saw.
	daemon := httptest.NewServer(to(other))
	defer daemon.Close()
	c = newClient(t, Config{Hosts: []string{hostOf(daemon)}})
	_, err = collect(t, c, neiReq)
	oneLine(t, err, 4, "the server redirects to http://localhost:")
	if n := leaked.Load(); n != 0 {
		t.Fatalf("%d requests followed a refused redirect", n)
	}
}

// The one redirect followed: http → https, same host, same request (a
// web UI moving its clients to TLS).
func TestRedirectDecisions(t *testing.T) {
	c := &Client{cfg: Config{Proxy: "http://webui:8080", Token: "t"}}
	req := func(u string) *http.Request {
		p, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		return &http.Request{URL: p}
	}
	const uri = "/forward-proxy?proxyURL=http%3A%2F%2F10.0.0.1%3A8083%2FSnh_X"
	for _, tc := range []struct {
		from, to string
		class    Class // 0: followed
	}{
		{"http://webui:8080" + uri, "https://webui:8143" + uri, 0},
		{"http://webui:8080" + uri, "https://WEBUI" + uri, 0},
		{"https://webui:8143" + uri, "http://webui:8080" + uri, ClassTLS},
		{"http://webui:8080" + uri, "https://evil:8143" + uri, ClassTLS},
		{"http://webui:8080" + uri, "https://webui:8143/forward-proxy?proxyURL=http%3A%2F%2F10.0.0.1%3A8083%2FSnh_ClearBgpNeighborReq", ClassHTTP},
	} {
		err := c.checkRedirect(req(tc.to), []*http.Request{req(tc.from)})
		var re *redirectError
		switch {
		case tc.class == 0 && err != nil:
			t.Errorf("%s → %s refused: %v", tc.from, tc.to, err)
		case tc.class != 0 && (!errors.As(err, &re) || re.class != tc.class):
			t.Errorf("%s → %s: %v, want class %d", tc.from, tc.to, err, tc.class)
		}
	}
}
