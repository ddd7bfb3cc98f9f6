package control

import (
	"context"
	"fmt"
	"net/netip"
	"runtime"
	"testing"

	"github.com/tfkit/tfkit/refnode/timers"
)

// BenchmarkNodeRoutes measures one control node (GoBGP included) holding
// N agent routes in a VN connected to a second VN, so every route has a
// primary, a bgp.l3vpn.0 copy, a secondary in the connected VN and a GoBGP
// path. Run: go test -run - -bench NodeRoutes -benchtime 1x ./refnode/control/
func BenchmarkNodeRoutes(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				g0 := runtime.NumGoroutine()
				cfg := Config{Name: "bench", Address: netip.MustParseAddr("127.0.91.230"), Timers: timers.Scaled(0.1),
					Networks: []Network{{FQName: "d:p:a", VNIndex: 1, Connect: []string{"d:p:b"}}, {FQName: "d:p:b", VNIndex: 2}}}
				node, err := New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				if err := node.Start(context.Background()); err != nil {
					b.Fatal(err)
				}
				inject(node, "d:p:a:a", n)
				done := make(chan struct{})
				node.later(func() { close(done) }) // all AddPaths reached GoBGP
				<-done
				runtime.GC()
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "heapB/route")
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heapMiB")
				b.ReportMetric(float64(runtime.NumGoroutine()-g0), "goroutines")
				node.Close()
			}
		})
	}
}
