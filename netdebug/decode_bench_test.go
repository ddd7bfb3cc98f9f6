package netdebug

import (
	"io"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// BenchmarkTextSinkOverlay is the per-packet cost of the decoded-line
// output (decode + format + buffered write) on the overlay mix.
func BenchmarkTextSinkOverlay(b *testing.B) {
	benchSink(b, NewTextSink(io.Discard, layers.LinkTypeEthernet))
}

// BenchmarkPcapSink is the per-packet cost of writing pcap records.
func BenchmarkPcapSink(b *testing.B) {
	sink, err := NewPcapSink(io.Discard, DefaultSnaplen, layers.LinkTypeEthernet)
	if err != nil {
		b.Fatal(err)
	}
	benchSink(b, sink)
}

// benchSink feeds the overlay packet mix to a sink b.N times.
func benchSink(b *testing.B, sink interface {
	WritePacket(gopacket.CaptureInfo, []byte) error
}) {
	frames, _ := overlayPackets(b)
	ci := gopacket.CaptureInfo{Timestamp: time.Unix(0, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := frames[i%len(frames)]
		ci.CaptureLength, ci.Length = len(f), len(f)
		if err := sink.WritePacket(ci, f); err != nil {
			b.Fatal(err)
		}
	}
}
