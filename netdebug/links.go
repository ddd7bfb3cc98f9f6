package netdebug

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"

	"github.com/tfkit/tfkit/internal/records"
)

// Link is one interface of a pod's network namespace and, for a veth
// (Kubernetes CNI, the vRouter's tap interfaces), the host interface at the
// other end: the one to give to `vif --get`, `tcpdump -i` on the host or
// `ist vr intf -n`.
type Link struct {
	Name      string   `json:"name"`
	Index     int      `json:"index"`
	Type      string   `json:"type"`  // veth, loopback, device, ...
	State     string   `json:"state"` // operational state: up, down, unknown, ...
	MTU       int      `json:"mtu"`
	MAC       string   `json:"mac,omitempty"`
	Addresses []string `json:"addresses"` // CIDR, IPv4 and IPv6
	// HostPeer is the other end of a veth when it lives in the namespace
	// tf-capture runs in (the host's); PeerIndex its interface index as the
	// kernel reports it, even when the peer is elsewhere.
	HostPeer  string `json:"host_peer,omitempty"`
	PeerIndex int    `json:"peer_index,omitempty"`
}

// Links lists the interfaces of the network namespace at path through
// netlink, without moving any thread into it.
func Links(path string) ([]Link, error) {
	ns, err := netns.GetFromPath(path)
	if err != nil {
		return nil, netnsOpenError(path, err)
	}
	defer ns.Close()
	h, err := netlink.NewHandleAt(ns)
	if err != nil {
		return nil, fmt.Errorf("netlink in %s: %w: run as root", path, err)
	}
	defer h.Close()
	host, err := netlink.NewHandle()
	if err != nil {
		return nil, fmt.Errorf("netlink: %w", err)
	}
	defer host.Close()

	nls, err := h.LinkList()
	if err != nil {
		return nil, fmt.Errorf("list interfaces in %s: %w", path, err)
	}
	out := make([]Link, 0, len(nls))
	for _, nl := range nls {
		a := nl.Attrs()
		l := Link{Name: a.Name, Index: a.Index, Type: nl.Type(), State: a.OperState.String(), MTU: a.MTU, Addresses: []string{}}
		if len(a.HardwareAddr) > 0 {
			l.MAC = a.HardwareAddr.String()
		}
		addrs, err := h.AddrList(nl, netlink.FAMILY_ALL)
		if err != nil {
			return nil, fmt.Errorf("addresses of %s in %s: %w", a.Name, path, err)
		}
		for _, ad := range addrs {
			l.Addresses = append(l.Addresses, ad.IPNet.String())
		}
		if l.Type == "veth" && a.ParentIndex > 0 {
			l.PeerIndex = a.ParentIndex
			l.HostPeer = hostPeer(host, a.ParentIndex, a.Index)
		}
		out = append(out, l)
	}
	return out, nil
}

// hostPeer names the host veth with index peer if its own peer index
// points back at ours: indexes are per namespace, so a host interface
// that merely shares the number is not taken for the peer.
func hostPeer(host *netlink.Handle, peer, ours int) string {
	hl, err := host.LinkByIndex(peer)
	if err != nil || hl.Type() != "veth" || hl.Attrs().ParentIndex != ours {
		return ""
	}
	return hl.Attrs().Name
}

// RenderLinks prints links as a table, "key: value" text or JSON
// (internal/records).
func RenderLinks(w io.Writer, format string, links []Link) error {
	set := records.Set{Columns: []string{"iface", "index", "type", "state", "mtu", "mac", "addresses", "host peer"}}
	for _, l := range links {
		set.Rows = append(set.Rows, []string{l.Name, strconv.Itoa(l.Index), l.Type, l.State, strconv.Itoa(l.MTU),
			l.MAC, strings.Join(l.Addresses, ","), peerCell(l)})
	}
	if links == nil {
		links = []Link{}
	}
	return records.Write(w, format, links, set)
}

// peerCell shows the host peer, or the bare index when the peer is not in
// the host's namespace (another pod, a nested namespace).
func peerCell(l Link) string {
	switch {
	case l.HostPeer != "":
		return fmt.Sprintf("%s (if%d)", l.HostPeer, l.PeerIndex)
	case l.PeerIndex != 0:
		return fmt.Sprintf("if%d (not in this namespace)", l.PeerIndex)
	}
	return "-"
}

// HostSide names the host end of the veth iface of the namespace at path:
// on a vRouter compute node the pod's tap interface, where a capture sees
// the pod's packets without entering its namespace (and where the
// vRouter hands them over).
func HostSide(path, iface string) (string, error) {
	links, err := Links(path)
	if err != nil {
		return "", err
	}
	var names []string
	for _, l := range links {
		if l.Name != iface {
			names = append(names, l.Name)
			continue
		}
		switch {
		case l.HostPeer != "":
			return l.HostPeer, nil
		case l.PeerIndex != 0:
			return "", fmt.Errorf("%s is a veth whose other end (if%d) is not in this namespace: capture inside the pod instead (drop --host-side)", iface, l.PeerIndex)
		}
		return "", fmt.Errorf("%s is a %s interface with no host-side peer: capture inside the pod instead (drop --host-side)", iface, l.Type)
	}
	return "", fmt.Errorf("no interface %s in the namespace: use -i with one of: %s", iface, strings.Join(names, ", "))
}
