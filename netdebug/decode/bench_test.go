package decode

import (
	"testing"

	"github.com/gopacket/gopacket/layers"
)

// BenchmarkPrinter is the per-packet cost of one decoded line over the
// golden mix (overlays, ICMP quotes, TCP): it must not allocate.
func BenchmarkPrinter(b *testing.B) {
	frames := goldens(b)
	p := NewPrinter(layers.LinkTypeEthernet, Options{})
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g := frames[i%len(frames)]
		buf = p.AppendPacket(buf[:0], ciFor(i, g.frame), g.frame)
	}
}

// BenchmarkPrinterUDP is the bench script's traffic: plain UDP datagrams.
func BenchmarkPrinterUDP(b *testing.B) {
	g := goldens(b)[0]
	p := NewPrinter(layers.LinkTypeEthernet, Options{})
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = p.AppendPacket(buf[:0], ciFor(i, g.frame), g.frame)
	}
}

func TestPrinterDoesNotAllocate(t *testing.T) {
	frames := append(goldens(t), tcpHandshake(t)...)
	p := NewPrinter(layers.LinkTypeEthernet, Options{})
	buf := make([]byte, 0, 1024)
	for i, g := range frames { // first pass: levels and conversations are created
		buf = p.AppendPacket(buf[:0], ciFor(i, g.frame), g.frame)
	}
	allocs := testing.AllocsPerRun(20, func() {
		for i, g := range frames {
			buf = p.AppendPacket(buf[:0], ciFor(i, g.frame), g.frame)
		}
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per pass over %d packets, want 0", allocs, len(frames))
	}
}
