package follow

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/schema"
)

// Config says how agents are reached.
type Config struct {
	// Client is the template for every agent contacted: port (8085),
	// timeout, TLS, proxy. Its Hosts are ignored; File is refused.
	Client client.Config
	// Hosts maps tunnel addresses to introspect hosts (see ParseHosts).
	Hosts Hosts
	// MaxSteps bounds one branch (a VRF next hop loop); 0 means 16.
	MaxSteps int
}

// Follow walks the path of addr from the VRF named vrf (a full name, a
// unique part of one, or the VRF id) on the agent at vrouter, and returns
// every hop found. A nil error means every branch ended on an interface
// or the vRouter host. Otherwise each failed branch ends with a KindStop
// hop and the error has one line per failed branch, the one with the
// highest exit code (client.ExitCode: 1 missing hop, 3 unreachable, …)
// first, so client.ExitCode(err) is the worst.
func Follow(ctx context.Context, cfg Config, vrouter, vrf string, addr netip.Addr) ([]Hop, error) {
	if cfg.Client.File != "" {
		return nil, client.Usagef("drop --file", "follow fetches from several vRouters and cannot read a saved answer")
	}
	if cfg.MaxSteps <= 0 {
		cfg.MaxSteps = 16
	}
	w := &walker{cfg: cfg, agents: map[string]*agent{}}
	a, err := w.agent(vrouter)
	if err != nil {
		return nil, err
	}
	addr = addr.Unmap()
	p := &pos{step: 1}
	id, name, err := w.findVRF(ctx, a, vrf)
	switch {
	case client.ExitCode(err) == client.ClassUsage.ExitCode():
		return nil, err
	case err != nil:
		w.stop(p, a, err.Error(), err)
	default:
		w.route(ctx, p, a, id, name, addr)
	}
	return w.hops, w.err()
}

// walker holds the hops found and the failed branches.
type walker struct {
	cfg    Config
	agents map[string]*agent
	hops   []Hop
	fails  []error
}

// pos is where a branch is: the next step number and the branch name.
type pos struct {
	step   int
	branch string
}

// member returns the position of member i (1-based) of an n-way composite.
func (p *pos) member(i, n int) *pos {
	b := fmt.Sprintf("%d/%d", i, n)
	if p.branch != "" {
		b = p.branch + "." + b
	}
	return &pos{step: p.step, branch: b}
}

// agent returns the client for the introspect at host (made once).
func (w *walker) agent(host string) (*agent, error) {
	if a, ok := w.agents[host]; ok {
		return a, nil
	}
	cfg := w.cfg.Client
	cfg.Hosts = []string{host}
	cl, err := client.New(cfg)
	if err != nil {
		return nil, err
	}
	a := &agent{cl: cl, target: cl.Targets()[0]}
	w.agents[host] = a
	return a, nil
}

// add appends h at p and moves p on.
func (w *walker) add(p *pos, a *agent, h Hop) {
	h.Step, h.Branch, h.VRouter = p.step, p.branch, a.Addr()
	w.hops = append(w.hops, h)
	p.step++
}

// stopError is one failed branch; it wraps the client error, if any, so
// that client.ExitCode sees its class.
type stopError struct {
	msg string
	err error
}

func (e *stopError) Error() string { return e.msg }
func (e *stopError) Unwrap() error { return e.err }

// stop ends the branch at p with reason; cause is the client error behind
// it, nil for a missing or broken hop (exit 1).
func (w *walker) stop(p *pos, a *agent, reason string, cause error) {
	where := "hop " + strconv.Itoa(p.step)
	if p.branch != "" {
		where += " (ECMP branch " + p.branch + ")"
	}
	e := &stopError{msg: where + ": " + reason, err: cause}
	h := Hop{Kind: KindStop, Reason: reason, ExitCode: client.ExitCode(e)}
	w.add(p, a, h)
	w.fails = append(w.fails, e)
}

// err joins the failed branches, the highest exit code first.
func (w *walker) err() error {
	if len(w.fails) == 0 {
		return nil
	}
	fails := slices.Clone(w.fails)
	slices.SortStableFunc(fails, func(x, y error) int { return cmp.Compare(client.ExitCode(y), client.ExitCode(x)) })
	return errors.Join(fails...)
}

// failed turns a fetch error into a stop on a's branch.
func (w *walker) failed(p *pos, a *agent, what string, err error) {
	var refused errAgentRefused
	if errors.As(err, &refused) {
		w.stop(p, a, fmt.Sprintf("%s: %v (%s)", what, err, a.Addr()), nil)
		return
	}
	w.stop(p, a, what+": "+err.Error(), err)
}

// findVRF resolves a VRF argument on a: a number is the VRF id; a name
// must match one VRF exactly or be part of exactly one VRF's name.
func (w *walker) findVRF(ctx context.Context, a *agent, vrf string) (int32, string, error) {
	if n, err := strconv.ParseInt(vrf, 10, 32); err == nil && n >= 0 {
		return int32(n), "", nil
	}
	recs, err := a.vrfs(ctx, vrf)
	if err != nil {
		return 0, "", err
	}
	// The agent filters by substring already; filter again for agents
	// (and saved answers) that list every VRF.
	var match []*schema.VrfSandeshData
	for _, r := range recs {
		if r.Name == vrf {
			return r.UcIndex, r.Name, nil
		}
		if strings.Contains(r.Name, vrf) {
			match = append(match, r)
		}
	}
	switch len(match) {
	case 0:
		return 0, "", fmt.Errorf("no VRF named %q on %s: see ist vr vrf", vrf, a.Addr())
	case 1:
		return match[0].UcIndex, match[0].Name, nil
	}
	names := make([]string, len(match))
	for i, r := range match {
		names[i] = r.Name
	}
	return 0, "", client.Usagef("give the full VRF name", "%q matches %d VRFs on %s: %s", vrf, len(match), a.Addr(), strings.Join(names, ", "))
}

// route looks addr up in VRF id on a and follows the active path.
func (w *walker) route(ctx context.Context, p *pos, a *agent, id int32, vrf string, addr netip.Addr) {
	if p.step > w.cfg.MaxSteps {
		w.stop(p, a, fmt.Sprintf("more than %d hops: a forwarding loop?", w.cfg.MaxSteps), nil)
		return
	}
	r, err := a.lookup(ctx, id, addr)
	if err != nil {
		w.failed(p, a, fmt.Sprintf("route lookup in VRF %s", vrfLabel(id, vrf)), err)
		return
	}
	if r == nil {
		w.stop(p, a, fmt.Sprintf("no route to %s in VRF %s on %s", addr, vrfLabel(id, vrf), a.Addr()), nil)
		return
	}
	// The agent lists the active path first.
	path := r.PathList[0]
	label := path.Label
	if path.ActiveLabel != nil {
		label = *path.ActiveLabel
	}
	h := Hop{Kind: KindRoute, VRF: r.SrcVrf, Prefix: fmt.Sprintf("%s/%d", r.SrcIP, r.SrcPlen), Peer: path.Peer,
		Paths: len(r.PathList), DestVN: path.DestVnList, NhType: path.NH.Type, NhIndex: labelOf(path.NH.NhIndex)}
	if h.VRF == "" {
		h.VRF = vrfLabel(id, vrf)
	}
	if label >= 0 && !isLocal(path.NH.Type) {
		h.Label = labelOf(label)
	}
	w.add(p, a, h)
	if path.Unresolved == "true" {
		w.stop(p, a, fmt.Sprintf("the active path of %s (peer %s) is unresolved", h.Prefix, path.Peer), nil)
		return
	}
	w.nextHop(ctx, p, a, &path.NH, tunnelInfo{encap: path.ActiveTunnelType, label: label, vni: path.VxlanID}, addr)
}

// isLocal reports NH types whose path label is not used to reach them.
func isLocal(nhType string) bool {
	switch strings.ToLower(nhType) {
	case "receive", "discard", "resolve", "arp", "ndp", "l2-receive":
		return true
	}
	return false
}

func vrfLabel(id int32, name string) string {
	if name != "" {
		return name
	}
	return "#" + strconv.Itoa(int(id))
}

// tunnelInfo is what a tunnel needs from the path or composite member.
type tunnelInfo struct {
	encap string // MPLSoUDP, MPLSoGRE, VXLAN
	label int32
	vni   int32
}

// nextHop follows nh on a.
func (w *walker) nextHop(ctx context.Context, p *pos, a *agent, nh *schema.NhSandeshData, ti tunnelInfo, addr netip.Addr) {
	if nh.Valid == "false" {
		w.stop(p, a, fmt.Sprintf("next hop %d (%s) is not valid on %s", nh.NhIndex, nh.Type, a.Addr()), nil)
		return
	}
	t := strings.ToLower(nh.Type)
	switch {
	case t == "interface" || t == "vlan":
		w.iface(ctx, p, a, nh.Itf)
	case t == "receive":
		w.add(p, a, Hop{Kind: KindReceive, Interface: nh.Itf, VRF: nh.Vrf})
	case t == "arp" || t == "ndp":
		w.add(p, a, Hop{Kind: KindArp, Interface: nh.Itf, MAC: strings.Join(nh.MAC, ","), VRF: nh.Vrf})
	case t == "tunnel":
		if nh.TunnelType != "" {
			ti.encap = nh.TunnelType
		}
		w.tunnel(ctx, p, a, nh.Sip, nh.Dip, ti, addr)
	case t == "vrf":
		w.add(p, a, Hop{Kind: KindVrf, VRF: nh.Vrf, NhType: nh.Type, NhIndex: labelOf(nh.NhIndex)})
		w.routeIn(ctx, p, a, nh.Vrf, addr)
	case strings.Contains(t, "composite"):
		w.composite(ctx, p, a, nh, ti, addr)
	case t == "discard":
		w.stop(p, a, fmt.Sprintf("discard next hop %d: %s drops this traffic", nh.NhIndex, a.Addr()), nil)
	case t == "resolve":
		w.stop(p, a, fmt.Sprintf("resolve next hop %d: %s has not resolved %s (ARP pending)", nh.NhIndex, a.Addr(), addr), nil)
	default:
		w.stop(p, a, fmt.Sprintf("next hop %d of type %q is not followed", nh.NhIndex, nh.Type), nil)
	}
}

// routeIn looks addr up again in the VRF named vrf on a.
func (w *walker) routeIn(ctx context.Context, p *pos, a *agent, vrf string, addr netip.Addr) {
	id, name, err := w.findVRF(ctx, a, vrf)
	if err != nil {
		w.failed(p, a, "VRF "+vrf, err)
		return
	}
	w.route(ctx, p, a, id, name, addr)
}

// composite lists the members of a composite NH and follows each as a
// branch.
func (w *walker) composite(ctx context.Context, p *pos, a *agent, nh *schema.NhSandeshData, ti tunnelInfo, addr netip.Addr) {
	members := compositeMembers(nh)
	w.add(p, a, Hop{Kind: KindComposite, NhType: nh.Type, NhIndex: labelOf(nh.NhIndex), Members: len(members)})
	if len(members) == 0 {
		w.stop(p, a, fmt.Sprintf("composite next hop %d has no members", nh.NhIndex), nil)
		return
	}
	for i, m := range members {
		q := p.member(i+1, len(members))
		switch strings.ToLower(m.Type) {
		case "tunnel":
			w.tunnel(ctx, q, a, m.Sip, m.Dip, tunnelInfo{encap: ti.encap, label: m.Label, vni: ti.vni}, addr)
		case "interface", "vlan":
			w.iface(ctx, q, a, m.Itf)
		default:
			w.stop(q, a, fmt.Sprintf("composite member of type %q is not followed", m.Type), nil)
		}
	}
}

// compositeMembers returns the members of any kind of composite NH.
func compositeMembers(nh *schema.NhSandeshData) []schema.McastData {
	ms := slices.Clone(nh.McList)
	if c := nh.L3Comp; c != nil {
		ms = append(ms, c.McList...)
	}
	if c := nh.L2Comp; c != nil {
		ms = append(ms, c.McList...)
	}
	if c := nh.FabricComp; c != nil {
		ms = append(ms, c.McList...)
	}
	return ms
}

// tunnel follows a tunnel from a to the vRouter at dip: its MPLS label
// table, or its VNI for VXLAN.
func (w *walker) tunnel(ctx context.Context, p *pos, a *agent, sip, dip string, ti tunnelInfo, addr netip.Addr) {
	vxlan := strings.EqualFold(ti.encap, "VXLAN")
	h := Hop{Kind: KindTunnel, Source: sip, Dest: dip, Encap: ti.encap}
	if vxlan {
		if ti.vni <= 0 {
			ti.vni = ti.label // EVPN paths carry the VNI as their label
		}
		h.VNI = ti.vni
	} else {
		h.Label = labelOf(ti.label)
	}
	d, err := netip.ParseAddr(dip)
	if err != nil {
		w.add(p, a, h)
		w.stop(p, a, fmt.Sprintf("tunnel destination %q is not an address", dip), nil)
		return
	}
	host, mapped := w.cfg.Hosts.host(d)
	if mapped {
		h.DestHost = host
	}
	w.add(p, a, h)
	b, err := w.agent(host)
	if err != nil {
		w.stop(p, a, fmt.Sprintf("introspect host %q for %s: %v", host, dip, err), err)
		return
	}
	if vxlan {
		w.vni(ctx, p, b, ti.vni, addr)
		return
	}
	if ti.label < 0 {
		w.stop(p, b, "the path has no MPLS label", nil)
		return
	}
	m, err := b.label(ctx, ti.label)
	if err != nil {
		w.failed(p, b, fmt.Sprintf("label %d on the vRouter at %s", ti.label, dip), err)
		return
	}
	if m == nil {
		w.stop(p, b, fmt.Sprintf("label %d is not installed on %s (the tunnel's destination %s): the route on %s may be stale",
			ti.label, b.Addr(), dip, a.Addr()), nil)
		return
	}
	w.add(p, b, Hop{Kind: KindLabel, Label: labelOf(m.Label), NhType: m.NH.Type, NhIndex: labelOf(m.NH.NhIndex), Interface: m.NH.Itf})
	w.nextHop(ctx, p, b, &m.NH, tunnelInfo{encap: ti.encap, label: -1}, addr)
}

// vni follows a VXLAN id on b to its VRF and looks addr up there.
func (w *walker) vni(ctx context.Context, p *pos, b *agent, vni int32, addr netip.Addr) {
	v, err := b.vxlan(ctx, vni)
	if err != nil {
		w.failed(p, b, fmt.Sprintf("VNI %d", vni), err)
		return
	}
	if v == nil {
		w.stop(p, b, fmt.Sprintf("VNI %d is not known on %s", vni, b.Addr()), nil)
		return
	}
	vrf := v.VrfName
	if vrf == "" {
		vrf = v.NH.Vrf
	}
	w.add(p, b, Hop{Kind: KindVxlan, VNI: v.VxlanID, VRF: vrf, NhType: v.NH.Type, NhIndex: labelOf(v.NH.NhIndex)})
	if strings.EqualFold(v.NH.Type, "vrf") && vrf != "" {
		w.routeIn(ctx, p, b, vrf, addr)
		return
	}
	w.nextHop(ctx, p, b, &v.NH, tunnelInfo{label: -1}, addr)
}

// iface ends a branch on the agent interface named name.
func (w *walker) iface(ctx context.Context, p *pos, a *agent, name string) {
	if name == "" {
		w.stop(p, a, "the next hop names no interface", nil)
		return
	}
	it, err := a.itf(ctx, name)
	if err != nil {
		w.failed(p, a, "interface "+name, err)
		return
	}
	if it == nil {
		w.stop(p, a, fmt.Sprintf("interface %s is not known on %s", name, a.Addr()), nil)
		return
	}
	w.add(p, a, Hop{Kind: KindInterface, Interface: it.Name, VRF: it.VrfName, VM: it.VMName, VMUUID: it.VMUUID, VN: it.VnName,
		IP: it.IPAddr, MAC: it.MACAddr, Active: it.Active})
	if it.Active != "Active" {
		w.stop(p, a, fmt.Sprintf("interface %s is not active: %s", it.Name, it.Active), nil)
	}
}
