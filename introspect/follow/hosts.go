package follow

import (
	"io"
	"net/netip"

	"github.com/tfkit/tfkit/introspect/hosts"
)

// Hosts maps a vRouter's tunnel address (the dip of tunnel next hops,
// its vhost0 address) to where its introspect answers: a name, an
// address, host:port or a URL. Without an entry the dip itself is used.
type Hosts map[netip.Addr]string

// ParseHosts reads the hosts file format of package introspect/hosts
// ("<tunnel address> <introspect host> [ignored words…]").
func ParseHosts(r io.Reader, name string) (Hosts, error) {
	f, err := hosts.Parse(r, name)
	if err != nil {
		return nil, err
	}
	return fromFile(f), nil
}

// ReadHosts parses the hosts file at path.
func ReadHosts(path string) (Hosts, error) {
	f, err := hosts.Read(path)
	if err != nil {
		return nil, err
	}
	return fromFile(f), nil
}

func fromFile(f *hosts.File) Hosts {
	h := Hosts{}
	for _, e := range f.Entries {
		h[e.Addr] = e.Host
	}
	return h
}

// host returns where the introspect of the vRouter with tunnel address
// dip answers, and whether the mapping came from the file.
func (h Hosts) host(dip netip.Addr) (string, bool) {
	if s, ok := h[dip.Unmap()]; ok {
		return s, true
	}
	return dip.String(), false
}
