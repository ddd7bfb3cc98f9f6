package netdebug

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// testLink is a veth pair between two network namespaces the test made:
// eth0 in A (169.254.77.1/30) and eth0 in B (169.254.77.2/30). Link-local
// addresses in private namespaces: nothing can leave the machine.
type testLink struct {
	A, B         string // netns files
	AddrA, AddrB net.IP
}

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces and capture (CI runs as root)")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs iproute2's ip command (scripts/setup-test-env.sh installs it)")
	}
}

func ipCmd(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// newTestLink creates the two namespaces and the veth pair; they are
// deleted when the test ends.
func newTestLink(t *testing.T) testLink {
	requireRoot(t)
	a := fmt.Sprintf("tfcap-a-%d", os.Getpid())
	b := fmt.Sprintf("tfcap-b-%d", os.Getpid())
	for _, ns := range []string{a, b} {
		exec.Command("ip", "netns", "del", ns).Run() // left over from a killed run
		ipCmd(t, "netns", "add", ns)
		ns := ns
		t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
		ipCmd(t, "-n", ns, "link", "set", "lo", "up")
	}
	ipCmd(t, "-n", a, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", b)
	ipCmd(t, "-n", a, "addr", "add", "169.254.77.1/30", "dev", "eth0")
	ipCmd(t, "-n", b, "addr", "add", "169.254.77.2/30", "dev", "eth0")
	ipCmd(t, "-n", a, "link", "set", "eth0", "up")
	ipCmd(t, "-n", b, "link", "set", "eth0", "up")
	return testLink{A: "/var/run/netns/" + a, B: "/var/run/netns/" + b, AddrA: net.IP{169, 254, 77, 1}, AddrB: net.IP{169, 254, 77, 2}}
}

// udpFrom opens a UDP socket in namespace ns aimed at dst; the socket
// stays in ns after the thread returns.
func udpFrom(t *testing.T, ns string, dst *net.UDPAddr) *net.UDPConn {
	t.Helper()
	var c *net.UDPConn
	err := InNetns(ns, func() error {
		var err error
		c, err = net.DialUDP("udp", nil, dst)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
