package catalog

import (
	"errors"
	"net/netip"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// `vr route` (ist.py SnhRoute, spec §5.2.6, §6.5): the request and record
// depend on the family, which by default follows the address argument.
func init() {
	Register(&Command{
		Role: "vr", Words: []string{"route"}, Usage: "routes of one VRF, as text (ist.py layout)",
		Examples: []string{"ist vr route", "ist vr route -v 2", "ist vr route -v 2 10.47.255.250 --lpm",
			"ist vr route -v 2 -f bridge", "ist vr route -v 2 -p 10.47.255.0/24 -d", "ist vr route -v 2 --format json"},
		NoFormat: true,
		Params: []Param{
			{Name: "address", Positional: true, Usage: "an address: every route covering it (layer 2: MACs containing it)"},
			{Name: "vrf", Short: "v", Default: "0", Check: checkInt, Usage: "VRF index (ist vr vrf lists them); 0 is the IP fabric"},
			{Name: "family", Short: "f", Choices: []string{"inet", "inet6", "bridge", "layer2", "evpn"}, Usage: "route family (default: from the address; use --format for the output format)"},
			{Name: "prefix", Short: "p", Default: "/", Usage: "prefix asked of the agent (IPv4 or IPv6, e.g. 10.47.255.0/24)"},
			{Name: "detail", Short: "d", Bool: true, Usage: "detailed output"},
			{Name: "raw", Short: "r", Bool: true, Usage: "every field as text"},
			{Name: "lpm", Bool: true, Usage: "with an address: only the longest prefix covering it"},
		},
		Resolve: vrRoute,
	})
}

// vrRouteFamily is ist.py's default family: inet for no address or an
// IPv4 one, inet6 for IPv6, layer2 otherwise (a MAC).
func vrRouteFamily(family, address string) string {
	if family != "" {
		return family
	}
	a, err := netip.ParseAddr(address)
	switch {
	case address == "" || (err == nil && a.Is4()):
		return "inet"
	case err == nil && a.Is6():
		return "inet6"
	}
	return "layer2"
}

// l2RouteReqs are the request and record of the MAC families.
var l2RouteReqs = map[string][2]string{
	"bridge": {"BridgeRouteReq", "RouteL2SandeshData"},
	"evpn":   {"EvpnRouteReq", "RouteEvpnSandeshData"},
	"layer2": {"Layer2RouteReq", "RouteL2SandeshData"},
}

func vrRoute(in Input) (Query, error) {
	address := in.String("address")
	family := vrRouteFamily(in.String("family"), address)
	addr, addrErr := netip.ParseAddr(address)
	lpm := in.Bool("lpm")
	if lpm && (addrErr != nil || (family != "inet" && family != "inet6")) {
		return Query{}, errors.New("--lpm needs an IPv4 or IPv6 address and an inet or inet6 table")
	}
	q := Query{Printer: "vr_route", Args: []Arg{{Name: "vrf_index", Param: "vrf"}}}
	switch family {
	case "inet", "inet6":
		q.Request, q.Records = "Inet4UcRouteReq", []string{"RouteUcSandeshData"}
		bits, isFamily := "32", netip.Addr.Is4
		if family == "inet6" {
			q.Request, bits, isFamily = "Inet6UcRouteReq", "128", netip.Addr.Is6
		}
		p := strings.Split(in.String("prefix"), "/")
		if len(p) == 1 {
			p = append(p, bits)
		}
		q.Args = append(q.Args, Arg{Name: "src_ip", Value: p[0]}, Arg{Name: "prefix_len", Value: p[1]}, Arg{Name: "stale"})
		switch {
		case addrErr == nil && isFamily(addr):
			q.Filter = func(_ Input, n *sandesh.Node) bool { return covers(n, addr) }
		case address != "":
			q.Filter = func(_ Input, n *sandesh.Node) bool { return childContains(n, "src_ip", address) }
		}
	default:
		r := l2RouteReqs[family]
		q.Request, q.Records = r[0], []string{r[1]}
		if address != "" {
			q.Filter = func(_ Input, n *sandesh.Node) bool { return childContains(n, "mac", address) }
		}
	}
	switch {
	case lpm:
		q.Printer = "vr_route_lpm"
	case in.String("format") == "json":
		q.Printer = ""
	}
	return q, nil
}

// covers is ist.py's addressInNetwork: the route's src_ip/src_plen
// contains addr.
func covers(n *sandesh.Node, addr netip.Addr) bool {
	ip, plen := n.Child("src_ip"), n.Child("src_plen")
	if ip == nil || plen == nil {
		return false
	}
	p, err := netip.ParsePrefix(ip.Text + "/" + plen.Text)
	return err == nil && p.Masked().Contains(addr)
}
