package agent

import (
	"fmt"
	"hash/fnv"
	"net/netip"
	"strings"
	"sync"
)

// The simulated vRouter datapath. No packet goes on the wire: a packet is
// looked up the way the vRouter does (flow table, else a new flow from the
// agent's routes and policies; then the kernel's routes, next hops and
// labels) and handed to the agent at the tunnel's destination, which
// looks its label up and evaluates its own flow. Drops increment the
// kernel drop counter the vRouter would (KDropStatsReq). The kernel
// tables are the agent's oper tables except where a fault makes them
// differ (kstate.go), so a KSync fault really loses the packet.

// Packet is a simulated IP packet.
type Packet struct {
	Src, Dst     netip.Addr
	Proto        uint8 // 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6
	Sport, Dport uint16
	Size         int // bytes; 0 = 100
}

func (p Packet) size() int64 {
	if p.Size <= 0 {
		return 100
	}
	return int64(p.Size)
}

// reversed is the answer to p.
func (p Packet) reversed() Packet {
	return Packet{Src: p.Dst, Dst: p.Src, Proto: p.Proto, Sport: p.Dport, Dport: p.Sport, Size: p.Size}
}

// Outcome is what became of one packet.
type Outcome struct {
	Delivered bool
	VRouter   string       // agent where the packet ended (delivered or dropped)
	Interface string       // delivered: the interface; "vhost0" for the vRouter host
	Reason    string       // dropped: why (flow drop reason, or the kernel's)
	Counter   string       // dropped: the KDropStatsResp counter incremented ("" = lost in the underlay)
	Hops      []netip.Addr // vRouters crossed (their addresses), in order
	Label     int32        // the MPLS label the tunnel carried; -1 none
}

// Text says in one line what became of the packet.
func (o Outcome) Text() string {
	path := make([]string, len(o.Hops))
	for i, h := range o.Hops {
		path[i] = h.String()
	}
	via := strings.Join(path, " -> ")
	if o.Label >= 0 {
		via += fmt.Sprintf(" (label %d)", o.Label)
	}
	if o.Delivered {
		return fmt.Sprintf("delivered to %s on %s via %s", o.Interface, o.VRouter, via)
	}
	if o.Counter == "" {
		return fmt.Sprintf("lost after %s: %s", via, o.Reason)
	}
	return fmt.Sprintf("dropped on %s: %s (%s) via %s", o.VRouter, o.Reason, o.Counter, via)
}

// fabric is the simulated underlay of this process: every running agent
// by its vhost0 address. Addresses are unique in a process (each agent
// listens on its own), so one map serves every cluster a test starts.
var fabric sync.Map // netip.Addr -> *Agent

func fabricJoin(a *Agent)  { fabric.Store(a.cfg.Address, a) }
func fabricLeave(a *Agent) { fabric.CompareAndDelete(a.cfg.Address, a) }

func fabricAgent(addr netip.Addr) *Agent {
	if v, ok := fabric.Load(addr); ok {
		return v.(*Agent)
	}
	return nil
}

// step is a datapath decision on one agent.
type step struct {
	kind   stepKind
	itf    *iface // delivered: the interface
	dip    netip.Addr
	label  int32
	reason string
	ctr    string
}

type stepKind int

const (
	stepDeliver stepKind = iota
	stepHost
	stepTunnel
	stepDrop
)

func dropStep(reason, counter string) step { return step{kind: stepDrop, reason: reason, ctr: counter} }

// Send sends a packet from the VM interface named src (a tap name, VM
// name or one of its addresses) of this agent and follows it to where it
// ends. With reply, a delivered packet is answered by its destination and
// the answer followed back too.
func (a *Agent) Send(src string, p Packet, reply bool) (out, back Outcome, err error) {
	a.mu.Lock()
	it := a.findVMI(src)
	running := a.running
	a.mu.Unlock()
	if !running {
		return out, back, fmt.Errorf("agent %s: not running", a.cfg.Name)
	}
	if it == nil {
		return out, back, fmt.Errorf("agent %s: no VM interface %q (give a tap name, VM name or address)", a.cfg.Name, src)
	}
	if !p.Src.IsValid() {
		p.Src = it.cfg.IP
		if p.Dst.Is6() && it.cfg.IP6.IsValid() {
			p.Src = it.cfg.IP6
		}
	}
	out = a.walk(it, p)
	if !reply || !out.Delivered || out.Interface == "vhost0" {
		return out, back, nil
	}
	b := fabricAgent(netip.MustParseAddr(out.VRouter))
	b.mu.Lock()
	dst := b.t.itfByName[out.Interface]
	b.mu.Unlock()
	if dst == nil {
		return out, Outcome{VRouter: out.VRouter, Reason: "the destination interface went away", Label: -1}, nil
	}
	return out, b.walk(dst, p.reversed()), nil
}

// findVMI finds a VM interface by tap name, VM name or address.
func (a *Agent) findVMI(key string) *iface {
	addr, _ := netip.ParseAddr(key)
	for _, it := range a.t.itfs {
		c := it.cfg
		if c == nil {
			continue
		}
		if it.name == key || c.VMName == key || c.UUID == key || (addr.IsValid() && (c.IP == addr || c.IP6 == addr)) {
			return it
		}
	}
	return nil
}

// walk sends p from the local interface in and follows it across the
// fabric.
func (a *Agent) walk(in *iface, p Packet) Outcome {
	out := Outcome{VRouter: a.cfg.Address.String(), Hops: []netip.Addr{a.cfg.Address}, Label: -1}
	a.mu.Lock()
	var s step
	if a.paused || !a.running {
		s = dropStep("the vRouter is not forwarding (agent paused or stopped)", "")
	} else {
		s = a.egressLocked(in, &p)
	}
	a.mu.Unlock()
	if s.kind != stepTunnel {
		return finish(out, s)
	}
	out.Label = s.label
	b := fabricAgent(s.dip)
	if b == nil {
		out.Reason = fmt.Sprintf("no vRouter answers at the tunnel destination %s", s.dip)
		return out
	}
	out.VRouter = b.cfg.Address.String()
	out.Hops = append(out.Hops, b.cfg.Address)
	b.mu.Lock()
	if b.paused || !b.running {
		s = dropStep("the vRouter at "+s.dip.String()+" is not forwarding (agent paused or stopped)", "")
	} else {
		s = b.ingressLocked(s.label, a.cfg.Address, &p)
	}
	b.mu.Unlock()
	return finish(out, s)
}

func finish(out Outcome, s step) Outcome {
	switch s.kind {
	case stepDeliver:
		out.Delivered, out.Interface = true, s.itf.name
	case stepHost:
		out.Delivered, out.Interface = true, "vhost0"
	default:
		out.Reason, out.Counter = s.reason, s.ctr
	}
	return out
}

// egressLocked handles a packet from the VM interface in: its flow (made
// on a miss), then forwarding with the kernel's tables.
func (a *Agent) egressLocked(in *iface, p *Packet) step {
	dp := &a.t.dp
	if in.nh == nil {
		return dropStep("interface "+in.name+" has no next hop", "ds_invalid_if")
	}
	f, s, ok := a.flowLocked(in, p, func() *flow { return a.newEgressFlowsLocked(in, p) })
	if !ok {
		return s
	}
	v := a.t.vrfByName[in.vrf]
	r := a.kernelLPM(v, p.Dst)
	if r == nil {
		dp.drops.DsDiscard++
		return dropStep(fmt.Sprintf("the kernel has no route to %s in VRF %d (discard)", p.Dst, v.id), "ds_discard")
	}
	return a.forwardLocked(&r.paths[0], f, p)
}

// forwardLocked sends p along the kernel path pa (flow f chose the ECMP
// member).
func (a *Agent) forwardLocked(pa *path, f *flow, p *Packet) step {
	dp := &a.t.dp
	nh, label := pa.nh, pa.label
	if nh.kind == nhComposite {
		i := f.ecmp
		if i < 0 || i >= len(nh.members) {
			i = ecmpIndexOf(p, len(nh.members))
		}
		nh, label = nh.members[i], nh.labels[i]
	}
	switch nh.kind {
	case nhInterface:
		return a.deliverLocked(nh.itf)
	case nhReceive:
		return step{kind: stepHost}
	case nhTunnel:
		if label < 0 {
			dp.drops.DsInvalidLabel++
			return dropStep("the tunnel path has no label", "ds_invalid_label")
		}
		return step{kind: stepTunnel, dip: nh.dip, label: label}
	}
	dp.drops.DsDiscard++
	return dropStep(fmt.Sprintf("next hop %d (%s) drops the packet", nh.index, nhTypeNames[nh.kind]), "ds_discard")
}

// deliverLocked hands a packet to a local VM interface.
func (a *Agent) deliverLocked(it *iface) step {
	if a.t.itfByName[it.name] != it {
		a.t.dp.drops.DsInterfaceTxDiscard++
		return dropStep("interface "+it.name+" was removed", "ds_interface_tx_discard")
	}
	return step{kind: stepDeliver, itf: it}
}

// ingressLocked handles a packet that arrived from the vRouter at from
// with MPLS label label: the kernel's label, then the flow of the
// interface it lands on.
func (a *Agent) ingressLocked(label int32, from netip.Addr, p *Packet) step {
	dp := &a.t.dp
	nh := a.t.labels[label]
	if nh == nil {
		dp.drops.DsInvalidLabel++
		return dropStep(fmt.Sprintf("label %d is not in the kernel of %s", label, a.cfg.Address), "ds_invalid_label")
	}
	if nh.kind != nhInterface {
		dp.drops.DsInvalidNh++
		return dropStep(fmt.Sprintf("label %d points to a %s next hop", label, nhTypeNames[nh.kind]), "ds_invalid_nh")
	}
	out := nh.itf
	if _, s, ok := a.flowLocked(out, p, func() *flow { return a.newIngressFlowsLocked(out, from, p) }); !ok {
		return s
	}
	return a.deliverLocked(out)
}

// flowLocked finds the flow of p keyed on interface it's next hop, or
// makes it (with newFlow) when the table has room, and counts the packet. ok
// is false when the packet is dropped (no room, or the flow drops): s
// says how.
func (a *Agent) flowLocked(it *iface, p *Packet, newFlow func() *flow) (f *flow, s step, ok bool) {
	dp := &a.t.dp
	a.revalLocked()
	f = dp.flows[keyOf(it.nh.index, p)]
	if f == nil {
		if dp.full() {
			dp.drops.DsFlowTableFull++
			return nil, dropStep(fmt.Sprintf("flow table full (%d of %d flows)", len(dp.flows), dp.capacity()), "ds_flow_table_full"), false
		}
		f = newFlow()
	}
	f.count(p)
	if f.drop {
		dp.drops.DsFlowActionDrop++
		return f, dropStep(f.reason, "ds_flow_action_drop"), false
	}
	return f, step{}, true
}

// ecmpIndexOf picks an ECMP member by the 5-tuple hash.
func ecmpIndexOf(p *Packet, n int) int {
	h := fnv.New32a()
	h.Write(p.Src.AsSlice())
	h.Write(p.Dst.AsSlice())
	h.Write([]byte{p.Proto, byte(p.Sport >> 8), byte(p.Sport), byte(p.Dport >> 8), byte(p.Dport)})
	return int(h.Sum32() % uint32(n))
}

// agentLPM is the agent's longest match for addr in v.
func (v *vrf) lpm(addr netip.Addr, skip func(netip.Prefix) bool) *route {
	for bits := addr.BitLen(); bits >= 0; bits-- {
		pfx, _ := addr.Prefix(bits)
		if v.hasRoute(pfx) && (skip == nil || !skip(pfx)) {
			return v.route(pfx)
		}
	}
	return nil
}
