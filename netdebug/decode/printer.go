// Package decode prints one line per packet the way tcpdump -n does,
// with the Tungsten Fabric overlays opened: MPLS over UDP (6635, and the
// legacy 51234) or GRE, VXLAN (4789), and the L2 payloads the vRouter
// bridges (Ethernet after an MPLS label, with or without the zero control
// word). It keeps what troubleshooting needs: ICMP errors with the packet
// they quote and the MTU of "fragmentation needed", TCP flags, options and
// relative seq/ack like tcpdump, the ports of a first fragment.
//
// A Printer decodes with gopacket's DecodingLayerParser into layers it owns
// and reuses, and formats by appending to the caller's buffer: no
// allocation per packet (BenchmarkPrinter checks it).
package decode

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// maxDepth bounds nesting (overlay in overlay, IP in IP, ICMP quotes): a
// crafted packet cannot make the printer recurse without end.
const maxDepth = 5

// Options tune a Printer.
type Options struct {
	// UDP maps UDP ports to the overlay carried on them; nil means
	// DefaultUDP(). The destination port is looked up first, then the source.
	UDP map[uint16]Overlay
	// IfNames names interface indexes for Linux cooked (SLL2) captures.
	IfNames map[int]string
}

// Printer turns packets of one link type into lines. It keeps TCP
// conversations for relative sequence numbers, so one Printer serves one
// capture; it is not safe for concurrent use.
type Printer struct {
	first   gopacket.LayerType // first layer of the link type; LayerTypeZero when unknown
	rawIP   bool               // link type is raw IP: first layer by the version nibble
	link    layers.LinkType
	udp     [65536]Overlay
	ifNames map[int]string
	levels  [maxDepth]*level
	conv    conversations
	clk     clock
}

// NewPrinter prints packets of the given link type.
func NewPrinter(link layers.LinkType, o Options) *Printer {
	p := &Printer{link: link, ifNames: o.IfNames, conv: conversations{m: map[convKey]convBase{}}}
	ports := o.UDP
	if ports == nil {
		ports = DefaultUDP()
	}
	for port, ov := range ports {
		p.udp[port] = ov
	}
	switch link {
	case layers.LinkTypeEthernet:
		p.first = layers.LayerTypeEthernet
	case layers.LinkTypeLinuxSLL:
		p.first = layers.LayerTypeLinuxSLL
	case layers.LinkTypeLinuxSLL2:
		p.first = layers.LayerTypeLinuxSLL2
	case layers.LinkTypeNull, layers.LinkTypeLoop:
		p.first = layers.LayerTypeLoopback
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12, 14: // 12/14: DLT_RAW on some systems
		p.rawIP = true
	}
	return p
}

// AppendPacket appends the line for one packet (time first, no newline).
// data is only read during the call.
func (p *Printer) AppendPacket(b []byte, ci gopacket.CaptureInfo, data []byte) []byte {
	b = p.clk.append(b, ci.Timestamp)
	b = append(b, ' ')
	first := p.first
	if p.rawIP {
		first = ipByVersion(data)
	}
	if first == gopacket.LayerTypeZero {
		b = append(b, "link-type "...)
		b = appendInt(b, int(p.link))
		b = append(b, ", length "...)
		return appendInt(b, ci.Length)
	}
	return p.appendFrom(b, 0, first, data, false)
}

// ipByVersion picks IPv4 or IPv6 by the first nibble (raw IP links).
func ipByVersion(data []byte) gopacket.LayerType {
	if len(data) > 0 {
		switch data[0] >> 4 {
		case 4:
			return layers.LayerTypeIPv4
		case 6:
			return layers.LayerTypeIPv6
		}
	}
	return gopacket.LayerTypeZero
}

// level holds one set of layers for one nesting depth: the outer packet
// at depth 0, what an overlay or an ICMP error carries at depth 1, and so
// on. Layers of one depth are never overwritten by a deeper packet.
type level struct {
	eth     layers.Ethernet
	sll     layers.LinuxSLL
	sll2    layers.LinuxSLL2
	loop    layers.Loopback
	dot1q   layers.Dot1Q
	arp     layers.ARP
	ip4     ip4Layer
	ip6     ip6Layer
	udp     layers.UDP
	tcp     layers.TCP
	icmp4   layers.ICMPv4
	icmp6   layers.ICMPv6
	gre     layers.GRE
	vxlan   layers.VXLAN
	decoded []gopacket.LayerType
	parsers map[gopacket.LayerType]*gopacket.DecodingLayerParser
}

func (p *Printer) level(depth int) *level {
	if lv := p.levels[depth]; lv != nil {
		return lv
	}
	lv := &level{decoded: make([]gopacket.LayerType, 0, 8), parsers: map[gopacket.LayerType]*gopacket.DecodingLayerParser{}}
	p.levels[depth] = lv
	return lv
}

// parser returns the level's parser that starts at first. The parsers of
// a level share its layers; transport and overlay headers are decoded by
// the printer itself, where it knows which depth they belong to.
func (lv *level) parser(first gopacket.LayerType) *gopacket.DecodingLayerParser {
	if dp := lv.parsers[first]; dp != nil {
		return dp
	}
	dp := gopacket.NewDecodingLayerParser(first)
	dp.SetDecodingLayerContainer(gopacket.DecodingLayerSparse(nil))
	for _, l := range []gopacket.DecodingLayer{&lv.eth, &lv.sll, &lv.sll2, &lv.loop, &lv.dot1q, &lv.arp, &lv.ip4, &lv.ip6} {
		dp.AddDecodingLayer(l)
	}
	dp.IgnoreUnsupported = true
	lv.parsers[first] = dp
	return dp
}

// ip4Layer stops the parser after the IPv4 header: the printer decodes
// what follows itself (first fragments, GRE, IP in IP, ICMP quotes).
type ip4Layer struct{ layers.IPv4 }

func (*ip4Layer) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

// ip6Layer does the same for IPv6 (extension headers included).
type ip6Layer struct{ layers.IPv6 }

func (*ip6Layer) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

// appendFrom decodes data starting at layer first, at nesting depth, and
// appends its description. quoted marks the packet an ICMP error quotes:
// its TCP numbers stay absolute and do not touch the conversations.
func (p *Printer) appendFrom(b []byte, depth int, first gopacket.LayerType, data []byte, quoted bool) []byte {
	if depth >= maxDepth {
		return append(b, "[|nested too deep]"...)
	}
	if len(data) == 0 {
		return append(b, "[|empty]"...)
	}
	lv := p.level(depth)
	err := lv.parser(first).DecodeLayers(data, &lv.decoded)
	dec := lv.decoded
	i := 0
	// Link layers: nothing printed for the capture's own link (like
	// tcpdump -n), the MACs of an overlay's inner frame, VLAN tags.
	for ; i < len(dec); i++ {
		switch dec[i] {
		case layers.LayerTypeEthernet:
			if depth > 0 {
				b = appendMAC(b, lv.eth.SrcMAC)
				b = append(b, " > "...)
				b = appendMAC(b, lv.eth.DstMAC)
				b = append(b, ", "...)
			}
		case layers.LayerTypeLinuxSLL:
			b = appendDirection(b, uint16(lv.sll.PacketType))
		case layers.LayerTypeLinuxSLL2:
			b = p.appendIfName(b, int(lv.sll2.InterfaceIndex))
			b = appendDirection(b, uint16(lv.sll2.PacketType))
		case layers.LayerTypeLoopback:
		case layers.LayerTypeDot1Q:
			b = append(b, "vlan "...)
			b = appendInt(b, int(lv.dot1q.VLANIdentifier))
			b = append(b, ", "...)
		default:
			goto network
		}
	}
network:
	if i == len(dec) {
		return p.appendUndecoded(b, depth, lv, err, quoted)
	}
	switch dec[i] {
	case layers.LayerTypeARP:
		return appendARP(b, &lv.arp)
	case layers.LayerTypeIPv4:
		return p.appendIPv4(b, depth, lv, quoted)
	case layers.LayerTypeIPv6:
		return p.appendIPv6(b, depth, lv, quoted)
	}
	return b
}

// appendUndecoded explains a packet whose network layer was not decoded:
// a truncated header, MPLS straight on Ethernet, or an ethertype this
// printer does not know.
func (p *Printer) appendUndecoded(b []byte, depth int, lv *level, err error, quoted bool) []byte {
	var etype layers.EthernetType
	var payload []byte
	if n := len(lv.decoded); n > 0 {
		switch lv.decoded[n-1] {
		case layers.LayerTypeEthernet:
			etype, payload = lv.eth.EthernetType, lv.eth.Payload
		case layers.LayerTypeDot1Q:
			etype, payload = lv.dot1q.Type, lv.dot1q.Payload
		case layers.LayerTypeLinuxSLL:
			etype, payload = lv.sll.EthernetType, lv.sll.Payload
		case layers.LayerTypeLinuxSLL2:
			etype, payload = lv.sll2.ProtocolType, lv.sll2.Payload
		case layers.LayerTypeLoopback:
			return append(b, "[|loopback family]"...)
		}
	}
	if err != nil {
		b = append(b, "[|"...)
		b = append(b, truncatedName(etype, len(lv.decoded))...)
		return append(b, ']')
	}
	switch etype {
	case layers.EthernetTypeMPLSUnicast, layers.EthernetTypeMPLSMulticast:
		b = append(b, "MPLS "...)
		return p.appendMPLS(b, depth, payload, quoted)
	}
	b = append(b, "ethertype 0x"...)
	b = appendHex16(b, uint16(etype))
	b = append(b, ", length "...)
	return appendInt(b, len(payload))
}

// truncatedName names the header that did not fit, tcpdump style.
func truncatedName(etype layers.EthernetType, decodedLinks int) string {
	if decodedLinks == 0 {
		return "ether"
	}
	switch etype {
	case layers.EthernetTypeIPv4:
		return "ip"
	case layers.EthernetTypeIPv6:
		return "ip6"
	case layers.EthernetTypeARP:
		return "arp"
	case layers.EthernetTypeDot1Q:
		return "vlan"
	}
	return "ether"
}

func (p *Printer) appendIfName(b []byte, index int) []byte {
	if n, ok := p.ifNames[index]; ok {
		b = append(b, n...)
	} else {
		b = append(b, "if"...)
		b = appendInt(b, index)
	}
	return append(b, ' ')
}

// appendDirection prints the Linux cooked header's packet type as tcpdump
// -i any does (In, Out, B, M, P).
func appendDirection(b []byte, t uint16) []byte {
	switch t {
	case 0:
		return append(b, "In "...)
	case 1:
		return append(b, "B "...)
	case 2:
		return append(b, "M "...)
	case 3:
		return append(b, "P "...)
	case 4:
		return append(b, "Out "...)
	}
	return append(b, "? "...)
}
