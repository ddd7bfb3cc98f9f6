package netdebug

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// Addresses inside files only; nothing here is sent anywhere.
var (
	fabricA = net.IP{192, 0, 2, 1}
	fabricB = net.IP{192, 0, 2, 2}
	podA    = net.IP{10, 47, 255, 249}
	podB    = net.IP{10, 47, 255, 250}
	macA    = net.HardwareAddr{0x02, 0, 0, 0, 0, 1}
	macB    = net.HardwareAddr{0x02, 0, 0, 0, 0, 2}
)

func serialize(t testing.TB, ls ...gopacket.SerializableLayer) []byte {
	t.Helper()
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		t.Fatalf("serialize: %v", err)
	}
	return buf.Bytes()
}

func outerUDP(t testing.TB, dport layers.UDPPort) (*layers.Ethernet, *layers.IPv4, *layers.UDP) {
	eth := &layers.Ethernet{SrcMAC: macA, DstMAC: macB, EthernetType: layers.EthernetTypeIPv4}
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: fabricA, DstIP: fabricB}
	udp := &layers.UDP{SrcPort: 51000, DstPort: dport}
	if err := udp.SetNetworkLayerForChecksum(ip); err != nil {
		t.Fatal(err)
	}
	return eth, ip, udp
}

func innerICMP() (*layers.IPv4, *layers.ICMPv4, gopacket.Payload) {
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolICMPv4, SrcIP: podA, DstIP: podB}
	icmp := &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeEchoRequest, 0), Id: 7, Seq: 1}
	return ip, icmp, gopacket.Payload(make([]byte, 56))
}

// overlayPackets are the overlay frames a vRouter fabric capture shows,
// each with the line tf-capture must print for it.
func overlayPackets(t testing.TB) (frames [][]byte, want []string) {
	add := func(b []byte, line string) { frames = append(frames, b); want = append(want, line) }

	// MPLS over UDP carrying a ping between two pods.
	eth, ip, udp := outerUDP(t, PortMPLSoUDP)
	iip, icmp, pl := innerICMP()
	add(serialize(t, eth, ip, udp, &layers.MPLS{Label: 18, StackBottom: true, TTL: 64}, iip, icmp, pl),
		"IP 192.0.2.1.51000 > 192.0.2.2.6635: MPLSoUDP label 18: IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64")

	// MPLS over GRE with a two-label stack and UDP inside.
	geth := &layers.Ethernet{SrcMAC: macA, DstMAC: macB, EthernetType: layers.EthernetTypeIPv4}
	gip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolGRE, SrcIP: fabricA, DstIP: fabricB}
	gre := &layers.GRE{Protocol: layers.EthernetTypeMPLSUnicast}
	uip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: podB, DstIP: podA}
	iudp := &layers.UDP{SrcPort: 53, DstPort: 40000}
	if err := iudp.SetNetworkLayerForChecksum(uip); err != nil {
		t.Fatal(err)
	}
	add(serialize(t, geth, gip, gre, &layers.MPLS{Label: 16, TTL: 64}, &layers.MPLS{Label: 21, StackBottom: true, TTL: 64}, uip, iudp, gopacket.Payload("abcdefgh")),
		"IP 192.0.2.1 > 192.0.2.2: MPLSoGRE label 16/21: IP 10.47.255.250.53 > 10.47.255.249.40000: UDP, length 8")

	// VXLAN with an inner Ethernet frame and a TCP SYN.
	veth, vip, vudp := outerUDP(t, PortVXLAN)
	ieth := &layers.Ethernet{SrcMAC: macB, DstMAC: macA, EthernetType: layers.EthernetTypeIPv4}
	tip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: podA, DstIP: podB}
	tcp := &layers.TCP{SrcPort: 41000, DstPort: 80, Seq: 1000, SYN: true, Window: 64240}
	if err := tcp.SetNetworkLayerForChecksum(tip); err != nil {
		t.Fatal(err)
	}
	add(serialize(t, veth, vip, vudp, &layers.VXLAN{ValidIDFlag: true, VNI: 5}, ieth, tip, tcp),
		"IP 192.0.2.1.51000 > 192.0.2.2.4789: VXLAN vni 5: IP 10.47.255.249.41000 > 10.47.255.250.80: Flags [S], seq 1000, win 64240, length 0")

	// MPLS over UDP carrying an L2 frame (an ARP of an L2 virtual network).
	aeth, aip, audp := outerUDP(t, PortMPLSoUDP)
	l2 := &layers.Ethernet{SrcMAC: macA, DstMAC: layers.EthernetBroadcast, EthernetType: layers.EthernetTypeARP}
	arp := &layers.ARP{AddrType: layers.LinkTypeEthernet, Protocol: layers.EthernetTypeIPv4, HwAddressSize: 6, ProtAddressSize: 4,
		Operation: layers.ARPRequest, SourceHwAddress: macA, SourceProtAddress: podA, DstHwAddress: make([]byte, 6), DstProtAddress: podB}
	add(serialize(t, aeth, aip, audp, &layers.MPLS{Label: 30, StackBottom: true, TTL: 64}, l2, arp),
		"IP 192.0.2.1.51000 > 192.0.2.2.6635: MPLSoUDP label 30: ARP, Request who-has 10.47.255.250 tell 10.47.255.249, length 28")

	// Plain UDP on another port stays plain.
	peth, pip, pudp := outerUDP(t, 9999)
	add(serialize(t, peth, pip, pudp, gopacket.Payload("hello")),
		"IP 192.0.2.1.51000 > 192.0.2.2.9999: UDP, length 5")
	return frames, want
}

// writePcap writes frames to a pcap file the way a capture does.
func writePcap(t *testing.T, path string, frames [][]byte) {
	t.Helper()
	f, err := CreatePcapFile(path, DefaultSnaplen, layers.LinkTypeEthernet)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, b := range frames {
		ci := gopacket.CaptureInfo{Timestamp: base.Add(time.Duration(i) * time.Millisecond), CaptureLength: len(b), Length: len(b)}
		if err := f.WritePacket(ci, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// readPcapLines decodes a pcap file into tf-capture's lines.
func readPcapLines(t *testing.T, path string) []string {
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
	var lines []string
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		lines = append(lines, FormatPacket(ci, gopacket.NewPacket(data, r.LinkType(), gopacket.Default)))
	}
	return lines
}

func TestOverlayDecodeFromPcapFile(t *testing.T) {
	frames, want := overlayPackets(t)
	path := filepath.Join(t.TempDir(), "overlay.pcap")
	writePcap(t, path, frames)
	got := readPcapLines(t, path)
	if len(got) != len(want) {
		t.Fatalf("read %d packets back, wrote %d", len(got), len(want))
	}
	for i := range want {
		w := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).Add(time.Duration(i)*time.Millisecond).Format("15:04:05.000000") + " " + want[i]
		if got[i] != w {
			t.Errorf("packet %d:\n got  %s\n want %s", i, got[i], w)
		}
	}
}

func TestTruncatedOverlayIsMarked(t *testing.T) {
	frames, _ := overlayPackets(t)
	cut := frames[0][:14+20+8+2] // Ethernet + IP + UDP + half an MPLS header
	line := FormatPacket(gopacket.CaptureInfo{}, gopacket.NewPacket(cut, layers.LinkTypeEthernet, gopacket.Default))
	if want := "[|"; !strings.Contains(line, want) {
		t.Errorf("truncated MPLSoUDP printed %q, want a %q decode-error marker", line, want)
	}
}

// TestOverlayFixtureUpToDate keeps testdata/capture/overlay.pcap (the file
// the CLI's -r test decodes) equal to what overlayPackets builds.
// TFKIT_UPDATE_FIXTURES=1 rewrites it.
func TestOverlayFixtureUpToDate(t *testing.T) {
	frames, _ := overlayPackets(t)
	tmp := filepath.Join(t.TempDir(), "overlay.pcap")
	writePcap(t, tmp, frames)
	want, err := os.ReadFile(tmp)
	if err != nil {
		t.Fatal(err)
	}
	fixture := filepath.Join("..", "testdata", "capture", "overlay.pcap")
	if os.Getenv("TFKIT_UPDATE_FIXTURES") == "1" {
		if err := os.WriteFile(fixture, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(fixture)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the packets the test builds (%v): rerun with TFKIT_UPDATE_FIXTURES=1", fixture, err)
	}
}
