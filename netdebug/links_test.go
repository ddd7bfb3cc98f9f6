package netdebug

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/netdebug/decode"
	"github.com/tfkit/tfkit/netdebug/netdebugtest"
	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

// hostVeth is a namespace the test made whose eth0 (169.254.78.2/30) is a
// veth to a host interface. The host end has no address, no IPv6 and no
// forwarding: nothing that arrives there is routed anywhere.
type hostVeth struct {
	Netns, HostName string
	HostIndex       int
	Eth0            netlink.Link
}

func newHostVeth(t *testing.T) hostVeth {
	_, path := netdebugtest.Namespace(t, "l")
	ns, err := netns.GetFromPath(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Close()

	hostName := fmt.Sprintf("tfl%d", os.Getpid()%1000000)
	la := netlink.NewLinkAttrs()
	la.Name = hostName
	if err := netlink.LinkAdd(&netlink.Veth{LinkAttrs: la, PeerName: "eth0", PeerNamespace: netlink.NsFd(int(ns))}); err != nil {
		t.Fatalf("add veth: %v", err)
	}
	t.Cleanup(func() {
		if l, err := netlink.LinkByName(hostName); err == nil {
			netlink.LinkDel(l)
		}
	})
	for _, knob := range []string{"ipv6/conf/" + hostName + "/disable_ipv6=1", "ipv4/conf/" + hostName + "/forwarding=0"} {
		k, v, _ := strings.Cut(knob, "=")
		if err := os.WriteFile("/proc/sys/net/"+k, []byte(v), 0o644); err != nil {
			t.Fatalf("sysctl %s: %v", knob, err)
		}
	}
	h, err := netlink.NewHandleAt(ns)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	eth0, err := h.LinkByName("eth0")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.AddrAdd(eth0, &netlink.Addr{IPNet: &net.IPNet{IP: net.IP{169, 254, 78, 2}, Mask: net.CIDRMask(30, 32)}}); err != nil {
		t.Fatal(err)
	}
	if err := h.LinkSetUp(eth0); err != nil {
		t.Fatal(err)
	}
	hostLink, err := netlink.LinkByName(hostName)
	if err != nil {
		t.Fatal(err)
	}
	if err := netlink.LinkSetUp(hostLink); err != nil {
		t.Fatal(err)
	}
	return hostVeth{Netns: path, HostName: hostName, HostIndex: hostLink.Attrs().Index, Eth0: eth0}
}

// TestLinksFindsTheHostPeer checks that Links reports eth0's address and
// the host end of its veth.
func TestLinksFindsTheHostPeer(t *testing.T) {
	hv := newHostVeth(t)
	path, hostName, eth0 := hv.Netns, hv.HostName, hv.Eth0
	links, err := Links(path)
	if err != nil {
		t.Fatal(err)
	}
	var got *Link
	for i := range links {
		if links[i].Name == "eth0" {
			got = &links[i]
		}
	}
	if len(links) != 2 || got == nil {
		t.Fatalf("links %+v: want lo and eth0", links)
	}
	if got.Type != "veth" || got.HostPeer != hostName || got.PeerIndex != hv.HostIndex ||
		len(got.Addresses) == 0 || got.Addresses[0] != "169.254.78.2/30" || got.MAC != eth0.Attrs().HardwareAddr.String() {
		t.Errorf("eth0: %+v (host end %s index %d)", *got, hostName, hv.HostIndex)
	}

	var tbl, js bytes.Buffer
	if err := RenderLinks(&tbl, "table", links); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tbl.String(), "169.254.78.2/30") || !strings.Contains(tbl.String(), fmt.Sprintf("%s (if%d)", hostName, hv.HostIndex)) {
		t.Errorf("table:\n%s", tbl.String())
	}
	if err := RenderLinks(&js, "json", links); err != nil {
		t.Fatal(err)
	}
	var back []Link
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back) != 2 {
		t.Errorf("json %v:\n%s", err, js.String())
	}
	if _, err := Links("/var/run/netns/tfcap-no-such-ns"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing namespace: %v", err)
	}
}

// TestLinksPeerInAnotherNamespace: a veth between two test namespaces has
// no host end; Links says so instead of naming an unrelated host link.
func TestLinksPeerInAnotherNamespace(t *testing.T) {
	tl := newTestLink(t)
	links, err := Links(tl.A)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l.Name == "eth0" {
			if l.PeerIndex == 0 || l.HostPeer != "" || !strings.Contains(peerCell(l), "not in this namespace") {
				t.Errorf("eth0 %+v: peer cell %q", l, peerCell(l))
			}
			return
		}
	}
	t.Fatalf("no eth0 in %+v", links)
}

// TestHostSideCapture captures on the host end of the pod's veth what the
// pod sends: datagrams to its subnet's broadcast address (link-layer
// broadcast, never forwarded by the host).
func TestHostSideCapture(t *testing.T) {
	hv := newHostVeth(t)
	peer, err := HostSide(hv.Netns, "eth0")
	if err != nil || peer != hv.HostName {
		t.Fatalf("HostSide(eth0) = %q, %v; want %s", peer, err, hv.HostName)
	}
	if _, err := HostSide(hv.Netns, "lo"); err == nil || !strings.Contains(err.Error(), "no host-side peer") {
		t.Errorf("HostSide(lo): %v", err)
	}
	if _, err := HostSide(hv.Netns, "eth9"); err == nil || !strings.Contains(err.Error(), "use -i with one of: lo") {
		t.Errorf("HostSide(eth9): %v", err)
	}
	capt, err := OpenCapture(CaptureOptions{Interface: peer, Filter: "udp port 9", Count: 3, Duration: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer capt.Close()
	conn := udpFrom(t, hv.Netns, &net.UDPAddr{IP: net.IP{169, 254, 78, 3}, Port: 9})
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				conn.Write([]byte("host-side"))
			}
		}
	}()
	var out bytes.Buffer
	sink := NewTextSink(&out, capt.LinkType(), decode.Options{})
	sum, err := capt.Run(context.Background(), sink)
	if err != nil || sum.Captured != 3 {
		t.Fatalf("captured %+v, %v:\n%s", sum, err, out.String())
	}
	if n := strings.Count(out.String(), "IP 169.254.78.2."); n != 3 || !strings.Contains(out.String(), "> 169.254.78.3.9: UDP, length 9") {
		t.Errorf("lines:\n%s", out.String())
	}
}
