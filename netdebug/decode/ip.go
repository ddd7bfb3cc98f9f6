package decode

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// ends holds a packet's addresses as the printer shows them before a
// colon: "IP 10.0.0.1.5000 > 10.0.0.2.80".
type ends struct {
	v6       bool
	src, dst []byte
}

func (e ends) appendHosts(b []byte) []byte {
	b = e.appendFamily(b)
	b = appendIP(b, e.src)
	b = append(b, " > "...)
	b = appendIP(b, e.dst)
	return append(b, ": "...)
}

func (e ends) appendPorts(b []byte, sport, dport uint16) []byte {
	b = e.appendFamily(b)
	b = appendIP(b, e.src)
	b = append(b, '.')
	b = appendInt(b, int(sport))
	b = append(b, " > "...)
	b = appendIP(b, e.dst)
	b = append(b, '.')
	b = appendInt(b, int(dport))
	return append(b, ": "...)
}

func (e ends) appendFamily(b []byte) []byte {
	if e.v6 {
		return append(b, "IP6 "...)
	}
	return append(b, "IP "...)
}

// transport is what follows an IP header: the protocol, its bytes (as far
// as captured) and its length according to the IP header.
type transport struct {
	proto   layers.IPProtocol
	data    []byte
	length  int
	frag    fragment
	quoted  bool
	hasFrag bool
}

// fragment is an IPv4 or IPv6 fragment's place, printed tcpdump's classic
// way "(frag ID:LEN@OFFSET+)".
type fragment struct {
	id     uint32
	offset int // bytes
	more   bool
}

func (f fragment) first() bool { return f.offset == 0 }

func (t transport) appendFrag(b []byte) []byte {
	if !t.hasFrag {
		return b
	}
	b = append(b, " (frag "...)
	b = appendUint(b, uint64(t.frag.id))
	b = append(b, ':')
	b = appendInt(b, t.length)
	b = append(b, '@')
	b = appendInt(b, t.frag.offset)
	if t.frag.more {
		b = append(b, '+')
	}
	return append(b, ')')
}

func (p *Printer) appendIPv4(b []byte, depth int, lv *level, quoted bool) []byte {
	ip := &lv.ip4.IPv4
	e := ends{src: ip.SrcIP, dst: ip.DstIP}
	t := transport{proto: ip.Protocol, data: ip.Payload, length: int(ip.Length) - int(ip.IHL)*4, quoted: quoted}
	if ip.Flags&layers.IPv4MoreFragments != 0 || ip.FragOffset != 0 {
		t.hasFrag = true
		t.frag = fragment{id: uint32(ip.Id), offset: int(ip.FragOffset) * 8, more: ip.Flags&layers.IPv4MoreFragments != 0}
	}
	return p.appendTransport(b, depth, lv, e, t)
}

func (p *Printer) appendIPv6(b []byte, depth int, lv *level, quoted bool) []byte {
	ip := &lv.ip6.IPv6
	e := ends{v6: true, src: ip.SrcIP, dst: ip.DstIP}
	t := transport{proto: ip.NextHeader, data: ip.Payload, length: int(ip.Length), quoted: quoted}
	// Extension headers: skip hop-by-hop, routing and destination
	// options; a fragment header gives the fragment's place.
	for {
		switch t.proto {
		case layers.IPProtocolIPv6HopByHop, layers.IPProtocolIPv6Routing, layers.IPProtocolIPv6Destination:
			if len(t.data) < 2 || len(t.data) < (int(t.data[1])+1)*8 {
				return append(e.appendHosts(b), "[|ip6 extension]"...)
			}
			n := (int(t.data[1]) + 1) * 8
			t.proto, t.data, t.length = layers.IPProtocol(t.data[0]), t.data[n:], t.length-n
			continue
		case layers.IPProtocolIPv6Fragment:
			if len(t.data) < 8 {
				return append(e.appendHosts(b), "[|frag]"...)
			}
			off := binary.BigEndian.Uint16(t.data[2:4])
			t.hasFrag = true
			t.frag = fragment{id: binary.BigEndian.Uint32(t.data[4:8]), offset: int(off &^ 7), more: off&1 != 0}
			t.proto, t.data, t.length = layers.IPProtocol(t.data[0]), t.data[8:], t.length-8
			continue
		}
		break
	}
	return p.appendTransport(b, depth, lv, e, t)
}

// appendTransport prints what an IP packet carries. A fragment other
// than the first has no transport header: only its protocol and place.
func (p *Printer) appendTransport(b []byte, depth int, lv *level, e ends, t transport) []byte {
	if t.hasFrag && !t.frag.first() {
		b = e.appendHosts(b)
		b = appendProtoName(b, t.proto)
		return t.appendFrag(b)
	}
	switch t.proto {
	case layers.IPProtocolUDP:
		return t.appendFrag(p.appendUDP(b, depth, lv, e, t))
	case layers.IPProtocolTCP:
		return t.appendFrag(p.appendTCP(b, lv, e, t))
	case layers.IPProtocolICMPv4:
		return t.appendFrag(p.appendICMPv4(b, depth, lv, e, t))
	case layers.IPProtocolICMPv6:
		return t.appendFrag(p.appendICMPv6(b, depth, lv, e, t))
	case layers.IPProtocolGRE:
		return t.appendFrag(p.appendGRE(b, depth, lv, e, t))
	case layers.IPProtocolIPv4:
		b = e.appendHosts(b)
		return t.appendFrag(p.appendFrom(b, depth+1, layers.LayerTypeIPv4, t.data, t.quoted))
	case layers.IPProtocolIPv6:
		b = e.appendHosts(b)
		return t.appendFrag(p.appendFrom(b, depth+1, layers.LayerTypeIPv6, t.data, t.quoted))
	}
	b = e.appendHosts(b)
	b = appendProtoName(b, t.proto)
	b = append(b, ", length "...)
	b = appendInt(b, t.length)
	return t.appendFrag(b)
}

// appendTruncatedPorts prints what is left of a TCP or UDP header that was
// cut short (an ICMP error quotes only 8 bytes of it): the ports if they
// are there.
func appendTruncatedPorts(b []byte, e ends, t transport, name string) []byte {
	if len(t.data) >= 4 {
		b = e.appendPorts(b, binary.BigEndian.Uint16(t.data[0:2]), binary.BigEndian.Uint16(t.data[2:4]))
	} else {
		b = e.appendHosts(b)
	}
	b = append(b, "[|"...)
	b = append(b, name...)
	return append(b, ']')
}

func (p *Printer) appendUDP(b []byte, depth int, lv *level, e ends, t transport) []byte {
	u := &lv.udp
	if len(t.data) < 8 || u.DecodeFromBytes(t.data, gopacket.NilDecodeFeedback) != nil {
		return appendTruncatedPorts(b, e, t, "udp")
	}
	b = e.appendPorts(b, uint16(u.SrcPort), uint16(u.DstPort))
	// Overlays only when the outer header says so: a known port, and a
	// whole packet (not a fragment, not a quote).
	if !t.hasFrag && !t.quoted {
		ov := p.udp[u.DstPort]
		if ov == OverlayNone {
			ov = p.udp[u.SrcPort]
		}
		switch ov {
		case OverlayMPLS:
			b = append(b, "MPLSoUDP "...)
			return p.appendMPLS(b, depth, u.Payload, t.quoted)
		case OverlayVXLAN:
			return p.appendVXLAN(b, depth, lv, u.Payload)
		}
	}
	if u.Length < 8 {
		b = append(b, "UDP, bad length "...)
		return appendInt(b, int(u.Length))
	}
	b = append(b, "UDP, length "...)
	return appendInt(b, int(u.Length)-8)
}

// appendProtoName names an IP protocol the way tcpdump does for those it
// does not decode.
func appendProtoName(b []byte, proto layers.IPProtocol) []byte {
	switch proto {
	case layers.IPProtocolTCP:
		return append(b, "tcp"...)
	case layers.IPProtocolUDP:
		return append(b, "udp"...)
	case layers.IPProtocolICMPv4:
		return append(b, "icmp"...)
	case layers.IPProtocolICMPv6:
		return append(b, "icmp6"...)
	case layers.IPProtocolGRE:
		return append(b, "gre"...)
	case layers.IPProtocolIGMP:
		return append(b, "igmp"...)
	case layers.IPProtocolESP:
		return append(b, "esp"...)
	case layers.IPProtocolAH:
		return append(b, "ah"...)
	case layers.IPProtocolOSPF:
		return append(b, "OSPFv2"...)
	case layers.IPProtocolVRRP:
		return append(b, "VRRP"...)
	case layers.IPProtocolSCTP:
		return append(b, "sctp"...)
	case 103:
		return append(b, "PIM"...)
	}
	b = append(b, "ip-proto-"...)
	return appendInt(b, int(proto))
}
