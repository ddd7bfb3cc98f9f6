package decode

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// appendICMPv4 prints an ICMP message as tcpdump -n does; an error
// message is followed by the packet it quotes (": IP …"), which names the
// flow that failed, and "need to frag" shows the MTU to use.
func (p *Printer) appendICMPv4(b []byte, depth int, lv *level, e ends, t transport) []byte {
	ic := &lv.icmp4
	b = e.appendHosts(b)
	if err := ic.DecodeFromBytes(t.data, gopacket.NilDecodeFeedback); err != nil {
		return append(b, "[|icmp]"...)
	}
	typ, code := ic.TypeCode.Type(), ic.TypeCode.Code()
	quote := ic.Payload
	b = append(b, "ICMP "...)
	isErr := false
	switch typ {
	case layers.ICMPv4TypeEchoRequest, layers.ICMPv4TypeEchoReply:
		if typ == layers.ICMPv4TypeEchoRequest {
			b = append(b, "echo request, id "...)
		} else {
			b = append(b, "echo reply, id "...)
		}
		b = appendInt(b, int(ic.Id))
		b = append(b, ", seq "...)
		b = appendInt(b, int(ic.Seq))
	case layers.ICMPv4TypeDestinationUnreachable:
		isErr = true
		b = appendUnreachable(b, code, quote, ic.Seq)
	case layers.ICMPv4TypeTimeExceeded:
		isErr = true
		if code == 1 {
			b = append(b, "ip reassembly time exceeded"...)
		} else {
			b = append(b, "time exceeded in-transit"...)
		}
	case layers.ICMPv4TypeRedirect:
		isErr = true
		b = append(b, "redirect "...)
		if code >= 2 {
			b = b[:len(b)-1]
			b = append(b, "-tos "...)
		}
		b = appendQuotedDst(b, quote)
		if code%2 == 1 {
			b = append(b, " to host "...)
		} else {
			b = append(b, " to net "...)
		}
		b = appendIP(b, ic.Contents[4:8])
	case layers.ICMPv4TypeParameterProblem:
		isErr = true
		if code == 0 {
			b = append(b, "parameter problem - octet "...)
			b = appendInt(b, int(ic.Contents[4]))
		} else {
			b = append(b, "parameter problem - code "...)
			b = appendInt(b, int(code))
		}
	case layers.ICMPv4TypeSourceQuench:
		isErr = true
		b = append(b, "source quench"...)
	case layers.ICMPv4TypeTimestampRequest:
		b = append(b, "time stamp query"...)
	case layers.ICMPv4TypeTimestampReply:
		b = append(b, "time stamp reply"...)
	case layers.ICMPv4TypeAddressMaskRequest:
		b = append(b, "address mask request"...)
	case layers.ICMPv4TypeAddressMaskReply:
		b = append(b, "address mask reply"...)
	case layers.ICMPv4TypeRouterAdvertisement:
		b = append(b, "router advertisement"...)
	case layers.ICMPv4TypeRouterSolicitation:
		b = append(b, "router solicitation"...)
	default:
		b = append(b, "type-#"...)
		b = appendInt(b, int(typ))
	}
	b = append(b, ", length "...)
	b = appendInt(b, t.length)
	if isErr && len(quote) > 0 && !t.quoted {
		b = append(b, ": "...)
		b = p.appendFrom(b, depth+1, layers.LayerTypeIPv4, quote, true)
	}
	return b
}

// appendUnreachable words a destination-unreachable message like tcpdump;
// nextMTU is the second half of the ICMP header (RFC 1191).
func appendUnreachable(b []byte, code uint8, quote []byte, nextMTU uint16) []byte {
	switch code {
	case layers.ICMPv4CodeNet, layers.ICMPv4CodeNetUnknown, layers.ICMPv4CodeNetAdminProhibited, layers.ICMPv4CodeNetTOS:
		b = append(b, "net "...)
		b = appendQuotedDst(b, quote)
		b = append(b, " unreachable"...)
		switch code {
		case layers.ICMPv4CodeNetUnknown:
			b = append(b, " - unknown"...)
		case layers.ICMPv4CodeNetAdminProhibited:
			b = append(b, " - admin prohibited"...)
		case layers.ICMPv4CodeNetTOS:
			b = append(b, " - tos prohibited"...)
		}
	case layers.ICMPv4CodeHost, layers.ICMPv4CodeHostUnknown, layers.ICMPv4CodeHostAdminProhibited, layers.ICMPv4CodeHostTOS,
		layers.ICMPv4CodeCommAdminProhibited, layers.ICMPv4CodeHostPrecedence, layers.ICMPv4CodePrecedenceCutoff:
		b = append(b, "host "...)
		b = appendQuotedDst(b, quote)
		b = append(b, " unreachable"...)
		switch code {
		case layers.ICMPv4CodeHostUnknown:
			b = append(b, " - unknown"...)
		case layers.ICMPv4CodeHostAdminProhibited:
			b = append(b, " - admin prohibited"...)
		case layers.ICMPv4CodeHostTOS:
			b = append(b, " - tos prohibited"...)
		case layers.ICMPv4CodeCommAdminProhibited:
			b = append(b, " - admin prohibited filter"...)
		case layers.ICMPv4CodeHostPrecedence:
			b = append(b, " - host precedence violation"...)
		case layers.ICMPv4CodePrecedenceCutoff:
			b = append(b, " - precedence cutoff"...)
		}
	case layers.ICMPv4CodeProtocol:
		b = appendQuotedDst(b, quote)
		b = append(b, " protocol "...)
		b = appendInt(b, int(quotedProto(quote)))
		b = append(b, " unreachable"...)
	case layers.ICMPv4CodePort:
		b = appendQuotedDst(b, quote)
		switch quotedProto(quote) {
		case layers.IPProtocolUDP:
			b = append(b, " udp port "...)
		case layers.IPProtocolTCP:
			b = append(b, " tcp port "...)
		default:
			b = append(b, " protocol "...)
			b = appendInt(b, int(quotedProto(quote)))
			b = append(b, " port "...)
		}
		if port, ok := quotedDstPort(quote); ok {
			b = appendInt(b, int(port))
		} else {
			b = append(b, '?')
		}
		b = append(b, " unreachable"...)
	case layers.ICMPv4CodeFragmentationNeeded:
		b = appendQuotedDst(b, quote)
		b = append(b, " unreachable - need to frag"...)
		if nextMTU != 0 {
			b = append(b, " (mtu "...)
			b = appendInt(b, int(nextMTU))
			b = append(b, ')')
		}
	case layers.ICMPv4CodeSourceRoutingFailed:
		b = appendQuotedDst(b, quote)
		b = append(b, " unreachable - source route failed"...)
	default:
		b = appendQuotedDst(b, quote)
		b = append(b, " unreachable - #"...)
		b = appendInt(b, int(code))
	}
	return b
}

// quoted IPv4 header fields, read straight from the bytes: the message
// wording needs them before the quote itself is decoded.
func appendQuotedDst(b []byte, quote []byte) []byte {
	if len(quote) < 20 || quote[0]>>4 != 4 {
		return append(b, '?')
	}
	return appendIP(b, quote[16:20])
}

func quotedProto(quote []byte) layers.IPProtocol {
	if len(quote) < 20 {
		return 0
	}
	return layers.IPProtocol(quote[9])
}

func quotedDstPort(quote []byte) (uint16, bool) {
	if len(quote) < 20 {
		return 0, false
	}
	hl := int(quote[0]&0x0f) * 4
	if hl < 20 || len(quote) < hl+4 {
		return 0, false
	}
	return binary.BigEndian.Uint16(quote[hl+2 : hl+4]), true
}

// appendICMPv6 prints ICMPv6 like tcpdump -n; errors are followed by
// the quoted packet, and "packet too big" by the MTU.
func (p *Printer) appendICMPv6(b []byte, depth int, lv *level, e ends, t transport) []byte {
	ic := &lv.icmp6
	b = e.appendHosts(b)
	if err := ic.DecodeFromBytes(t.data, gopacket.NilDecodeFeedback); err != nil || len(ic.Payload) < 4 {
		return append(b, "[|icmp6]"...)
	}
	typ, code := ic.TypeCode.Type(), ic.TypeCode.Code()
	body := ic.Payload // after type, code, checksum
	var quote []byte
	b = append(b, "ICMP6, "...)
	switch typ {
	case layers.ICMPv6TypeEchoRequest, layers.ICMPv6TypeEchoReply:
		if typ == layers.ICMPv6TypeEchoRequest {
			b = append(b, "echo request, id "...)
		} else {
			b = append(b, "echo reply, id "...)
		}
		b = appendInt(b, int(binary.BigEndian.Uint16(body[0:2])))
		b = append(b, ", seq "...)
		b = appendInt(b, int(binary.BigEndian.Uint16(body[2:4])))
	case layers.ICMPv6TypeNeighborSolicitation, layers.ICMPv6TypeNeighborAdvertisement:
		if typ == layers.ICMPv6TypeNeighborSolicitation {
			b = append(b, "neighbor solicitation, who has "...)
		} else {
			b = append(b, "neighbor advertisement, tgt is "...)
		}
		if len(body) >= 20 {
			b = appendIP(b, body[4:20])
		} else {
			b = append(b, "[|icmp6]"...)
		}
	case layers.ICMPv6TypeRouterSolicitation:
		b = append(b, "router solicitation"...)
	case layers.ICMPv6TypeRouterAdvertisement:
		b = append(b, "router advertisement"...)
	case layers.ICMPv6TypeRedirect:
		b = append(b, "redirect"...)
	case layers.ICMPv6TypePacketTooBig:
		b = append(b, "packet too big, mtu "...)
		b = appendUint(b, uint64(binary.BigEndian.Uint32(body[0:4])))
		quote = body[4:]
	case layers.ICMPv6TypeDestinationUnreachable:
		b = append(b, "destination unreachable, "...)
		switch code {
		case 0:
			b = append(b, "unreachable route"...)
		case 1:
			b = append(b, "unreachable prohibited"...)
		case 3:
			b = append(b, "unreachable address"...)
		case 4:
			b = append(b, "unreachable port"...)
		default:
			b = append(b, "code "...)
			b = appendInt(b, int(code))
		}
		quote = body[4:]
	case layers.ICMPv6TypeTimeExceeded:
		if code == 1 {
			b = append(b, "time exceeded in-transit for reassembly"...)
		} else {
			b = append(b, "time exceeded in-transit"...)
		}
		quote = body[4:]
	case layers.ICMPv6TypeParameterProblem:
		b = append(b, "parameter problem, code "...)
		b = appendInt(b, int(code))
		quote = body[4:]
	case 130, 131, 132, 143:
		b = append(b, "multicast listener "...)
		switch typ {
		case 130:
			b = append(b, "query"...)
		case 143:
			b = append(b, "report v2"...)
		case 131:
			b = append(b, "report"...)
		default:
			b = append(b, "done"...)
		}
	default:
		b = append(b, "type "...)
		b = appendInt(b, int(typ))
	}
	b = append(b, ", length "...)
	b = appendInt(b, t.length)
	if len(quote) > 0 && !t.quoted {
		b = append(b, ": "...)
		b = p.appendFrom(b, depth+1, layers.LayerTypeIPv6, quote, true)
	}
	return b
}
