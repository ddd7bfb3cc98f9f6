package xmpp

import (
	"context"
	"fmt"
	"net/netip"
	"runtime"
	"testing"
	"time"
)

// BenchmarkIdleSessionFootprint opens 200 idle sessions (stream headers
// and keep-alives only, as an agent's DNS channels) between clients and a
// server of this process and reports, per session with both of its ends,
// the heap, the goroutine stacks and the goroutines; "default" reads
// through the 8 KiB buffer of a control session, "keepalive" through
// KeepaliveReadBuffer, as DNS sessions do.
func BenchmarkIdleSessionFootprint(b *testing.B) {
	for _, c := range []struct {
		name string
		buf  int
	}{{"default", 0}, {"keepalive", KeepaliveReadBuffer}} {
		b.Run(c.name, func(b *testing.B) { idleSessions(b, c.buf) })
	}
}

func idleSessions(b *testing.B, buf int) {
	const n = 200
	srv := NewServer(ServerConfig{Addr: "127.0.0.1:0", Name: DNSJID, Hold: 3 * time.Second, ReadBuffer: buf})
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	defer srv.Stop()
	var heap, stack, gor float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g0 := runtime.NumGoroutine()
		ctx, cancel := context.WithCancel(context.Background())
		clients := make([]*Client, n)
		for i := range clients {
			clients[i] = NewClient(ClientConfig{Name: fmt.Sprint("vrouter-", i), LocalAddr: netip.MustParseAddr("127.0.0.1"),
				ServerAddr: srv.Addr(), ServerJID: DNSJID, Hold: 3 * time.Second, ReadBuffer: buf})
			clients[i].Start(ctx)
		}
		deadline := time.Now().Add(20 * time.Second)
		for _, c := range clients {
			for c.State() != Established {
				if time.Now().After(deadline) {
					b.Fatal("sessions did not come up")
				}
				time.Sleep(5 * time.Millisecond)
			}
		}
		for len(srv.Peers()) < n {
			time.Sleep(5 * time.Millisecond)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapAlloc-before.HeapAlloc) / n
		stack = float64(after.StackInuse-before.StackInuse) / n
		gor = float64(runtime.NumGoroutine()-g0) / n
		for _, c := range clients {
			c.Stop()
		}
		cancel()
	}
	b.ReportMetric(heap, "heapB/session")
	b.ReportMetric(stack, "stackB/session")
	b.ReportMetric(gor, "goroutines/session")
}
