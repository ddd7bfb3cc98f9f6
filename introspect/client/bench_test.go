package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

// Benchmarks of the fetch and parse path (the printer left out: records
// go to a callback that counts them).
//
//	go test -run '^$' -bench . -benchtime 5x ./introspect/client        (route pages)
//	go test -run '^$' -bench SmallPages ./introspect/client             (bundle-like requests)

const benchRouteCookie = "bench||"

var benchRoutePages = sync.OnceValue(func() map[string][]byte {
	return sandeshtest.Pages(benchRouteCookie, sandeshtest.RoutePage, 100000, sandeshtest.RouteDoc)
})

// routeServer answers ShowRouteReq and its next_batch pages like a
// control node (istgen serve, in process).
func routeServer(b *testing.B, pages map[string][]byte) string {
	s := httptest.NewServer(sandeshtest.Handler(pages, map[string]string{"ShowRouteReq": benchRouteCookie + "0"}, 0))
	b.Cleanup(s.Close)
	return hostOf(s)
}

func benchRoutes(b *testing.B, c *Client, bytes int64, keep map[string]bool) {
	req := Request{Path: Path("ShowRouteReq"), Names: []string{"ShowRouteTable", "ShowRoute"}, Transient: true, Keep: keep}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := c.Stream(context.Background(), c.Targets()[0], req, func(*sandesh.Node) error { n++; return nil })
		// A page never crosses a table: one ShowRouteTable per page (one in
		// the whole --file document).
		if err != nil || (n != 100000+100 && n != 100000+10) {
			b.Fatal(err, n)
		}
	}
}

// 100,000 routes in 100 next_batch pages over HTTP (bench/ist-bench.sh's
// HTTP row, in process).
func BenchmarkRoutePagesHTTP(b *testing.B) { benchPages(b, nil) }

// The same, records projected to what route show's text reads.
func BenchmarkRoutePagesHTTPKeep(b *testing.B) { benchPages(b, sandeshtest.RouteShowKeep) }

// benchPages fetches the 100 pages with keep (Request.Keep), each page
// parsed while the one before is delivered (ahead), and one page after
// the other (serial, Config.SerialPages).
func benchPages(b *testing.B, keep map[string]bool) {
	pages := benchRoutePages()
	var size int64
	for _, p := range pages {
		size += int64(len(p))
	}
	host := routeServer(b, pages)
	for _, serial := range []bool{false, true} {
		name := map[bool]string{false: "ahead", true: "serial"}[serial]
		b.Run(name, func(b *testing.B) {
			benchRoutes(b, newBenchClient(b, Config{Hosts: []string{host}, SerialPages: serial}), size, keep)
		})
	}
}

// The same routes as one document from --file, for comparison.
func BenchmarkRouteDocFile(b *testing.B) {
	doc := sandeshtest.RouteDoc(0, 100000, "")
	f := filepath.Join(b.TempDir(), "routes.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		b.Fatal(err)
	}
	benchRoutes(b, newBenchClient(b, Config{File: f}), int64(len(doc)), nil)
}

// smallPage is a 4 kB answer like most of a bundle's: a few records of a
// dozen fields.
var smallPage = sync.OnceValue(func() string {
	var peers []string
	for i := range 12 {
		peers = append(peers, "compute-"+strings.Repeat("x", i%5)+string(rune('a'+i)))
	}
	p := neighborPage(peers, "")
	fields := `<state type="string" identifier="3">Established</state><flap_count type="u32" identifier="4">0</flap_count><local_address type="string" identifier="5">10.0.0.1</local_address><peer_address type="string" identifier="6">10.0.1.7</peer_address><send_state type="string" identifier="7">in sync</send_state>`
	return strings.ReplaceAll(p, `</peer></BgpNeighborResp>`, `</peer>`+fields+`</BgpNeighborResp>`)
})

// One small request per op, records kept (a bundle's fetch of one
// page): the per-request cost of the client and the parser.
func BenchmarkSmallPagesHTTP(b *testing.B) {
	body := []byte(smallPage())
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.Write(body)
	}))
	b.Cleanup(s.Close)
	c := newBenchClient(b, Config{Hosts: []string{hostOf(s)}})
	req := Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}, Transient: true}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			smallFetch(b, c, req)
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				smallFetch(b, c, req)
			}
		})
	})
}

func smallFetch(b *testing.B, c *Client, req Request) {
	var kept []*sandesh.Node
	err := c.Stream(context.Background(), c.Targets()[0], req, func(n *sandesh.Node) error {
		kept = append(kept, n.Clone(nil))
		return nil
	})
	if err != nil || len(kept) != 12 {
		b.Fatal(err, len(kept))
	}
}

func newBenchClient(b *testing.B, cfg Config) *Client {
	c, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.Close)
	return c
}
