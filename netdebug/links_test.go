package netdebug

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

// TestLinksFindsTheHostPeer makes a namespace whose eth0 is a veth to a
// host interface (no address on the host side: nothing is routed) and
// checks that Links reports eth0's address and the host end.
func TestLinksFindsTheHostPeer(t *testing.T) {
	requireRoot(t)
	name := fmt.Sprintf("tfcap-l-%d", os.Getpid())
	exec.Command("ip", "netns", "del", name).Run()
	ipCmd(t, "netns", "add", name)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", name).Run() })
	path := "/var/run/netns/" + name
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
	if got.Type != "veth" || got.HostPeer != hostName || got.PeerIndex != hostLink.Attrs().Index ||
		len(got.Addresses) == 0 || got.Addresses[0] != "169.254.78.2/30" || got.MAC != eth0.Attrs().HardwareAddr.String() {
		t.Errorf("eth0: %+v (host end %s index %d)", *got, hostName, hostLink.Attrs().Index)
	}

	var tbl, js bytes.Buffer
	if err := RenderLinks(&tbl, "table", links); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tbl.String(), "169.254.78.2/30") || !strings.Contains(tbl.String(), fmt.Sprintf("%s (if%d)", hostName, hostLink.Attrs().Index)) {
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
