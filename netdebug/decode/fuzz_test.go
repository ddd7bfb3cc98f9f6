package decode

import (
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// FuzzPrinter feeds mangled packets to the printer: whatever the bytes,
// it must print a line and never panic (a capture sees hostile traffic).
func FuzzPrinter(f *testing.F) {
	for _, g := range append(goldens(f), tcpHandshake(f)...) {
		f.Add(g.frame)
	}
	p := NewPrinter(layers.LinkTypeEthernet, Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		ci := gopacket.CaptureInfo{CaptureLength: len(data), Length: len(data) + 10}
		if line := p.AppendPacket(nil, ci, data); len(line) == 0 {
			t.Error("empty line")
		}
	})
}
