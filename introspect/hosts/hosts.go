// Package hosts reads the hosts file of tfkit's cluster-wide commands
// (`ist follow --hosts`, `ist doctor --hosts`): /etc/hosts-style lines
// "<address> <introspect host> [role] [ignored words…]" that say where
// the introspect of the node the cluster knows by <address> (a vRouter's
// tunnel/vhost0 address, a control node's BGP address) answers, as a name,
// an address, host:port or a URL. '#' starts a comment. The optional
// third word names the node's role (an ist role: vr, ctr, collector,
// cfg_api, …) for commands that add nodes nobody else reports; without
// it a line is a vRouter, the common case.
package hosts

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
)

// Entry is one line of the file.
type Entry struct {
	Addr netip.Addr // the address the cluster knows the node by (unmapped)
	Host string     // where its introspect answers
	Role string     // third word, "" when absent (callers decide: usually vr)
	Line int        // 1-based line number, for messages
}

// File is a parsed hosts file: entries in file order, one per address
// (the first line for an address wins, like /etc/hosts).
type File struct {
	Name    string
	Entries []Entry
	index   map[netip.Addr]int
}

// Parse reads hosts lines from r; name is used in errors. A line with an
// address but no host, or a first word that is not an address, is an
// error naming the line.
func Parse(r io.Reader, name string) (*File, error) {
	f := &File{Name: name, index: map[netip.Addr]int{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		w := strings.Fields(line)
		if len(w) == 0 {
			continue
		}
		ip, err := netip.ParseAddr(w[0])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %q is not an IP address", name, n, w[0])
		}
		if len(w) < 2 {
			return nil, fmt.Errorf("%s line %d: %s has no host name after it", name, n, w[0])
		}
		ip = ip.Unmap()
		if _, dup := f.index[ip]; dup {
			continue
		}
		e := Entry{Addr: ip, Host: w[1], Line: n}
		if len(w) > 2 {
			e.Role = w[2]
		}
		f.index[ip] = len(f.Entries)
		f.Entries = append(f.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return f, nil
}

// Read parses the hosts file at path.
func Read(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	defer fh.Close()
	return Parse(fh, path)
}

// Lookup returns the entry for addr.
func (f *File) Lookup(addr netip.Addr) (Entry, bool) {
	if f == nil {
		return Entry{}, false
	}
	i, ok := f.index[addr.Unmap()]
	if !ok {
		return Entry{}, false
	}
	return f.Entries[i], true
}
