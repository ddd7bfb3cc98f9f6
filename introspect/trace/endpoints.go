package trace

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/schema"
)

// Finding the two ends: the source interface on --vrouter or on the agents
// the control nodes list, the destination by name on those agents or as
// an address.

// found is an interface found on an agent.
type found struct {
	host string
	itf  *schema.ItfSandeshData
}

// resolve fills the endpoints and the addresses; a source that cannot be
// found ends the trace with a MISSING verdict, an ambiguous one is a
// usage error.
func (t *tracer) resolve(ctx context.Context) error {
	var agents []string
	if t.cfg.VRouter != "" {
		agents = []string{t.cfg.VRouter}
	} else {
		agents = t.agentsFromControls(ctx)
		if len(agents) == 0 {
			if t.ctlRead {
				t.noAgents()
			} else {
				t.unreadable("no control node could be read to find the vRouters (ShowXmppConnectionReq)")
			}
			return nil
		}
	}
	src := &t.rep.Source
	hits, errs := t.search(ctx, agents, src.Arg)
	switch {
	case len(hits) == 0:
		t.missingEndpoint("source", src.Arg, agents, errs)
		return nil
	case len(hits) > 1:
		return ambiguous(src.Arg, hits)
	}
	if err := t.fill(src, hits[0]); err != nil {
		return err
	}
	dst := &t.rep.Destination
	if a, err := netip.ParseAddr(dst.Arg); err == nil {
		dst.IP = a.Unmap().String()
	} else {
		dagents := agents
		if t.cfg.VRouter != "" && len(t.cfg.Controls) > 0 {
			for _, h := range t.agentsFromControls(ctx) {
				if !slices.Contains(dagents, h) {
					dagents = append(dagents, h)
				}
			}
		}
		hits, errs := t.search(ctx, dagents, dst.Arg)
		switch {
		case len(hits) == 0:
			t.missingEndpoint("destination", dst.Arg, dagents, errs)
			return nil
		case len(hits) > 1:
			return ambiguous(dst.Arg, hits)
		}
		if err := t.fill(dst, hits[0]); err != nil {
			return err
		}
	}
	t.sip, t.dip = netip.MustParseAddr(src.IP), netip.MustParseAddr(dst.IP)
	if t.sip.Is4() != t.dip.Is4() {
		return client.Usagef("give two IPv4 or two IPv6 ends (-6 picks the IPv6 address of named ends)",
			"%s is %s and %s is %s", src.IP, family(t.sip), dst.IP, family(t.dip))
	}
	return nil
}

func family(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}

func ambiguous(arg string, hits []found) error {
	var l []string
	for _, h := range hits {
		l = append(l, fmt.Sprintf("%s (%s, vn %s, on %s)", h.itf.Name, h.itf.IPAddr, h.itf.VnName, h.host))
	}
	return client.Usagef("name the interface, or add --vn", "%q matches %d interfaces: %s", arg, len(hits), strings.Join(l, "; "))
}

// fill sets an endpoint from the interface found for it.
func (t *tracer) fill(e *Endpoint, h found) error {
	r, err := t.reader(h.host, false)
	if err != nil {
		return err
	}
	e.itf, e.host = h.itf, h.host
	e.VRouter, e.Interface, e.VM, e.VN, e.VRF = r.Addr(), h.itf.Name, h.itf.VMName, h.itf.VnName, h.itf.VrfName
	ip, err := netip.ParseAddr(e.Arg)
	switch {
	case err == nil:
		e.IP = ip.Unmap().String()
	case t.cfg.IPv6:
		if h.itf.IP6Addr == "" {
			return client.Usagef("drop -6, or give the address", "%s (%s) has no IPv6 address", e.Arg, h.itf.Name)
		}
		e.IP = h.itf.IP6Addr
	default:
		e.IP = h.itf.IPAddr
	}
	return nil
}

// unreadable ends the trace before any stage could run.
func (t *tracer) unreadable(why string) {
	code := 3
	for _, s := range t.rep.Stages {
		code = max(code, s.exit)
	}
	t.rep.Verdict = Verdict{Result: "UNREADABLE", Text: why, ExitCode: code}
}

// noAgents ends the trace: the control nodes answered but none has an
// XMPP peer (a control node that just restarted, or agents that lost
// every session), so there is no vRouter to look for the source on.
func (t *tracer) noAgents() {
	node := strings.Join(t.cfg.Controls, ",")
	checked := "the control nodes answered but list no vRouter (no XMPP peer), nor do their BGP peers"
	t.add(Stage{Stage: "source", Node: node, Checked: checked, Status: StatusMissing, Reason: "no vRouter", Proof: "ShowXmppConnectionReq,BgpNeighborReq"})
	t.rep.Verdict = Verdict{Result: StatusMissing, Stage: "source", Node: node, Text: checked, ExitCode: 1}
	t.rep.Next = []string{"ist --host " + t.cfg.Controls[0] + " ctr nei -t XMPP   # which agents the control node has",
		"ist trace … --vrouter <host>   # name the source's vRouter"}
}

// missingEndpoint ends the trace: an end is on no vRouter searched.
func (t *tracer) missingEndpoint(which, arg string, agents []string, errs []error) {
	checked := fmt.Sprintf("no interface matches %q (tap name, uuid, VM name or address) on %d vRouter(s)", arg, len(agents))
	if t.cfg.VN != "" {
		checked += " in networks matching " + t.cfg.VN
	}
	if len(errs) > 0 {
		checked += fmt.Sprintf("; %d could not be read: %v", len(errs), errs[0])
	}
	node := strings.Join(agents, ",")
	if len(agents) > 3 {
		node = fmt.Sprintf("%d vRouters", len(agents))
	}
	t.add(Stage{Stage: which, Node: node, Checked: checked, Status: StatusMissing, Reason: which + " not found", Proof: "ItfReq"})
	code := 1
	if len(errs) > 0 && len(errs) == len(agents) {
		code = max(client.ExitCode(errs[0]), 3)
	}
	t.rep.Verdict = Verdict{Result: StatusMissing, Stage: which, Node: node, Text: "the " + which + ": " + checked, ExitCode: code}
	t.rep.Next = []string{"ist --host <vrouter> vr intf -f text   # the interfaces a vRouter has"}
}

// agentsFromControls lists the introspect hosts of the vRouters connected
// to the control nodes (their XMPP peers), mapped through --hosts. When
// the control nodes given answer but list no vRouter (one just restarted,
// its agents not back yet), their BGP peers that are control nodes are
// asked too.
func (t *tracer) agentsFromControls(ctx context.Context) []string {
	if t.ctlAgents != nil {
		return t.ctlAgents
	}
	out := []string{}
	defer func() { t.ctlAgents = out }()
	var answered []*follow.Reader
	for _, c := range t.cfg.Controls {
		r, ok := t.controlAgents(ctx, c, &out)
		if ok {
			answered = append(answered, r)
		}
	}
	t.ctlRead = len(answered) > 0
	if len(out) > 0 {
		return out
	}
	asked := map[string]bool{}
	for _, c := range t.cfg.Controls {
		asked[c] = true
	}
	for _, r := range answered {
		peers, err := follow.Fetch[schema.BgpNeighborResp](ctx, r, client.Path("BgpNeighborReq", client.Arg{Name: "search_string"}), "BgpNeighborResp")
		if err != nil {
			continue
		}
		for _, p := range peers {
			if p.Encoding != "BGP" || (p.RouterType != "" && p.RouterType != "control-node") || asked[p.PeerAddress] {
				continue
			}
			asked[p.PeerAddress] = true
			t.controlAgents(ctx, p.PeerAddress, &out)
		}
	}
	return out
}

// controlAgents adds to out the agents control node c lists; ok when c
// answered.
func (t *tracer) controlAgents(ctx context.Context, c string, out *[]string) (*follow.Reader, bool) {
	r, err := t.reader(c, true)
	if err != nil {
		t.failed("control", c, "agents", "ShowXmppConnectionReq", err)
		return nil, false
	}
	conns, err := follow.Fetch[schema.ShowXmppConnection](ctx, r, client.Path("ShowXmppConnectionReq"), "ShowXmppConnection")
	if err != nil {
		t.failed("control", r.Addr(), "agents", "ShowXmppConnectionReq", err)
		return nil, false
	}
	for _, x := range conns {
		ap, err := netip.ParseAddrPort(x.RemoteEndpoint)
		if err != nil {
			continue
		}
		if h := t.agentHost(ap.Addr()); !slices.Contains(*out, h) {
			*out = append(*out, h)
		}
	}
	return r, true
}

// agentHost is where the agent with tunnel address a answers.
func (t *tracer) agentHost(a netip.Addr) string {
	if h, ok := t.cfg.Hosts[a.Unmap()]; ok {
		return h
	}
	return a.Unmap().String()
}

// search asks every agent for interfaces matching arg (ItfReq with the
// narrowest filter the argument allows), 8 at a time.
func (t *tracer) search(ctx context.Context, agents []string, arg string) ([]found, []error) {
	path := itfQuery(arg)
	var mu sync.Mutex
	var hits []found
	var errs []error
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, h := range agents {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			r, err := t.reader(h, false)
			var recs []*schema.ItfSandeshData
			if err == nil {
				recs, err = follow.Fetch[schema.ItfSandeshData](ctx, r, path, "ItfSandeshData")
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			for _, it := range recs {
				if matches(it, arg) && (t.cfg.VN == "" || strings.Contains(it.VnName, t.cfg.VN)) {
					hits = append(hits, found{host: h, itf: it})
				}
			}
		}()
	}
	wg.Wait()
	slices.SortFunc(hits, func(a, b found) int { return strings.Compare(a.host+a.itf.Name, b.host+b.itf.Name) })
	return hits, errs
}

// itfQuery is the ItfReq for arg: by address, uuid or tap name when it
// is one, else every interface (VM names are not an agent filter). The
// agent reads its 11 fields by position.
func itfQuery(arg string) string {
	f := map[string]string{}
	if a, err := netip.ParseAddr(arg); err == nil {
		if a.Is4() {
			f["ipv4_address"] = a.String()
		} else {
			f["ipv6_address"] = a.String()
		}
	} else if isUUID(arg) {
		f["uuid"] = arg
	} else if strings.HasPrefix(arg, "tap") {
		f["name"] = arg
	}
	var args []client.Arg
	for _, n := range []string{"name", "type", "uuid", "vn", "mac", "ipv4_address", "ipv6_address", "parent_uuid", "ip_active", "ip6_active", "l2_active"} {
		args = append(args, client.Arg{Name: n, Value: f[n]})
	}
	return client.Path("ItfReq", args...)
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'):
		default:
			return false
		}
	}
	return true
}

// matches says whether a VM interface is the one arg names: its tap name,
// uuid, VM name (Kubernetes VM names may carry "__<namespace>…"), or one
// of its addresses.
func matches(it *schema.ItfSandeshData, arg string) bool {
	if it.Type != "vport" && it.VMName == "" {
		return false
	}
	if it.Name == arg || strings.EqualFold(it.UUID, arg) || it.VMName == arg || strings.HasPrefix(it.VMName, arg+"__") {
		return true
	}
	a, err := netip.ParseAddr(arg)
	if err != nil {
		return false
	}
	for _, s := range append([]string{it.IPAddr, it.IP6Addr}, it.FixedIP4List...) {
		if b, err := netip.ParseAddr(s); err == nil && b == a.Unmap() {
			return true
		}
	}
	return false
}
