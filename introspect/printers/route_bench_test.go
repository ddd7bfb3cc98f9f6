package printers

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

// benchRoutes is 100 generated routes (sandeshtest's), parsed once: the
// benchmarks below time the printers, not the parser. 100 routes (about
// 0.5 MB of nodes) stay in the CPU's caches, as in ist, where a route is
// printed right after it is built; 10,000 would time cache misses.
func benchRoutes(b *testing.B) []*sandesh.Node {
	b.Helper()
	var recs []*sandesh.Node
	doc := sandeshtest.RouteDoc(0, 100, "")
	if err := sandesh.Stream(bytes.NewReader(doc), []string{"ShowRouteTable", "ShowRoute"}, func(n *sandesh.Node) error {
		recs = append(recs, n)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	return recs
}

// benchPrinter prints 100,000 routes (the 100 a thousand times) to io.Discard
// per iteration through the printer called name, as ist does (New, Add,
// WriteTo).
func benchPrinter(b *testing.B, name string, opt Options) {
	recs := benchRoutes(b)
	opt.Now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s, err := New(name, opt)
		if err != nil {
			b.Fatal(err)
		}
		for range 100000 / len(recs) {
			for _, n := range recs {
				if err := s.Add("h", n.Name, n); err != nil {
					b.Fatal(err)
				}
			}
		}
		if _, err := s.(io.WriterTo).WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRouteShow100k(b *testing.B)       { benchPrinter(b, "route_show", Options{}) }
func BenchmarkRouteShowDetail100k(b *testing.B) { benchPrinter(b, "route_show", Options{Detail: true}) }
