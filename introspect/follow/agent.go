package follow

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// agent is one vRouter agent introspect, reached with ist's client (so
// TLS, proxy, timeouts and agent paging behave like every ist command).
type agent struct {
	cl     *client.Client
	target client.Target
}

// Addr names the agent in hops and messages (host:port, https:// when TLS).
func (a *agent) Addr() string { return a.target.String() }

// fetch runs one request and decodes every record element named rec into
// a new T. An ErrorResp (unknown VRF id, bad argument) is returned as
// errAgentRefused.
func fetch[T any](ctx context.Context, a *agent, path, rec string) ([]*T, error) {
	var out []*T
	var refused string
	err := a.cl.Stream(ctx, a.target, client.Request{Path: path, Names: []string{rec, "ErrorResp"}}, func(n *sandesh.Node) error {
		if n.Name == "ErrorResp" {
			refused = n.ChildText("resp")
			return nil
		}
		v := new(T)
		if err := sandesh.Unmarshal(n, v); err != nil {
			return &client.Error{Class: client.ClassParse, Where: a.Addr() + " " + rec, What: "cannot decode " + rec + ": " + err.Error(),
				Hint: "the agent's answer does not match the Sandesh schema; save it with curl and report it"}
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if refused != "" && len(out) == 0 {
		return nil, errAgentRefused{text: refused}
	}
	return out, nil
}

// errAgentRefused is an ErrorResp answer.
type errAgentRefused struct{ text string }

func (e errAgentRefused) Error() string {
	return "the agent answered ErrorResp " + strconv.Quote(e.text)
}

// vrfs returns the VRFs whose name contains name (VrfListReq filters by
// substring).
func (a *agent) vrfs(ctx context.Context, name string) ([]*schema.VrfSandeshData, error) {
	return fetch[schema.VrfSandeshData](ctx, a, client.Path("VrfListReq", client.Arg{Name: "name", Value: name}), "VrfSandeshData")
}

// routes lists the unicast routes of VRF id, the one prefix p only when
// p is valid (the agent matches address and length exactly), else all.
func (a *agent) routes(ctx context.Context, id int32, p netip.Prefix, v6 bool) ([]*schema.RouteUcSandeshData, error) {
	req := "Inet4UcRouteReq"
	if v6 {
		req = "Inet6UcRouteReq"
	}
	src, plen := "", ""
	if p.IsValid() {
		src, plen = p.Addr().String(), strconv.Itoa(p.Bits())
	}
	// C++ reads arguments by position: all four, in declaration order.
	path := client.Path(req, client.Arg{Name: "vrf_index", Value: strconv.Itoa(int(id))}, client.Arg{Name: "src_ip", Value: src},
		client.Arg{Name: "prefix_len", Value: plen}, client.Arg{Name: "stale", Value: ""})
	return fetch[schema.RouteUcSandeshData](ctx, a, path, "RouteUcSandeshData")
}

// label returns the agent's entry for MPLS label l, or nil.
func (a *agent) label(ctx context.Context, l int32) (*schema.MplsSandeshData, error) {
	recs, err := fetch[schema.MplsSandeshData](ctx, a, client.Path("MplsReq", client.Arg{Name: "type", Value: ""},
		client.Arg{Name: "label", Value: strconv.Itoa(int(l))}), "MplsSandeshData")
	return pick(recs, err, func(r *schema.MplsSandeshData) bool { return r.Label == l })
}

// vxlan returns the agent's entry for VNI id, or nil.
func (a *agent) vxlan(ctx context.Context, id int32) (*schema.VxLanSandeshData, error) {
	recs, err := fetch[schema.VxLanSandeshData](ctx, a, client.Path("VxLanReq", client.Arg{Name: "vxlan_id", Value: strconv.Itoa(int(id))}), "VxLanSandeshData")
	return pick(recs, err, func(r *schema.VxLanSandeshData) bool { return r.VxlanID == id })
}

// itf returns the interface named name, or nil.
func (a *agent) itf(ctx context.Context, name string) (*schema.ItfSandeshData, error) {
	// ItfReq has 11 positional fields; the name is the first.
	args := []client.Arg{{Name: "name", Value: name}}
	for _, f := range []string{"type", "uuid", "vn", "mac", "ipv4_address", "ipv6_address", "parent_uuid", "ip_active", "ip6_active", "l2_active"} {
		args = append(args, client.Arg{Name: f})
	}
	recs, err := fetch[schema.ItfSandeshData](ctx, a, client.Path("ItfReq", args...), "ItfSandeshData")
	return pick(recs, err, func(r *schema.ItfSandeshData) bool { return r.Name == name })
}

// pick returns the first record that is the one asked for, or nil: the
// agent's own filter is not trusted to be exact.
func pick[T any](recs []*T, err error, is func(*T) bool) (*T, error) {
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if is(r) {
			return r, nil
		}
	}
	return nil, nil
}

// lookup finds the longest prefix of VRF id that holds addr: first the
// host route alone (a small answer), then the whole table.
func (a *agent) lookup(ctx context.Context, id int32, addr netip.Addr) (*schema.RouteUcSandeshData, error) {
	host := netip.PrefixFrom(addr, addr.BitLen())
	for _, only := range []netip.Prefix{host, {}} {
		rs, err := a.routes(ctx, id, only, addr.Is6())
		if err != nil {
			return nil, err
		}
		if r := longestMatch(rs, addr); r != nil {
			return r, nil
		}
	}
	return nil, nil
}

// longestMatch returns the route with the longest prefix holding addr.
func longestMatch(rs []*schema.RouteUcSandeshData, addr netip.Addr) *schema.RouteUcSandeshData {
	var best *schema.RouteUcSandeshData
	bestLen := -1
	for _, r := range rs {
		p, err := routePrefix(r)
		if err != nil || !p.Contains(addr) || p.Bits() <= bestLen || len(r.PathList) == 0 {
			continue
		}
		best, bestLen = r, p.Bits()
	}
	return best
}

func routePrefix(r *schema.RouteUcSandeshData) (netip.Prefix, error) {
	a, err := netip.ParseAddr(r.SrcIP)
	if err != nil {
		return netip.Prefix{}, err
	}
	p, err := a.Prefix(int(r.SrcPlen))
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("bad prefix %s/%d", r.SrcIP, r.SrcPlen)
	}
	return p, nil
}
