package topo

import (
	"fmt"
	"net/netip"
)

// nextAddress steps to the following address of the refnode addressing
// plan: the last octet runs 1..250 and then the third octet goes up, so
// 127.0.2.250 is followed by 127.0.3.1 (design §4.4).
func nextAddress(a netip.Addr) (netip.Addr, error) {
	b := a.As4()
	if b[3] < 250 {
		b[3]++
		return netip.AddrFrom4(b), nil
	}
	b[3] = 1
	if b[2] == 255 {
		if b[1] == 255 {
			return netip.Addr{}, fmt.Errorf("address range runs past %s", a)
		}
		b[1]++
		b[2] = 0
		return netip.AddrFrom4(b), nil
	}
	b[2]++
	return netip.AddrFrom4(b), nil
}

// parseLoopback parses an IPv4 address that must lie in 127.0.0.0/8:
// refnode binds nothing else.
func parseLoopback(s string) (netip.Addr, string) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, fmt.Sprintf("%q is not an IPv4 address: write it as e.g. 127.0.1.1", s)
	}
	if !a.IsLoopback() {
		return netip.Addr{}, fmt.Sprintf("%s is not in 127.0.0.0/8: refnode binds loopback addresses only, use e.g. 127.0.1.1", s)
	}
	return a, ""
}

// lastUsable is the highest host address of a prefix (broadcast - 1).
func lastUsable(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As4()
	host := uint32(1)<<(32-p.Bits()) - 1
	v := (uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])) | host
	v--
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
