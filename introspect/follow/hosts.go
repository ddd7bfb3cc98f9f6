package follow

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
)

// Hosts maps a vRouter's tunnel address (the dip of tunnel next hops,
// its vhost0 address) to where its introspect answers: a name, an
// address, host:port or a URL. Without an entry the dip itself is used.
type Hosts map[netip.Addr]string

// ParseHosts reads /etc/hosts-style lines: "<tunnel address> <introspect
// host> [ignored words…]", blanks or tabs between words, '#' starts a
// comment. A line with an address but no host, or a first word that is
// not an address, is an error naming the line.
func ParseHosts(r io.Reader, name string) (Hosts, error) {
	h := Hosts{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		ip, err := netip.ParseAddr(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %q is not an IP address", name, n, f[0])
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("%s line %d: %s has no host name after it", name, n, f[0])
		}
		if _, dup := h[ip.Unmap()]; !dup { // first entry wins, like /etc/hosts
			h[ip.Unmap()] = f[1]
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return h, nil
}

// ReadHosts parses the hosts file at path.
func ReadHosts(path string) (Hosts, error) {
	f, err := os.Open(path)
	if err != nil {
		if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	defer f.Close()
	return ParseHosts(f, path)
}

// host returns where the introspect of the vRouter with tunnel address
// dip answers, and whether the mapping came from the file.
func (h Hosts) host(dip netip.Addr) (string, bool) {
	if s, ok := h[dip.Unmap()]; ok {
		return s, true
	}
	return dip.String(), false
}
