// Package netdebugtest makes the network namespaces that capture tests
// (netdebug's and tf-capture's) capture in: two namespaces joined by a
// veth, on link-local addresses, so nothing the tests send can leave the
// machine; and builds the packets they send.
package netdebugtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
)

// Link is a veth pair between two network namespaces the test made:
// eth0 in A (169.254.77.1/30) and eth0 in B (169.254.77.2/30).
type Link struct {
	NameA, NameB string // names for ip netns exec
	A, B         string // netns files
	AddrA, AddrB net.IP
}

// RequireRoot skips a test that needs root and iproute2.
func RequireRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces and capture (CI runs as root)")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs iproute2's ip command (scripts/setup-test-env.sh installs it)")
	}
}

// IP runs the ip command and fails the test when it fails.
func IP(t testing.TB, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// Namespace creates a network namespace with its loopback up, named
// tfkit-capture-<what>-<pid>, deleted when the test ends.
func Namespace(t testing.TB, what string) (name, path string) {
	t.Helper()
	RequireRoot(t)
	name = fmt.Sprintf("tfkit-capture-%s-%d", what, os.Getpid())
	exec.Command("ip", "netns", "del", name).Run() // left over from a killed run
	IP(t, "netns", "add", name)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", name).Run() })
	IP(t, "-n", name, "link", "set", "lo", "up")
	return name, "/var/run/netns/" + name
}

// NewLink creates the two namespaces and the veth pair.
func NewLink(t testing.TB) Link {
	t.Helper()
	a, pathA := Namespace(t, "a")
	b, pathB := Namespace(t, "b")
	IP(t, "-n", a, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", b)
	IP(t, "-n", a, "addr", "add", "169.254.77.1/30", "dev", "eth0")
	IP(t, "-n", b, "addr", "add", "169.254.77.2/30", "dev", "eth0")
	IP(t, "-n", a, "link", "set", "eth0", "up")
	IP(t, "-n", b, "link", "set", "eth0", "up")
	return Link{NameA: a, NameB: b, A: pathA, B: pathB, AddrA: net.IP{169, 254, 77, 1}, AddrB: net.IP{169, 254, 77, 2}}
}

// Serialize builds a packet from layers, lengths and checksums filled in.
func Serialize(t testing.TB, ls ...gopacket.SerializableLayer) []byte {
	t.Helper()
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		t.Fatalf("serialize: %v", err)
	}
	return append([]byte(nil), buf.Bytes()...)
}
