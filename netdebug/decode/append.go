package decode

import (
	"net/netip"
	"strconv"
	"time"
)

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

func appendUint(b []byte, n uint64) []byte { return strconv.AppendUint(b, n, 10) }

const hexDigits = "0123456789abcdef"

func appendHex8(b []byte, v byte) []byte { return append(b, hexDigits[v>>4], hexDigits[v&0xf]) }

func appendHex16(b []byte, v uint16) []byte {
	return appendHex8(appendHex8(b, byte(v>>8)), byte(v))
}

// appendIP prints a 4- or 16-byte address without allocating.
func appendIP(b []byte, ip []byte) []byte {
	switch len(ip) {
	case 4:
		return netip.AddrFrom4([4]byte(ip)).AppendTo(b)
	case 16:
		return netip.AddrFrom16([16]byte(ip)).AppendTo(b)
	}
	return append(b, '?')
}

func appendMAC(b []byte, mac []byte) []byte {
	for i, c := range mac {
		if i > 0 {
			b = append(b, ':')
		}
		b = appendHex8(b, c)
	}
	return b
}

// clock prints HH:MM:SS.uuuuuu in the timestamp's location, like tcpdump;
// the hours, minutes and seconds are worked out once per second.
type clock struct {
	sec int64
	loc *time.Location
	hms [8]byte
}

func (c *clock) append(b []byte, t time.Time) []byte {
	if s := t.Unix(); s != c.sec || t.Location() != c.loc || c.loc == nil {
		h, m, sec := t.Clock()
		c.hms = [8]byte{byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10), ':', byte('0' + sec/10), byte('0' + sec%10)}
		c.sec, c.loc = s, t.Location()
	}
	b = append(b, c.hms[:]...)
	us := t.Nanosecond() / 1000
	var d [7]byte
	d[0] = '.'
	for i := 6; i >= 1; i-- {
		d[i] = byte('0' + us%10)
		us /= 10
	}
	return append(b, d[:]...)
}
