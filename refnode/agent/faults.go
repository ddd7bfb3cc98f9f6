package agent

import (
	"fmt"
	"net/netip"
	"slices"
)

// Datapath faults: state the real agent or vRouter can end up in, made on
// demand so that ist trace is tested against each (refnode/cluster drives
// them for `refnode ctl fault`). Each one is undone by its pair.

// DropKernelRoute removes prefix from the kernel's copy of VRF vrf while
// the agent keeps it (a KSync programming failure); the datapath then
// forwards with the kernel's next shorter match. RestoreKernelRoute
// undoes it.
func (a *Agent) DropKernelRoute(vrf string, prefix netip.Prefix) error {
	return a.setKernelRoute(vrf, prefix, true)
}

// RestoreKernelRoute programs prefix in the kernel again.
func (a *Agent) RestoreKernelRoute(vrf string, prefix netip.Prefix) error {
	return a.setKernelRoute(vrf, prefix, false)
}

func (a *Agent) setKernelRoute(vrf string, prefix netip.Prefix, missing bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.running {
		return fmt.Errorf("agent %s: not running", a.cfg.Name)
	}
	v := a.t.vrfByName[vrf]
	if v == nil {
		return fmt.Errorf("agent %s: no VRF %q", a.cfg.Name, vrf)
	}
	prefix = prefix.Masked()
	dp := &a.t.dp
	if !missing {
		if !dp.kernelMissing[vrf][prefix] {
			return fmt.Errorf("agent %s: the kernel is not missing %s in %s", a.cfg.Name, prefix, vrf)
		}
		delete(dp.kernelMissing[vrf], prefix)
		return nil
	}
	if !v.hasRoute(prefix) {
		return fmt.Errorf("agent %s: VRF %s has no route %s to drop from the kernel", a.cfg.Name, vrf, prefix)
	}
	if dp.kernelMissing == nil {
		dp.kernelMissing = map[string]map[netip.Prefix]bool{}
	}
	if dp.kernelMissing[vrf] == nil {
		dp.kernelMissing[vrf] = map[netip.Prefix]bool{}
	}
	dp.kernelMissing[vrf][prefix] = true
	return nil
}

// Relabel gives the VM interface name a new MPLS label (agent and kernel)
// without telling the control nodes, as when the agent re-created the
// interface and its update was lost: the other vRouters keep sending the
// old label, which no longer exists here. It returns both labels. A new
// session with a control node publishes the new label (the fault heals
// like the real one does).
func (a *Agent) Relabel(name string) (old, now int32, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	it := a.t.itfByName[name]
	if !a.running || it == nil || it.cfg == nil {
		return 0, 0, fmt.Errorf("agent %s: no VM interface %q", a.cfg.Name, name)
	}
	old = it.label
	now = a.t.alloc.alloc()
	if now < 0 {
		return 0, 0, fmt.Errorf("agent %s: no free MPLS label", a.cfg.Name)
	}
	delete(a.t.labels, old)
	a.t.labels[now] = it.nh
	it.label = now
	v := a.t.vrfByName[it.vrf]
	for _, pfx := range interfacePrefixes(it.cfg) {
		a.t.setLabel(v, pfx, PeerLocalVmPort, now)
	}
	a.t.alloc.release(old)
	return old, now, nil
}

// FillFlowTable makes the flow table hold at most capacity flows and fills
// it with background flows (UDP from the first VM interface to its
// gateway), so that the next new flow finds no room: the vRouter drops
// its packets (ds_flow_table_full). EmptyFlowTable undoes it.
func (a *Agent) FillFlowTable(capacity int) error {
	if capacity <= 0 {
		return fmt.Errorf("agent %s: flow table capacity %d: give at least 1", a.cfg.Name, capacity)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.running {
		return fmt.Errorf("agent %s: not running", a.cfg.Name)
	}
	i := slices.IndexFunc(a.t.itfs, func(it *iface) bool { return it.cfg != nil && it.cfg.IP.Is4() })
	if i < 0 {
		return fmt.Errorf("agent %s: no VM interface to make background flows from", a.cfg.Name)
	}
	it := a.t.itfs[i]
	v := a.t.vrfByName[it.vrf]
	gw := v.net.Gateway
	if !gw.IsValid() {
		gw = it.cfg.IP.Next()
	}
	dp := &a.t.dp
	dp.maxFlows = capacity
	for port := uint16(33000); len(dp.flows) < capacity && port < 65535; port++ {
		p := Packet{Src: it.cfg.IP, Dst: gw, Proto: 17, Sport: port, Dport: 53}
		f := &flow{key: keyOf(it.nh.index, &p), vrf: v.id, dir: "ingress", srcVN: []string{it.cfg.Network},
			dstVN: []string{it.cfg.Network}, ecmp: -1, tunnel: "NONE", vmi: it.cfg.UUID, rpfNH: it.nh.index, local: true}
		f.count(&p)
		dp.add(f)
	}
	return nil
}

// EmptyFlowTable removes every flow and gives the table its default size.
func (a *Agent) EmptyFlowTable() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.running {
		return fmt.Errorf("agent %s: not running", a.cfg.Name)
	}
	a.t.dp.clear()
	a.t.dp.maxFlows = 0
	return nil
}

// SetSecurityGroupRules replaces the ingress and egress rules of the
// security group uuid (a config change); every flow is evaluated again,
// as the agent re-evaluates flows when an ACL changes. It returns the
// rules before.
func (a *Agent) SetSecurityGroupRules(uuid string, ingress, egress []Rule) (oldIn, oldEg []Rule, err error) {
	if err := checkRules("security group "+uuid, append(slices.Clone(ingress), egress...)); err != nil {
		return nil, nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	sg := a.sgByUUID(uuid)
	if sg == nil {
		return nil, nil, fmt.Errorf("agent %s: no security group %s", a.cfg.Name, uuid)
	}
	oldIn, oldEg = sg.Ingress.Rules, sg.Egress.Rules
	sg.Ingress.Rules, sg.Egress.Rules = slices.Clone(ingress), slices.Clone(egress)
	if a.t != nil {
		a.t.gen++ // flows are evaluated again
	}
	return oldIn, oldEg, nil
}

// SecurityGroup returns a copy of the security group uuid.
func (a *Agent) SecurityGroup(uuid string) (SecurityGroup, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	sg := a.sgByUUID(uuid)
	if sg == nil {
		return SecurityGroup{}, false
	}
	c := *sg
	c.Ingress.Rules, c.Egress.Rules = slices.Clone(sg.Ingress.Rules), slices.Clone(sg.Egress.Rules)
	return c, true
}

// RepublishInterface sends the routes of the VM interface name again on
// every established channel, with its current label (what heals a stale
// label: the control nodes and other vRouters learn the new one).
func (a *Agent) RepublishInterface(name string) error {
	a.mu.Lock()
	it := a.t.itfByName[name]
	if !a.running || it == nil || it.cfg == nil {
		a.mu.Unlock()
		return fmt.Errorf("agent %s: no VM interface %q", a.cfg.Name, name)
	}
	a.publishInterfaceUnlock(it)
	return nil
}
