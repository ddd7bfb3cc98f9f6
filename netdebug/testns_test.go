package netdebug

import (
	"net"
	"testing"

	"github.com/tfkit/tfkit/netdebug/netdebugtest"
)

// newTestLink is the veth pair between two namespaces of the test's own.
func newTestLink(t *testing.T) netdebugtest.Link { return netdebugtest.NewLink(t) }

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
