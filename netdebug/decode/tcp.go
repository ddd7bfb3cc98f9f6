package decode

import (
	"bytes"
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// appendTCP prints a TCP segment like tcpdump -n: flags, seq (relative
// once the conversation is known), ack, window, options, payload length.
func (p *Printer) appendTCP(b []byte, lv *level, e ends, t transport) []byte {
	tcp := &lv.tcp
	// The length checks spare gopacket's error (an allocation) for the
	// common cut header: ICMP errors often quote only 8 bytes of it.
	if len(t.data) < 20 || len(t.data) < int(t.data[12]>>4)*4 || tcp.DecodeFromBytes(t.data, gopacket.NilDecodeFeedback) != nil {
		return appendTruncatedPorts(b, e, t, "tcp")
	}
	b = e.appendPorts(b, uint16(tcp.SrcPort), uint16(tcp.DstPort))
	b = append(b, "Flags ["...)
	b = appendTCPFlags(b, tcp)
	b = append(b, ']')
	length := t.length - int(tcp.DataOffset)*4
	if length < 0 {
		length = 0
	}
	seq, ack := tcp.Seq, tcp.Ack
	var sackBase uint32
	if tcp.ACK && !t.quoted {
		seq, ack, sackBase = p.conv.relative(e, uint16(tcp.SrcPort), uint16(tcp.DstPort), tcp.Seq, tcp.Ack, tcp.SYN)
	}
	if length > 0 || tcp.SYN || tcp.FIN || tcp.RST {
		b = append(b, ", seq "...)
		b = appendUint(b, uint64(seq))
		if length > 0 {
			b = append(b, ':')
			b = appendUint(b, uint64(seq+uint32(length)))
		}
	}
	if tcp.ACK {
		b = append(b, ", ack "...)
		b = appendUint(b, uint64(ack))
	}
	b = append(b, ", win "...)
	b = appendInt(b, int(tcp.Window))
	if tcp.URG {
		b = append(b, ", urg "...)
		b = appendInt(b, int(tcp.Urgent))
	}
	if len(tcp.Options) > 0 {
		b = append(b, ", options ["...)
		b = appendTCPOptions(b, tcp.Options, sackBase)
		b = append(b, ']')
	}
	b = append(b, ", length "...)
	return appendInt(b, length)
}

// appendTCPFlags uses tcpdump's letters and order: F S R P . U E W.
func appendTCPFlags(b []byte, t *layers.TCP) []byte {
	n := len(b)
	for _, f := range [...]struct {
		on bool
		c  byte
	}{{t.FIN, 'F'}, {t.SYN, 'S'}, {t.RST, 'R'}, {t.PSH, 'P'}, {t.ACK, '.'}, {t.URG, 'U'}, {t.ECE, 'E'}, {t.CWR, 'W'}} {
		if f.on {
			b = append(b, f.c)
		}
	}
	if len(b) == n {
		b = append(b, "none"...)
	}
	return b
}

func appendTCPOptions(b []byte, opts []layers.TCPOption, sackBase uint32) []byte {
	for i, o := range opts {
		if i > 0 {
			b = append(b, ',')
		}
		d := o.OptionData
		switch o.OptionType {
		case layers.TCPOptionKindEndList:
			b = append(b, "eol"...)
		case layers.TCPOptionKindNop:
			b = append(b, "nop"...)
		case layers.TCPOptionKindMSS:
			b = append(b, "mss"...)
			if len(d) == 2 {
				b = append(b, ' ')
				b = appendInt(b, int(binary.BigEndian.Uint16(d)))
			}
		case layers.TCPOptionKindWindowScale:
			b = append(b, "wscale"...)
			if len(d) == 1 {
				b = append(b, ' ')
				b = appendInt(b, int(d[0]))
			}
		case layers.TCPOptionKindSACKPermitted:
			b = append(b, "sackOK"...)
		case layers.TCPOptionKindSACK:
			b = append(b, "sack "...)
			b = appendInt(b, len(d)/8)
			b = append(b, ' ')
			for ; len(d) >= 8; d = d[8:] {
				b = append(b, '{')
				b = appendUint(b, uint64(binary.BigEndian.Uint32(d[0:4])-sackBase))
				b = append(b, ':')
				b = appendUint(b, uint64(binary.BigEndian.Uint32(d[4:8])-sackBase))
				b = append(b, '}')
			}
		case layers.TCPOptionKindTimestamps:
			b = append(b, "TS"...)
			if len(d) == 8 {
				b = append(b, " val "...)
				b = appendUint(b, uint64(binary.BigEndian.Uint32(d[0:4])))
				b = append(b, " ecr "...)
				b = appendUint(b, uint64(binary.BigEndian.Uint32(d[4:8])))
			}
		case 19:
			b = append(b, "md5"...)
		case layers.TCPOptionKindMultipathTCP:
			b = append(b, "mptcp"...)
		case 34:
			b = append(b, "tfo"...)
		default:
			b = append(b, "unknown-"...)
			b = appendInt(b, int(o.OptionType))
			if len(d) > 0 {
				b = append(b, " 0x"...)
				for _, c := range d {
					b = appendHex8(b, c)
				}
			}
		}
	}
	return b
}

// conversations remember the first sequence numbers of each TCP
// conversation, both directions in one entry, as tcpdump does: the first
// segment with ACK set (or a SYN, which starts over) is printed with
// absolute numbers and sets the base; later ones print seq and ack
// relative to it.
type conversations struct {
	m map[convKey]convBase
}

// maxConversations bounds the memory a long capture uses; when reached
// the table starts over (numbers print absolute once more per flow).
const maxConversations = 1 << 16

type convKey struct {
	a, b  [16]byte
	ports uint32
	v6    bool
}

type convBase struct{ seq, ack uint32 }

// relative returns seq and ack to print and the base SACK blocks are
// relative to.
func (c *conversations) relative(e ends, sport, dport uint16, seq, ack uint32, syn bool) (uint32, uint32, uint32) {
	rev := sport > dport || (sport == dport && bytes.Compare(e.src, e.dst) > 0)
	k := convKey{v6: e.v6}
	if rev {
		copy(k.a[:], e.dst)
		copy(k.b[:], e.src)
		k.ports = uint32(dport)<<16 | uint32(sport)
	} else {
		copy(k.a[:], e.src)
		copy(k.b[:], e.dst)
		k.ports = uint32(sport)<<16 | uint32(dport)
	}
	base, ok := c.m[k]
	if !ok || syn {
		if rev {
			base = convBase{seq: ack - 1, ack: seq}
		} else {
			base = convBase{seq: seq, ack: ack - 1}
		}
		if len(c.m) >= maxConversations {
			clear(c.m)
		}
		c.m[k] = base
		return seq, ack, 0
	}
	if rev {
		return seq - base.ack, ack - base.seq, base.seq
	}
	return seq - base.seq, ack - base.ack, base.ack
}
