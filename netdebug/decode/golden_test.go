package decode

import (
	"bytes"
	"encoding/binary"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/tfkit/tfkit/netdebug/netdebugtest"
)

// Addresses inside crafted packets only; nothing here is sent anywhere.
var (
	fabricA = net.IP{192, 0, 2, 1}
	fabricB = net.IP{192, 0, 2, 2}
	podA    = net.IP{10, 47, 255, 249}
	podB    = net.IP{10, 47, 255, 250}
	macA    = net.HardwareAddr{0x02, 0, 0, 0, 0, 1}
	macB    = net.HardwareAddr{0x02, 0, 0, 0, 0, 2}
	// MACs whose first byte reads like an IPv4 (0x45) or IPv6 (0x6x)
	// header: an L2 payload under an MPLS label must not be taken for IP.
	mac45 = net.HardwareAddr{0x45, 0x00, 0x00, 0x54, 0x12, 0x34}
	mac60 = net.HardwareAddr{0x60, 0x00, 0x00, 0x00, 0x00, 0x08}
	v6A   = net.ParseIP("fd00::1")
	v6B   = net.ParseIP("fd00::2")
)

// serialize builds a packet (netdebugtest.Serialize).
var serialize = netdebugtest.Serialize

func eth(src, dst net.HardwareAddr, typ layers.EthernetType) *layers.Ethernet {
	return &layers.Ethernet{SrcMAC: src, DstMAC: dst, EthernetType: typ}
}

func ip4(src, dst net.IP, proto layers.IPProtocol) *layers.IPv4 {
	return &layers.IPv4{Version: 4, TTL: 64, Id: 1, Protocol: proto, SrcIP: src, DstIP: dst}
}

func udp(t testing.TB, ip gopacket.NetworkLayer, sport, dport layers.UDPPort) *layers.UDP {
	u := &layers.UDP{SrcPort: sport, DstPort: dport}
	if err := u.SetNetworkLayerForChecksum(ip); err != nil {
		t.Fatal(err)
	}
	return u
}

func tcp(t testing.TB, ip gopacket.NetworkLayer, tc layers.TCP) *layers.TCP {
	if err := tc.SetNetworkLayerForChecksum(ip); err != nil {
		t.Fatal(err)
	}
	return &tc
}

func mpls(labels ...uint32) []gopacket.SerializableLayer {
	var out []gopacket.SerializableLayer
	for i, l := range labels {
		out = append(out, &layers.MPLS{Label: l, TTL: 64, StackBottom: i == len(labels)-1})
	}
	return out
}

// ping is a pod's ICMP echo request (64 bytes of ICMP).
func ping(src, dst net.IP) []gopacket.SerializableLayer {
	return []gopacket.SerializableLayer{ip4(src, dst, layers.IPProtocolICMPv4),
		&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeEchoRequest, 0), Id: 7, Seq: 1},
		gopacket.Payload(make([]byte, 56))}
}

func cat(parts ...any) []gopacket.SerializableLayer {
	var out []gopacket.SerializableLayer
	for _, p := range parts {
		switch v := p.(type) {
		case gopacket.SerializableLayer:
			out = append(out, v)
		case []gopacket.SerializableLayer:
			out = append(out, v...)
		}
	}
	return out
}

// controlWord is the zero 4-byte word the vRouter puts before a bridged frame.
var controlWord = gopacket.Payload{0, 0, 0, 0}

type golden struct {
	name  string
	frame []byte
	want  string
	// tcpdump: tcpdump -n prints exactly this line too (checked by
	// TestGoldenMatchesTcpdump when tcpdump is installed); tdPrefix: the
	// line begins with tcpdump -n's, to which it adds the quoted packet.
	tcpdump, tdPrefix bool
}

// goldens are crafted packets with the line the printer must give. Lines
// marked tcpdump are tcpdump -n's own; the others are what tcpdump does
// not open (overlays) or does not say without -v (quotes, fragments).
func goldens(t testing.TB) []golden {
	var g []golden
	add := func(name string, frame []byte, want string, td bool) {
		g = append(g, golden{name: name, frame: frame, want: want, tcpdump: td})
	}
	addPrefix := func(name string, frame []byte, want string) {
		g = append(g, golden{name: name, frame: frame, want: want, tdPrefix: true})
	}
	o := func(dport layers.UDPPort) []gopacket.SerializableLayer {
		ip := ip4(fabricA, fabricB, layers.IPProtocolUDP)
		return []gopacket.SerializableLayer{eth(macA, macB, layers.EthernetTypeIPv4), ip, udp(t, ip, 51000, dport)}
	}
	fab := "IP 192.0.2.1.51000 > 192.0.2.2."

	add("plain udp", serialize(t, cat(o(9999), gopacket.Payload("hello"))...), fab+"9999: UDP, length 5", true)
	add("mplsoudp l3", serialize(t, cat(o(6635), mpls(18), ping(podA, podB))...),
		fab+"6635: MPLSoUDP label 18: IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64", false)
	add("mplsoudp legacy port", serialize(t, cat(o(51234), mpls(18), ping(podA, podB))...),
		fab+"51234: MPLSoUDP label 18: IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64", false)

	arp := &layers.ARP{AddrType: layers.LinkTypeEthernet, Protocol: layers.EthernetTypeIPv4, HwAddressSize: 6, ProtAddressSize: 4,
		Operation: layers.ARPRequest, SourceHwAddress: macA, SourceProtAddress: podA, DstHwAddress: make([]byte, 6), DstProtAddress: podB}
	add("mplsoudp l2 with control word", serialize(t, cat(o(6635), mpls(30), controlWord, eth(macA, layers.EthernetBroadcast, layers.EthernetTypeARP), arp)...),
		fab+"6635: MPLSoUDP label 30, cw: 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ARP, Request who-has 10.47.255.250 tell 10.47.255.249, length 46", false)
	add("mplsoudp l2 cw, inner mac 45:", serialize(t, cat(o(6635), mpls(30), controlWord, eth(macA, mac45, layers.EthernetTypeIPv4), ping(podA, podB))...),
		fab+"6635: MPLSoUDP label 30, cw: 02:00:00:00:00:01 > 45:00:00:54:12:34, IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64", false)
	add("mplsoudp l2 no cw, inner mac 45:", serialize(t, cat(o(6635), mpls(31), eth(macA, mac45, layers.EthernetTypeIPv4), ping(podA, podB))...),
		fab+"6635: MPLSoUDP label 31: 02:00:00:00:00:01 > 45:00:00:54:12:34, IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64", false)
	add("mplsoudp l2 no cw, inner mac 60:", serialize(t, cat(o(6635), mpls(32), eth(macA, mac60, layers.EthernetTypeIPv4), ping(podA, podB))...),
		fab+"6635: MPLSoUDP label 32: 02:00:00:00:00:01 > 60:00:00:00:00:08, IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64", false)

	gip := ip4(fabricA, fabricB, layers.IPProtocolGRE)
	uip := ip4(podB, podA, layers.IPProtocolUDP)
	add("mplsogre two labels", serialize(t, cat(eth(macA, macB, layers.EthernetTypeIPv4), gip, &layers.GRE{Protocol: layers.EthernetTypeMPLSUnicast},
		mpls(16, 21), uip, udp(t, uip, 53, 40000), gopacket.Payload("abcdefgh"))...),
		"IP 192.0.2.1 > 192.0.2.2: MPLSoGRE label 16/21: IP 10.47.255.250.53 > 10.47.255.249.40000: UDP, length 8", false)
	add("gre carrying ipv4", serialize(t, cat(eth(macA, macB, layers.EthernetTypeIPv4), ip4(fabricA, fabricB, layers.IPProtocolGRE),
		&layers.GRE{Protocol: layers.EthernetTypeIPv4}, ping(podA, podB))...),
		"IP 192.0.2.1 > 192.0.2.2: GREv0, length 88: IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64", true)

	tip := ip4(podA, podB, layers.IPProtocolTCP)
	add("vxlan inner tcp syn", serialize(t, cat(o(4789), &layers.VXLAN{ValidIDFlag: true, VNI: 5}, eth(macB, macA, layers.EthernetTypeIPv4), tip,
		tcp(t, tip, layers.TCP{SrcPort: 41000, DstPort: 80, Seq: 1000, SYN: true, Window: 64240}))...),
		fab+"4789: VXLAN vni 5: 02:00:00:00:00:02 > 02:00:00:00:00:01, IP 10.47.255.249.41000 > 10.47.255.250.80: Flags [S], seq 1000, win 64240, length 0", false)
	add("truncated mplsoudp", serialize(t, cat(o(6635), gopacket.Payload{0, 1})...)[:14+20+8+2],
		fab+"6635: MPLSoUDP label [|mpls]", false)

	// ICMP errors quote the packet that failed.
	orig := ip4(podA, podB, layers.IPProtocolTCP)
	orig.Flags = layers.IPv4DontFragment
	big := serialize(t, orig, tcp(t, orig, layers.TCP{SrcPort: 40000, DstPort: 443, Seq: 5000, Ack: 9000, ACK: true, PSH: true, Window: 501}),
		gopacket.Payload(make([]byte, 1460)))
	addPrefix("icmp need to frag with the quoted tcp segment", serialize(t, eth(macB, macA, layers.EthernetTypeIPv4), ip4(podB, podA, layers.IPProtocolICMPv4),
		&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeDestinationUnreachable, layers.ICMPv4CodeFragmentationNeeded), Seq: 1400},
		gopacket.Payload(big[:548])),
		"IP 10.47.255.250 > 10.47.255.249: ICMP 10.47.255.250 unreachable - need to frag (mtu 1400), length 556: IP 10.47.255.249.40000 > 10.47.255.250.443: Flags [P.], seq 5000:6460, ack 9000, win 501, length 1460")
	uo := ip4(podA, podB, layers.IPProtocolUDP)
	dgram := serialize(t, uo, udp(t, uo, 5000, 9999), gopacket.Payload(make([]byte, 64)))
	addPrefix("icmp port unreachable quoting 8 bytes of udp", serialize(t, eth(macB, macA, layers.EthernetTypeIPv4), ip4(podB, podA, layers.IPProtocolICMPv4),
		&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeDestinationUnreachable, layers.ICMPv4CodePort)},
		gopacket.Payload(dgram[:28])),
		"IP 10.47.255.250 > 10.47.255.249: ICMP 10.47.255.250 udp port 9999 unreachable, length 36: IP 10.47.255.249.5000 > 10.47.255.250.9999: UDP, length 64")
	addPrefix("icmp time exceeded quoting a tcp header cut at 8 bytes", serialize(t, eth(macB, macA, layers.EthernetTypeIPv4), ip4(fabricB, podA, layers.IPProtocolICMPv4),
		&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeTimeExceeded, 0)}, gopacket.Payload(big[:28])),
		"IP 192.0.2.2 > 10.47.255.249: ICMP time exceeded in-transit, length 36: IP 10.47.255.249.40000 > 10.47.255.250.443: [|tcp]")

	// First and second fragment of a 3000-byte datagram.
	fo := ip4(podA, podB, layers.IPProtocolUDP)
	whole := serialize(t, fo, udp(t, fo, 5000, 6000), gopacket.Payload(make([]byte, 3000)))
	f1 := ip4(podA, podB, layers.IPProtocolUDP)
	f1.Id, f1.Flags = 4321, layers.IPv4MoreFragments
	add("first fragment keeps its ports", serialize(t, eth(macA, macB, layers.EthernetTypeIPv4), f1, gopacket.Payload(whole[20:20+1480])),
		"IP 10.47.255.249.5000 > 10.47.255.250.6000: UDP, length 3000 (frag 4321:1480@0+)", false)
	f2 := ip4(podA, podB, layers.IPProtocolUDP)
	f2.Id, f2.Flags, f2.FragOffset = 4321, layers.IPv4MoreFragments, 185
	add("second fragment", serialize(t, eth(macA, macB, layers.EthernetTypeIPv4), f2, gopacket.Payload(whole[20+1480:20+2960])),
		"IP 10.47.255.249 > 10.47.255.250: udp (frag 4321:1480@1480+)", false)

	add("arp request", serialize(t, eth(macA, layers.EthernetBroadcast, layers.EthernetTypeARP), arp),
		"ARP, Request who-has 10.47.255.250 tell 10.47.255.249, length 46", true)
	rep := *arp
	rep.Operation, rep.SourceProtAddress, rep.SourceHwAddress, rep.DstProtAddress, rep.DstHwAddress = layers.ARPReply, podB, macB, podA, macA
	add("arp reply", serialize(t, eth(macB, macA, layers.EthernetTypeARP), &rep),
		"ARP, Reply 10.47.255.250 is-at 02:00:00:00:00:02, length 46", true)

	v6 := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolUDP, SrcIP: v6A, DstIP: v6B}
	add("ipv6 udp", serialize(t, eth(macA, macB, layers.EthernetTypeIPv6), v6, udp(t, v6, 5000, 53), gopacket.Payload("x")),
		"IP6 fd00::1.5000 > fd00::2.53: UDP, length 1", false)
	ns := &layers.IPv6{Version: 6, HopLimit: 255, NextHeader: layers.IPProtocolICMPv6, SrcIP: v6A, DstIP: v6B}
	icmp6 := &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(layers.ICMPv6TypeNeighborSolicitation, 0)}
	icmp6.SetNetworkLayerForChecksum(ns)
	add("ipv6 neighbor solicitation", serialize(t, eth(macA, macB, layers.EthernetTypeIPv6), ns, icmp6,
		&layers.ICMPv6NeighborSolicitation{TargetAddress: v6B}),
		"IP6 fd00::1 > fd00::2: ICMP6, neighbor solicitation, who has fd00::2, length 24", true)
	ptb := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolICMPv6, SrcIP: v6B, DstIP: v6A}
	ptbMsg := &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(layers.ICMPv6TypePacketTooBig, 0)}
	ptbMsg.SetNetworkLayerForChecksum(ptb)
	o6 := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolUDP, SrcIP: v6A, DstIP: v6B}
	d6 := serialize(t, o6, udp(t, o6, 5000, 6000), gopacket.Payload(make([]byte, 1452)))
	mtu := make([]byte, 4)
	binary.BigEndian.PutUint32(mtu, 1280)
	addPrefix("ipv6 packet too big with the quoted datagram", serialize(t, eth(macB, macA, layers.EthernetTypeIPv6), ptb, ptbMsg, gopacket.Payload(append(mtu, d6[:1232]...))),
		"IP6 fd00::2 > fd00::1: ICMP6, packet too big, mtu 1280, length 1240: IP6 fd00::1.5000 > fd00::2.6000: UDP, length 1452")
	return g
}

// tcpHandshake is a connection's first packets, for relative numbers.
func tcpHandshake(t testing.TB) []golden {
	c2s := func(tc layers.TCP, payload int) []byte {
		ip := ip4(podA, podB, layers.IPProtocolTCP)
		tc.SrcPort, tc.DstPort = 40000, 443
		return serialize(t, eth(macA, macB, layers.EthernetTypeIPv4), ip, tcp(t, ip, tc), gopacket.Payload(make([]byte, payload)))
	}
	s2c := func(tc layers.TCP, payload int) []byte {
		ip := ip4(podB, podA, layers.IPProtocolTCP)
		tc.SrcPort, tc.DstPort = 443, 40000
		return serialize(t, eth(macB, macA, layers.EthernetTypeIPv4), ip, tcp(t, ip, tc), gopacket.Payload(make([]byte, payload)))
	}
	ts := func(val, ecr uint32) layers.TCPOption {
		d := make([]byte, 8)
		binary.BigEndian.PutUint32(d, val)
		binary.BigEndian.PutUint32(d[4:], ecr)
		return layers.TCPOption{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: d}
	}
	nop := layers.TCPOption{OptionType: layers.TCPOptionKindNop}
	synOpts := []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x05, 0xb4}},
		{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2}, ts(100, 0), nop,
		{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{7}}}
	sack := make([]byte, 8)
	binary.BigEndian.PutUint32(sack, 3000000000+1+1448*2)
	binary.BigEndian.PutUint32(sack[4:], 3000000000+1+1448*3)
	a, s := "IP 10.47.255.249.40000 > 10.47.255.250.443: ", "IP 10.47.255.250.443 > 10.47.255.249.40000: "
	return []golden{
		{"syn", c2s(layers.TCP{Seq: 3000000000, SYN: true, Window: 64240, Options: synOpts}, 0),
			a + "Flags [S], seq 3000000000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0", true, false},
		{"syn-ack", s2c(layers.TCP{Seq: 7000, Ack: 3000000001, SYN: true, ACK: true, Window: 65160, Options: synOpts}, 0),
			s + "Flags [S.], seq 7000, ack 3000000001, win 65160, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0", true, false},
		{"ack", c2s(layers.TCP{Seq: 3000000001, Ack: 7001, ACK: true, Window: 502, Options: []layers.TCPOption{nop, nop, ts(101, 100)}}, 0),
			a + "Flags [.], ack 1, win 502, options [nop,nop,TS val 101 ecr 100], length 0", true, false},
		{"data", c2s(layers.TCP{Seq: 3000000001, Ack: 7001, ACK: true, PSH: true, Window: 502, Options: []layers.TCPOption{nop, nop, ts(102, 100)}}, 517),
			a + "Flags [P.], seq 1:518, ack 1, win 502, options [nop,nop,TS val 102 ecr 100], length 517", true, false},
		{"sack", s2c(layers.TCP{Seq: 7001, Ack: 3000000518, ACK: true, Window: 500, Options: []layers.TCPOption{nop, nop,
			{OptionType: layers.TCPOptionKindSACK, OptionLength: 10, OptionData: sack}}}, 0),
			s + "Flags [.], ack 518, win 500, options [nop,nop,sack 1 {2897:4345}], length 0", true, false},
		{"fin", s2c(layers.TCP{Seq: 7001, Ack: 3000000518, ACK: true, FIN: true, Window: 500}, 0),
			s + "Flags [F.], seq 1, ack 518, win 500, length 0", true, false},
		{"rst", c2s(layers.TCP{Seq: 3000000518, RST: true}, 0),
			a + "Flags [R], seq 3000000518, win 0, length 0", true, false},
	}
}

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func ciFor(i int, frame []byte) gopacket.CaptureInfo {
	return gopacket.CaptureInfo{Timestamp: epoch.Add(time.Duration(i) * time.Millisecond), CaptureLength: len(frame), Length: len(frame)}
}

func lineFor(i int, want string) string {
	return epoch.Add(time.Duration(i)*time.Millisecond).Format("15:04:05.000000") + " " + want
}

func TestGoldenLines(t *testing.T) {
	for _, set := range [][]golden{goldens(t), tcpHandshake(t)} {
		p := NewPrinter(layers.LinkTypeEthernet, Options{})
		for i, g := range set {
			got := string(p.AppendPacket(nil, ciFor(i, g.frame), g.frame))
			if want := lineFor(i, g.want); got != want {
				t.Errorf("%s:\n got  %s\n want %s", g.name, got, want)
			}
		}
	}
}

func TestDecodeAs(t *testing.T) {
	ip := ip4(fabricA, fabricB, layers.IPProtocolUDP)
	frame := serialize(t, cat(eth(macA, macB, layers.EthernetTypeIPv4), ip, udp(t, ip, 51000, 7777), mpls(18), ping(podA, podB))...)
	ports := DefaultUDP()
	if err := ParseDecodeAs(ports, "udp.port==7777,mpls"); err != nil {
		t.Fatal(err)
	}
	got := string(NewPrinter(layers.LinkTypeEthernet, Options{UDP: ports}).AppendPacket(nil, ciFor(0, frame), frame))
	if want := lineFor(0, "IP 192.0.2.1.51000 > 192.0.2.2.7777: MPLSoUDP label 18: IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64"); got != want {
		t.Errorf("decode-as 7777 mpls:\n got  %s\n want %s", got, want)
	}
	// none turns a default overlay port back into plain UDP.
	if err := ParseDecodeAs(ports, "udp.port=6635,none"); err != nil {
		t.Fatal(err)
	}
	ip = ip4(fabricA, fabricB, layers.IPProtocolUDP)
	frame = serialize(t, cat(eth(macA, macB, layers.EthernetTypeIPv4), ip, udp(t, ip, 51000, 6635), mpls(18), ping(podA, podB))...)
	got = string(NewPrinter(layers.LinkTypeEthernet, Options{UDP: ports}).AppendPacket(nil, ciFor(0, frame), frame))
	if want := lineFor(0, "IP 192.0.2.1.51000 > 192.0.2.2.6635: UDP, length 88"); got != want {
		t.Errorf("decode-as 6635 none:\n got  %s\n want %s", got, want)
	}
	for _, bad := range []string{"tcp.port=1,mpls", "udp.port=x,mpls", "udp.port=0,mpls", "udp.port=1", "udp.port=1,gre"} {
		if err := ParseDecodeAs(ports, bad); err == nil || !strings.Contains(err.Error(), "use udp.port=PORT,mpls|vxlan|none") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestGoldenMatchesTcpdump writes the packets tcpdump decodes the same way
// to a pcap file and checks tcpdump -n prints the very lines we expect.
func TestGoldenMatchesTcpdump(t *testing.T) {
	td, err := exec.LookPath("tcpdump")
	if err != nil {
		t.Skip("tcpdump not installed (scripts/setup-test-env.sh installs it)")
	}
	for _, set := range [][]golden{goldens(t), tcpHandshake(t)} {
		var picked []golden
		for _, g := range set {
			if g.tcpdump || g.tdPrefix {
				picked = append(picked, g)
			}
		}
		path := filepath.Join(t.TempDir(), "golden.pcap")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w := pcapgo.NewWriter(f)
		w.WriteFileHeader(65535, layers.LinkTypeEthernet)
		for i, g := range picked {
			if err := w.WritePacket(ciFor(i, g.frame), g.frame); err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
		cmd := exec.Command(td, "-n", "-r", path)
		cmd.Env = append(os.Environ(), "TZ=UTC")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("tcpdump -n -r: %v", err)
		}
		lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
		if len(lines) != len(picked) {
			t.Fatalf("tcpdump printed %d lines for %d packets:\n%s", len(lines), len(picked), out)
		}
		for i, g := range picked {
			want := lineFor(i, g.want)
			if g.tdPrefix && !strings.HasPrefix(want, lines[i]+": ") || !g.tdPrefix && lines[i] != want {
				t.Errorf("%s:\n tcpdump %s\n golden  %s", g.name, lines[i], want)
			}
		}
	}
}

// fixtureNames are the goldens in testdata/capture/overlay.pcap, the file
// tf-capture's -r test decodes.
var fixtureNames = []string{"mplsoudp l3", "mplsogre two labels", "vxlan inner tcp syn", "mplsoudp l2 with control word", "plain udp"}

// TestOverlayFixtureUpToDate keeps testdata/capture/overlay.pcap equal to
// the golden packets it holds; TFKIT_UPDATE_FIXTURES=1 rewrites it.
func TestOverlayFixtureUpToDate(t *testing.T) {
	byName := map[string]golden{}
	for _, g := range goldens(t) {
		byName[g.name] = g
	}
	var buf bytes.Buffer
	w := pcapgo.NewWriter(&buf)
	w.WriteFileHeader(262144, layers.LinkTypeEthernet)
	for i, n := range fixtureNames {
		g, ok := byName[n]
		if !ok {
			t.Fatalf("no golden %q", n)
		}
		w.WritePacket(ciFor(i, g.frame), g.frame)
	}
	fixture := filepath.Join("..", "..", "testdata", "capture", "overlay.pcap")
	if os.Getenv("TFKIT_UPDATE_FIXTURES") == "1" {
		if err := os.WriteFile(fixture, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(fixture)
	if err != nil || !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("%s differs from the golden packets (%v): rerun with TFKIT_UPDATE_FIXTURES=1", fixture, err)
	}
}
