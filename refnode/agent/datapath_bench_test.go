package agent

import (
	"net/netip"
	"testing"
)

// BenchmarkDatapath measures one simulated packet across two vRouters
// (egress flow, kernel route, label, ingress flow) and its answer: with
// the flows made (existing), and with a new 5-tuple each time (new: the
// agent evaluates routes, network policy and security groups and adds a
// forward and a reverse flow on both vRouters).
func BenchmarkDatapath(b *testing.B) {
	a1, _, p1, _, _ := dpPair(b, 8)
	dst := netip.MustParseAddr("10.47.255.2")
	b.Run("existing", func(b *testing.B) {
		for b.Loop() {
			if out, back, err := a1.Send(p1.Name, Packet{Dst: dst, Proto: 6, Sport: 40000, Dport: 80}, true); err != nil || !back.Delivered {
				b.Fatalf("%+v %v", out, err)
			}
		}
	})
	b.Run("new", func(b *testing.B) {
		port := 0
		for b.Loop() {
			port++
			if port == 60000 {
				b.StopTimer()
				a1.EmptyFlowTable()
				port = 1
				b.StartTimer()
			}
			if out, _, err := a1.Send(p1.Name, Packet{Dst: dst, Proto: 17, Sport: uint16(port), Dport: 53}, true); err != nil || !out.Delivered {
				b.Fatalf("%+v %v", out, err)
			}
		}
	})
}
