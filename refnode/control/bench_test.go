package control

import (
	"context"
	"fmt"
	"net/netip"
	"runtime"
	"testing"
	"time"

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

// BenchmarkFanout measures pushing R routes to A subscribed agents over
// real XMPP sessions (one item encoding per route, batched messages).
// Run: go test -run - -bench Fanout -benchtime 1x ./refnode/control/
func BenchmarkFanout(b *testing.B) {
	const agents, routes = 50, 500
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		n := loneNode(b, "127.0.91.231", 1)
		ri := "default-domain:p:vn001:vn001"
		var as []*fakeAgent
		for j := 0; j < agents; j++ {
			addr := fmt.Sprintf("127.0.93.%d", j+1)
			as = append(as, startAgentIn(b, fmt.Sprintf("bench-%d", j), addr, ri, 3, n))
		}
		deadline := time.Now().Add(20 * time.Second)
		for n.subscribers(ri) < agents && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		b.StartTimer()
		start := time.Now()
		inject(n, ri, routes)
		for _, a := range as {
			for a.count() < routes && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if a.count() < routes {
				b.Fatalf("%s got %d of %d routes", a.name, a.count(), routes)
			}
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/float64(agents*routes), "µs/item")
	}
}

func (n *Node) subscribers(instance string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.subscribersLocked(instance)
}
