package netdebug

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// FormatPacket is one tcpdump -nn style line: time, then the packet from
// the network layer in, with each overlay (MPLSoUDP, MPLSoGRE, VXLAN)
// shown as its label or VNI followed by the inner packet.
func FormatPacket(ci gopacket.CaptureInfo, pkt gopacket.Packet) string {
	ls := pkt.Layers()
	line := ci.Timestamp.Format("15:04:05.000000") + " " + describe(ls)
	if e := pkt.ErrorLayer(); e != nil && !applicationFailure(ls) {
		line += " [|" + e.Error().Error() + "]"
	}
	return line
}

// applicationFailure is true when only the payload of a TCP or UDP packet
// failed to decode (a DNS look-alike on port 53, say): the line is complete
// without it. A broken overlay header under UDP still counts.
func applicationFailure(ls []gopacket.Layer) bool {
	n := len(ls)
	if n < 2 {
		return false
	}
	if _, ok := ls[n-1].(*gopacket.DecodeFailure); !ok {
		return false
	}
	switch l := ls[n-2].(type) {
	case *layers.TCP:
		return true
	case *layers.UDP:
		next := l.NextLayerType()
		return next != layers.LayerTypeMPLS && next != layers.LayerTypeVXLAN
	}
	return false
}

// describe prints a packet starting at its outermost layer.
func describe(ls []gopacket.Layer) string {
	if len(ls) == 0 {
		return "[|empty]"
	}
	switch l := ls[0].(type) {
	case *layers.Ethernet, *layers.LinuxSLL, *layers.LinuxSLL2, *layers.Loopback:
		if len(ls) == 1 {
			return fmt.Sprintf("%s, length %d", l.LayerType(), len(l.LayerPayload()))
		}
		return describe(ls[1:])
	case *layers.Dot1Q:
		return fmt.Sprintf("vlan %d, %s", l.VLANIdentifier, describe(ls[1:]))
	case *layers.ARP:
		return describeARP(l)
	case *layers.IPv4:
		return describeIP("IP", l.SrcIP, l.DstIP, len(l.Payload), ls[1:])
	case *layers.IPv6:
		return describeIP("IP6", l.SrcIP, l.DstIP, len(l.Payload), ls[1:])
	case *gopacket.DecodeFailure:
		return fmt.Sprintf("undecoded, length %d", len(l.LayerContents()))
	}
	return fmt.Sprintf("%s, length %d", ls[0].LayerType(), len(ls[0].LayerContents())+len(ls[0].LayerPayload()))
}

func describeARP(a *layers.ARP) string {
	src, dst := net.IP(a.SourceProtAddress), net.IP(a.DstProtAddress)
	if a.Operation == layers.ARPReply {
		return fmt.Sprintf("ARP, Reply %s is-at %s, length %d", src, net.HardwareAddr(a.SourceHwAddress), len(a.Contents))
	}
	return fmt.Sprintf("ARP, Request who-has %s tell %s, length %d", dst, src, len(a.Contents))
}

// describeIP prints what an IP packet carries; rest are the layers after it.
func describeIP(fam string, src, dst net.IP, plen int, rest []gopacket.Layer) string {
	hosts := fmt.Sprintf("%s %s > %s: ", fam, src, dst)
	if len(rest) == 0 {
		return hosts + fmt.Sprintf("ip-payload, length %d", plen)
	}
	switch l := rest[0].(type) {
	case *layers.UDP:
		ports := fmt.Sprintf("%s %s.%d > %s.%d: ", fam, src, l.SrcPort, dst, l.DstPort)
		if len(rest) > 1 {
			switch o := rest[1].(type) {
			case *layers.MPLS:
				return ports + "MPLSoUDP " + describeMPLS(rest[1:])
			case *layers.VXLAN:
				return ports + fmt.Sprintf("VXLAN vni %d: %s", o.VNI, describe(rest[2:]))
			}
		}
		return ports + fmt.Sprintf("UDP, length %d", len(l.Payload))
	case *layers.TCP:
		return fmt.Sprintf("%s %s.%d > %s.%d: %s", fam, src, l.SrcPort, dst, l.DstPort, describeTCP(l))
	case *layers.ICMPv4:
		return hosts + describeICMPv4(l)
	case *layers.ICMPv6:
		return hosts + fmt.Sprintf("ICMP6, %s, length %d", l.TypeCode, len(l.Contents)+len(l.Payload))
	case *layers.GRE:
		if len(rest) > 1 {
			if _, ok := rest[1].(*layers.MPLS); ok {
				return hosts + "MPLSoGRE " + describeMPLS(rest[1:])
			}
		}
		return hosts + fmt.Sprintf("GREv%d, proto %s (0x%04x), length %d", l.Version, l.Protocol, uint16(l.Protocol), plen)
	case *layers.MPLS:
		return hosts + "MPLSoIP " + describeMPLS(rest)
	}
	return hosts + fmt.Sprintf("%s, length %d", rest[0].LayerType(), plen)
}

// describeMPLS prints the label stack ("label 18" or "label 18/21") and the
// payload under the bottom label.
func describeMPLS(ls []gopacket.Layer) string {
	var labels []string
	i := 0
	for ; i < len(ls); i++ {
		m, ok := ls[i].(*layers.MPLS)
		if !ok {
			break
		}
		labels = append(labels, strconv.FormatUint(uint64(m.Label), 10))
	}
	head := "label " + strings.Join(labels, "/")
	if i == len(ls) {
		return head + fmt.Sprintf(", length %d", len(ls[i-1].LayerPayload()))
	}
	return head + ": " + describe(ls[i:])
}

func describeICMPv4(l *layers.ICMPv4) string {
	n := len(l.Contents) + len(l.Payload)
	switch l.TypeCode.Type() {
	case layers.ICMPv4TypeEchoRequest:
		return fmt.Sprintf("ICMP echo request, id %d, seq %d, length %d", l.Id, l.Seq, n)
	case layers.ICMPv4TypeEchoReply:
		return fmt.Sprintf("ICMP echo reply, id %d, seq %d, length %d", l.Id, l.Seq, n)
	}
	return fmt.Sprintf("ICMP %s, length %d", l.TypeCode, n)
}

func describeTCP(t *layers.TCP) string {
	var f strings.Builder
	for _, b := range []struct {
		on bool
		c  byte
	}{{t.SYN, 'S'}, {t.FIN, 'F'}, {t.PSH, 'P'}, {t.RST, 'R'}, {t.URG, 'U'}, {t.ECE, 'E'}, {t.CWR, 'W'}, {t.ACK, '.'}} {
		if b.on {
			f.WriteByte(b.c)
		}
	}
	s := fmt.Sprintf("Flags [%s], seq %d", f.String(), t.Seq)
	if t.ACK {
		s += fmt.Sprintf(", ack %d", t.Ack)
	}
	return s + fmt.Sprintf(", win %d, length %d", t.Window, len(t.Payload))
}
