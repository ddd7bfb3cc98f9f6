package agent

import (
	"fmt"
	"net/netip"
	"runtime"
	"testing"

	"github.com/tfkit/tfkit/refnode/xmpp"
)

// BenchmarkRemoteRoutesMemory reports the heap an agent's tables hold per
// learned route (one controller path each, tunnel NHs towards 250 remote
// vRouters), and the time to install them.
func BenchmarkRemoteRoutesMemory(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			items := make([]xmpp.Route, n)
			for i := range items {
				items[i] = xmpp.Route{Prefix: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 32, byte(i >> 8), byte(i)}), 32),
					VirtualNetwork: podVN, LocalPref: 100,
					NextHops: []xmpp.NextHop{{Address: netip.AddrFrom4([4]byte{127, 0, 2, byte(i%250 + 1)}), Label: uint32(16 + i/250), Encaps: []string{"gre", "udp"}}}}
			}
			cfg := testConfig("vrouter-b", "127.0.3.1", nil)
			var perRoute float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				a := &Agent{cfg: cfg}
				a.t = buildTables(&a.cfg)
				ch := &channel{a: a, peer: "127.0.1.1"}
				ch.Update(nil, podVRF, xmpp.FamilyInet, items, nil)
				runtime.GC()
				runtime.ReadMemStats(&after)
				perRoute = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
				runtime.KeepAlive(a)
			}
			b.ReportMetric(perRoute, "B/route")
		})
	}
}
