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
	t := &testing.T{}
	frames, _ := overlayPackets(t)
	sink := NewTextSink(io.Discard, layers.LinkTypeEthernet)
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

// BenchmarkPcapSink is the per-packet cost of writing pcap records.
func BenchmarkPcapSink(b *testing.B) {
	t := &testing.T{}
	frames, _ := overlayPackets(t)
	sink, err := NewPcapSink(io.Discard, DefaultSnaplen, layers.LinkTypeEthernet)
	if err != nil {
		b.Fatal(err)
	}
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
