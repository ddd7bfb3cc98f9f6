package netdebug

import (
	"bytes"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"

	"github.com/tfkit/tfkit/internal/testwait"
)

func TestNetDevRxDrops(t *testing.T) {
	table := []byte(`Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0
  eth0: 123456789  98765    1   42    0     0          0         3  5555  66    0    7    0     0       0          0
tapeb3a8c41-2f:123 4 0 17 0 0 0 0 9 1 0 0 0 0 0 0
`)
	for name, want := range map[string]uint64{"lo": 0, "eth0": 42, "tapeb3a8c41-2f": 17} {
		if got, err := netDevRxDrops(table, name); err != nil || got != want {
			t.Errorf("%s: %d, %v; want %d", name, got, err, want)
		}
	}
	if _, err := netDevRxDrops(table, "eth1"); err == nil {
		t.Error("eth1 found")
	}
	if _, err := netDevRxDrops([]byte("eth0: 1 2 3\n"), "eth0"); err == nil {
		t.Error("a short line read")
	}
}

// TestIfaceDropsReadsTheNamespace: the counter opened on the namespace's
// thread keeps reading that namespace's interface from any thread, and
// its figure is netlink's rx_dropped + rx_missed_errors. Frames of an
// EtherType nobody handles are what eth0 in B drops.
func TestIfaceDropsReadsTheNamespace(t *testing.T) {
	l := newTestLink(t)
	var d *ifaceDrops
	if err := InNetns(l.B, func() (err error) { d, err = openIfaceDrops(netDevSelf, "eth0"); return err }); err != nil {
		t.Fatal(err)
	}
	defer d.close()
	before, err := d.read()
	if err != nil {
		t.Fatal(err)
	}
	const frames = 25
	sendUnhandled(t, l.A, frames)
	var now uint64
	testwait.Until(t, "eth0 in B counts the drops", 5*time.Second, func() error {
		if now, err = d.read(); err != nil || now-before != frames {
			return fmt.Errorf("drops %d -> %d (%v), want +%d", before, now, err, frames)
		}
		return nil
	})
	var link netlink.Link
	if err := InNetns(l.B, func() (err error) { link, err = netlink.LinkByName("eth0"); return err }); err != nil {
		t.Fatal(err)
	}
	if s := link.Attrs().Statistics; s == nil || s.RxDropped+s.RxMissedErrors != now {
		t.Errorf("netlink says %+v, net/dev %d", s, now)
	}
}

// sendUnhandled sends n broadcast frames of a local experimental
// EtherType out of eth0 in namespace ns.
func sendUnhandled(t *testing.T, ns string, n int) {
	t.Helper()
	frame := append(bytes.Repeat([]byte{0xff}, 6), 0x02, 0, 0, 0, 0, 1, 0x88, 0xb5)
	frame = append(frame, make([]byte, 46)...)
	err := InNetns(ns, func() error {
		ifc, err := net.InterfaceByName("eth0")
		if err != nil {
			return err
		}
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		to := &unix.SockaddrLinklayer{Ifindex: ifc.Index, Halen: 6}
		copy(to.Addr[:], frame[:6])
		for range n {
			if err := unix.Sendto(fd, frame, 0, to); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
