package netdebug

import (
	"io"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/tfkit/tfkit/netdebug/decode"
)

// benchFrame is the bench script's packet: 64 bytes of UDP payload.
func benchFrame(t testing.TB) []byte {
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: podA, DstIP: podB}
	udp := &layers.UDP{SrcPort: 40000, DstPort: 9999}
	udp.SetNetworkLayerForChecksum(ip)
	return serialize(t, &layers.Ethernet{SrcMAC: []byte{2, 0, 0, 0, 0, 1}, DstMAC: []byte{2, 0, 0, 0, 0, 2}, EthernetType: layers.EthernetTypeIPv4},
		ip, udp, gopacket.Payload(make([]byte, 64)))
}

func sinks(t testing.TB) map[string]PacketSink {
	pcap, err := NewPcapSink(io.Discard, DefaultSnaplen, layers.LinkTypeEthernet)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]PacketSink{"pcap": pcap, "text": NewTextSink(io.Discard, layers.LinkTypeEthernet, decode.Options{})}
}

// BenchmarkSinks is the per-packet cost of each output (decoded line,
// pcap record) with its buffering, on the bench script's packet.
func BenchmarkSinks(b *testing.B) {
	frame := benchFrame(b)
	for name, s := range sinks(b) {
		b.Run(name, func(b *testing.B) {
			ci := gopacket.CaptureInfo{Timestamp: time.Unix(1, 0), CaptureLength: len(frame), Length: len(frame)}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ci.Timestamp = ci.Timestamp.Add(time.Microsecond)
				if err := s.WritePacket(ci, frame); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSinksDoNotAllocate: writing a packet costs no allocation in either
// output, flushes included.
func TestSinksDoNotAllocate(t *testing.T) {
	frame := benchFrame(t)
	ci := gopacket.CaptureInfo{Timestamp: time.Unix(1, 0), CaptureLength: len(frame), Length: len(frame)}
	for name, s := range sinks(t) {
		s.WritePacket(ci, frame) // first use sets up the printer's state
		if n := testing.AllocsPerRun(5000, func() {
			s.WritePacket(ci, frame)
		}); n != 0 {
			t.Errorf("%s: %.2f allocations per packet", name, n)
		}
	}
}

func TestRingGeometry(t *testing.T) {
	for _, tc := range []struct{ mib, block, blocks int }{
		{0, 1 << 20, 4}, {4, 1 << 20, 4}, {2, 512 << 10, 4}, {1, 256 << 10, 4}, {64, 1 << 20, 64}, {-1, 1 << 20, 4},
	} {
		if b, n := ringGeometry(tc.mib); b != tc.block || n != tc.blocks {
			t.Errorf("ringGeometry(%d) = %d x %d, want %d x %d", tc.mib, n, b, tc.blocks, tc.block)
		}
	}
}
