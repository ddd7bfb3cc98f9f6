package status

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// listener is one LISTEN socket from /proc/<pid>/net/tcp{,6}.
type listener struct {
	addr  net.IP
	port  int
	inode string
}

// ListenAddr finds the local address a container's process listens on for
// port: the listening sockets of the container's network namespace
// (/proc/<pid>/net/tcp and tcp6) that the process itself owns
// (/proc/<pid>/fd socket inodes). Several containers on one host network
// may use the same port on different 127.0.x.y addresses, so ownership is
// what tells them apart; when the process owns none (a child holds it), any
// listener on the port in that namespace is taken, as contrail-status does.
// A wildcard address (0.0.0.0, ::) is returned as "". ok is false when
// nothing listens on port.
func ListenAddr(procRoot string, pid, port int) (addr string, ok bool) {
	dir := filepath.Join(procRoot, strconv.Itoa(pid))
	var lns []listener
	for _, f := range []string{"net/tcp", "net/tcp6"} {
		l, _ := readListeners(filepath.Join(dir, f))
		lns = append(lns, l...)
	}
	owned := socketInodes(filepath.Join(dir, "fd"))
	var any *listener
	for i, l := range lns {
		if l.port != port {
			continue
		}
		if owned[l.inode] {
			return hostOf(l.addr), true
		}
		if any == nil {
			any = &lns[i]
		}
	}
	if any != nil {
		return hostOf(any.addr), true
	}
	return "", false
}

func hostOf(ip net.IP) string {
	if ip.IsUnspecified() {
		return ""
	}
	return ip.String()
}

// readListeners parses a /proc/net/tcp-format file, keeping LISTEN (0A) rows.
func readListeners(path string) ([]listener, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []listener
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 10 || fs[3] != "0A" {
			continue
		}
		ip, port, err := parseHexAddr(fs[1])
		if err != nil {
			continue
		}
		out = append(out, listener{addr: ip, port: port, inode: fs[9]})
	}
	return out, sc.Err()
}

// parseHexAddr decodes "0100007F:1F93" (IPv4, host byte order per 32-bit
// word) or the 32-hex-digit IPv6 form.
func parseHexAddr(s string) (net.IP, int, error) {
	h, p, ok := strings.Cut(s, ":")
	if !ok {
		return nil, 0, fmt.Errorf("bad address %q", s)
	}
	port, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return nil, 0, err
	}
	raw, err := hex.DecodeString(h)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return nil, 0, fmt.Errorf("bad address %q", s)
	}
	ip := make(net.IP, len(raw))
	for w := 0; w < len(raw); w += 4 { // each 32-bit word is little-endian
		ip[w], ip[w+1], ip[w+2], ip[w+3] = raw[w+3], raw[w+2], raw[w+1], raw[w]
	}
	if v4 := ip.To4(); v4 != nil {
		ip = v4
	}
	return ip, int(port), nil
}

// socketInodes lists the socket inodes a process holds open.
func socketInodes(fdDir string) map[string]bool {
	ents, err := os.ReadDir(fdDir)
	if err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, e := range ents {
		t, err := os.Readlink(filepath.Join(fdDir, e.Name()))
		if err == nil && strings.HasPrefix(t, "socket:[") {
			out[strings.TrimSuffix(strings.TrimPrefix(t, "socket:["), "]")] = true
		}
	}
	return out
}
