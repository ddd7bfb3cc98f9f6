package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Overlay is what a UDP port carries.
type Overlay uint8

// Overlays a UDP port can be decoded as.
const (
	OverlayNone  Overlay = iota // plain UDP
	OverlayMPLS                 // MPLS label stack, then IP or Ethernet
	OverlayVXLAN                // VXLAN header, then Ethernet
)

// Ports of the Tungsten Fabric overlays (the vRouter's fabric interface).
const (
	PortMPLSoUDP       = 6635  // RFC 7510
	PortMPLSoUDPLegacy = 51234 // older vRouters' MPLS over UDP
	PortVXLAN          = 4789  // RFC 7348
)

// DefaultUDP is the overlay port table a Printer starts from.
func DefaultUDP() map[uint16]Overlay {
	return map[uint16]Overlay{PortMPLSoUDP: OverlayMPLS, PortMPLSoUDPLegacy: OverlayMPLS, PortVXLAN: OverlayVXLAN}
}

// ParseDecodeAs reads one --decode-as rule, Wireshark's way of saying
// "this port carries that": udp.port=PORT,mpls (or vxlan, or none for
// plain UDP); "==" is accepted too. It sets the rule in ports.
func ParseDecodeAs(ports map[uint16]Overlay, rule string) error {
	bad := func(why string) error {
		return fmt.Errorf("bad --decode-as %q: %s: use udp.port=PORT,mpls|vxlan|none, e.g. udp.port=51234,mpls", rule, why)
	}
	field, rest, ok := strings.Cut(rule, "=")
	if !ok || strings.TrimSpace(field) != "udp.port" {
		return bad("only udp.port rules exist")
	}
	rest = strings.TrimPrefix(rest, "=")
	num, proto, ok := strings.Cut(rest, ",")
	if !ok {
		return bad("no protocol after the port")
	}
	port, err := strconv.ParseUint(strings.TrimSpace(num), 10, 16)
	if err != nil || port == 0 {
		return bad("the port must be a number from 1 to 65535")
	}
	switch strings.ToLower(strings.TrimSpace(proto)) {
	case "mpls":
		ports[uint16(port)] = OverlayMPLS
	case "vxlan":
		ports[uint16(port)] = OverlayVXLAN
	case "none", "udp":
		ports[uint16(port)] = OverlayNone
	default:
		return bad("unknown protocol " + strconv.Quote(proto))
	}
	return nil
}

// appendMPLS prints a label stack ("label 18" or "label 16/21") and what
// lies under the bottom label. The MPLS header has no type field; the
// vRouter knows the payload from its label table, a capture has to guess:
//   - a zero 4-byte control word (first nibble 0): bridged traffic, the
//     vRouter's L2 encapsulation; after it an Ethernet frame (or, for L2
//     multicast, an IP header that checks out);
//   - first nibble 4 with a valid IPv4 header (checksum, lengths), or 6
//     with an IPv6 payload length that fits: routed traffic;
//   - anything else: an Ethernet frame without control word, so an inner
//     MAC that starts with 4x or 6x is not read as IP.
//
// ", cw" in the line says a control word was there; an Ethernet payload
// shows its MACs.
func (p *Printer) appendMPLS(b []byte, depth int, data []byte, quoted bool) []byte {
	b = append(b, "label "...)
	for n := 0; ; n++ {
		if len(data) < 4 || n == 8 {
			return append(b, "[|mpls]"...)
		}
		v := binary.BigEndian.Uint32(data)
		if n > 0 {
			b = append(b, '/')
		}
		b = appendUint(b, uint64(v>>12))
		data = data[4:]
		if v&0x100 != 0 {
			break
		}
	}
	if len(data) == 0 {
		return append(b, ", length 0"...)
	}
	if len(data) >= 4 && binary.BigEndian.Uint32(data) == 0 {
		b = append(b, ", cw: "...)
		data = data[4:]
		if len(data) == 0 {
			return append(b, "[|ether]"...)
		}
		if looksIPv4(data) {
			return p.appendFrom(b, depth+1, layers.LayerTypeIPv4, data, quoted)
		}
		return p.appendFrom(b, depth+1, layers.LayerTypeEthernet, data, quoted)
	}
	b = append(b, ": "...)
	switch {
	case looksIPv4(data):
		return p.appendFrom(b, depth+1, layers.LayerTypeIPv4, data, quoted)
	case looksIPv6(data):
		return p.appendFrom(b, depth+1, layers.LayerTypeIPv6, data, quoted)
	}
	return p.appendFrom(b, depth+1, layers.LayerTypeEthernet, data, quoted)
}

// looksIPv4 accepts an IPv4 header only if its checksum is right and its
// lengths fit the bytes: a MAC address that happens to start with 0x45
// fails the checksum.
func looksIPv4(d []byte) bool {
	if len(d) < 20 || d[0]>>4 != 4 {
		return false
	}
	hl := int(d[0]&0x0f) * 4
	total := int(binary.BigEndian.Uint16(d[2:4]))
	if hl < 20 || len(d) < hl || total < hl {
		return false
	}
	var sum uint32
	for i := 0; i < hl; i += 2 {
		sum += uint32(d[i])<<8 | uint32(d[i+1])
	}
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return sum == 0xffff
}

// looksIPv6 accepts an IPv6 header whose payload length matches the
// bytes (or exceeds them, for a capture cut by the snapshot length).
func looksIPv6(d []byte) bool {
	if len(d) < 40 || d[0]>>4 != 6 {
		return false
	}
	plen := int(binary.BigEndian.Uint16(d[4:6]))
	return plen+40 == len(d) || (plen+40 > len(d) && len(d) >= 54)
}

func (p *Printer) appendVXLAN(b []byte, depth int, lv *level, data []byte) []byte {
	if err := lv.vxlan.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
		return append(b, "VXLAN [|vxlan]"...)
	}
	b = append(b, "VXLAN vni "...)
	b = appendUint(b, uint64(lv.vxlan.VNI))
	b = append(b, ": "...)
	return p.appendFrom(b, depth+1, layers.LayerTypeEthernet, lv.vxlan.Payload, false)
}

// appendGRE prints GRE like tcpdump ("GREv0, length N: <inner>") and MPLS
// over GRE as the vRouter sends it ("MPLSoGRE label …").
func (p *Printer) appendGRE(b []byte, depth int, lv *level, e ends, t transport) []byte {
	b = e.appendHosts(b)
	g := &lv.gre
	if err := g.DecodeFromBytes(t.data, gopacket.NilDecodeFeedback); err != nil {
		return append(b, "[|gre]"...)
	}
	switch g.Protocol {
	case layers.EthernetTypeMPLSUnicast, layers.EthernetTypeMPLSMulticast:
		b = append(b, "MPLSoGRE "...)
		return p.appendMPLS(b, depth, g.Payload, t.quoted)
	}
	b = append(b, "GREv"...)
	b = appendInt(b, int(g.Version))
	var inner gopacket.LayerType
	switch g.Protocol {
	case layers.EthernetTypeIPv4:
		inner = layers.LayerTypeIPv4
	case layers.EthernetTypeIPv6:
		inner = layers.LayerTypeIPv6
	case layers.EthernetTypeTransparentEthernetBridging:
		inner = layers.LayerTypeEthernet
	default:
		b = append(b, ", proto 0x"...)
		b = appendHex16(b, uint16(g.Protocol))
	}
	b = append(b, ", length "...)
	b = appendInt(b, t.length)
	if inner == gopacket.LayerTypeZero || len(g.Payload) == 0 {
		return b
	}
	b = append(b, ": "...)
	return p.appendFrom(b, depth+1, inner, g.Payload, t.quoted)
}

// appendARP prints ARP like tcpdump -n.
func appendARP(b []byte, a *layers.ARP) []byte {
	n := len(a.Contents) + len(a.Payload)
	b = append(b, "ARP, "...)
	switch {
	case a.Operation == layers.ARPRequest && a.ProtAddressSize == 4:
		b = append(b, "Request who-has "...)
		b = appendIP(b, a.DstProtAddress)
		b = append(b, " tell "...)
		b = appendIP(b, a.SourceProtAddress)
	case a.Operation == layers.ARPReply && a.ProtAddressSize == 4:
		b = append(b, "Reply "...)
		b = appendIP(b, a.SourceProtAddress)
		b = append(b, " is-at "...)
		b = appendMAC(b, a.SourceHwAddress)
	default:
		b = append(b, "opcode "...)
		b = appendInt(b, int(a.Operation))
	}
	b = append(b, ", length "...)
	return appendInt(b, n)
}

// OptionsFromRules builds printer options from --decode-as rules applied
// over the default ports.
func OptionsFromRules(rules []string) (Options, error) {
	ports := DefaultUDP()
	for _, r := range rules {
		if err := ParseDecodeAs(ports, r); err != nil {
			return Options{}, err
		}
	}
	return Options{UDP: ports}, nil
}
