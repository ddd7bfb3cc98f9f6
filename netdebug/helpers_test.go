package netdebug

import (
	"net"
	"os"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/tfkit/tfkit/netdebug/decode"
	"github.com/tfkit/tfkit/netdebug/netdebugtest"
)

// Addresses inside packets the tests send between their own namespaces.
var (
	podA = net.IP{10, 47, 255, 249}
	podB = net.IP{10, 47, 255, 250}
)

// serialize builds a packet (netdebugtest.Serialize).
var serialize = netdebugtest.Serialize

// innerICMP is a pod's ping as a vRouter carries it under an MPLS label.
func innerICMP() (*layers.IPv4, *layers.ICMPv4, gopacket.Payload) {
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolICMPv4, SrcIP: podA, DstIP: podB}
	icmp := &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeEchoRequest, 0), Id: 7, Seq: 1}
	return ip, icmp, gopacket.Payload(make([]byte, 56))
}

// readPcapLines decodes a pcap file into tf-capture's lines; it also
// returns how many records were read whole and the error that ended the
// reading (io.EOF for a complete file).
func readPcapLines(t *testing.T, path string) []string {
	t.Helper()
	lines, _ := readPcap(t, path)
	return lines
}

func readPcap(t *testing.T, path string) ([]string, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatalf("read back %s: %v", path, err)
	}
	p := decode.NewPrinter(r.LinkType(), decode.Options{})
	var lines []string
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			return lines, err
		}
		lines = append(lines, string(p.AppendPacket(nil, ci, data)))
	}
}
