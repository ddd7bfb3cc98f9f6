package agent

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// The flow table: the agent's flows (FetchFlowRecord, FetchAllFlowRecords)
// and the same entries as the kernel holds them (KFlowReq), with their
// kernel index. A flow is made by the first packet of a 5-tuple (with its
// reverse flow) from the agent's routes and ACLs, as the agent's flow
// handler does; later packets only count.

// Flow table sizes of a default vRouter: 512K entries hashed into 524288
// buckets (the kernel flow index).
const (
	defaultFlowCapacity = 512000
	flowIndexSpace      = 524288
	flowsPerAnswer      = 100 // kMaxFlowResponse, KState::kMaxEntriesPerResponse
)

// flowKey is the agent's FlowKey: the key next hop and the 5-tuple.
type flowKey struct {
	nh           int32
	src, dst     netip.Addr
	proto        uint8
	sport, dport uint16
}

func keyOf(nh int32, p *Packet) flowKey {
	return flowKey{nh: nh, src: p.Src, dst: p.Dst, proto: p.Proto, sport: p.Sport, dport: p.Dport}
}

// compare orders keys like the agent's flow map (FlowKey::IsLess: next
// hop, addresses, protocol, ports).
func (k flowKey) compare(o flowKey) int {
	return cmp.Or(cmp.Compare(k.nh, o.nh), k.src.Compare(o.src), k.dst.Compare(o.dst), cmp.Compare(k.proto, o.proto),
		cmp.Compare(k.sport, o.sport), cmp.Compare(k.dport, o.dport))
}

// flow is one flow entry.
type flow struct {
	key      flowKey
	index    int32 // kernel flow index
	reverse  *flow
	rev      bool // this is the reverse flow of a pair
	vrf      int32
	dir      string // "ingress" (from a VM) or "egress" (towards a VM)
	local    bool   // both ends on this vRouter
	srcVN    []string
	dstVN    []string
	policy   aclVerdict
	outPol   aclVerdict
	sg       aclVerdict
	outSG    aclVerdict
	short    string // short-flow reason; "" = not short
	drop     bool
	reason   string // drop reason (agent text)
	ecmp     int    // ECMP member; -1 none
	peer     string // tunnel peer vRouter address
	tunnel   string // tunnel type; "NONE" for local flows
	vmi      string // uuid of the VM interface
	rpfNH    int32
	uuid     string
	pkts     int64
	bytes    int64
	setup    time.Time
	tcpFlags string

	// What the flow is evaluated from: a VM interface (in) or the fabric
	// towards one (out, from); the local destination of an in flow.
	in, out, dest *iface
	from          netip.Addr
	gen           uint64 // tables.gen it was evaluated at
}

func (f *flow) count(p *Packet) {
	f.pkts++
	f.bytes += p.size()
}

// datapath is the per-agent datapath state (reset when the agent starts).
type datapath struct {
	flows    map[flowKey]*flow
	byIndex  map[int32]*flow
	maxFlows int // 0 = defaultFlowCapacity
	added    uint64
	deleted  uint64
	seq      uint64
	drops    schema.KDropStatsResp
	gen      uint64 // tables.gen the flows were last evaluated at
	// kernelMissing are routes the agent has and the kernel lacks
	// (FaultKernelRoute), by VRF name.
	kernelMissing map[string]map[netip.Prefix]bool
}

func (d *datapath) capacity() int {
	if d.maxFlows > 0 {
		return d.maxFlows
	}
	return defaultFlowCapacity
}

func (d *datapath) full() bool { return len(d.flows) >= d.capacity() }

// add puts f in the table with a free kernel index near the hash of its
// key.
func (d *datapath) add(f *flow) {
	if d.flows == nil {
		d.flows, d.byIndex = map[flowKey]*flow{}, map[int32]*flow{}
	}
	h := fnv.New32a()
	h.Write(f.key.src.AsSlice())
	h.Write(f.key.dst.AsSlice())
	h.Write([]byte{f.key.proto, byte(f.key.sport >> 8), byte(f.key.sport), byte(f.key.dport >> 8), byte(f.key.dport), byte(f.key.nh)})
	idx := int32(h.Sum32() % flowIndexSpace)
	for d.byIndex[idx] != nil {
		idx = (idx + 1) % flowIndexSpace
	}
	f.index = idx
	d.seq++
	f.uuid = fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", h.Sum32(), d.seq&0xffff, (d.seq>>16)&0xfff, idx&0xfff, d.seq)
	d.flows[f.key] = f
	d.byIndex[idx] = f
	d.added++
}

// dropInterface deletes the flows of a VM interface being removed, as the
// agent deletes a deleted VMI's flows: kept, they would hold the interface
// and, once its NH id is reused, match another interface's packets.
func (d *datapath) dropInterface(it *iface) {
	for _, f := range d.flows {
		if f.in == it || f.out == it || f.dest == it {
			d.drop(f)
			if f.reverse != nil {
				d.drop(f.reverse)
			}
		}
	}
}

// drop deletes f (if still in the table).
func (d *datapath) drop(f *flow) {
	if d.flows[f.key] != f {
		return
	}
	delete(d.flows, f.key)
	delete(d.byIndex, f.index)
	d.deleted++
}

// clear empties the table.
func (d *datapath) clear() {
	d.deleted += uint64(len(d.flows))
	d.flows, d.byIndex = nil, nil
}

// sorted returns the flows in the agent's map order.
func (d *datapath) sorted() []*flow {
	out := make([]*flow, 0, len(d.flows))
	for _, f := range d.flows {
		out = append(out, f)
	}
	slices.SortFunc(out, func(x, y *flow) int { return x.key.compare(y.key) })
	return out
}

// newEgressFlowsLocked makes the flow of a packet from the VM interface
// in, and its reverse flow.
func (a *Agent) newEgressFlowsLocked(in *iface, p *Packet) *flow {
	f := &flow{key: keyOf(in.nh.index, p), in: in, setup: time.Now()}
	a.evalLocked(f)
	a.addPairLocked(f)
	return f
}

// newIngressFlowsLocked makes the flow of a packet that arrived from the
// vRouter at from for the local interface out, and its reverse flow.
func (a *Agent) newIngressFlowsLocked(out *iface, from netip.Addr, p *Packet) *flow {
	f := &flow{key: keyOf(out.nh.index, p), out: out, from: from, setup: time.Now()}
	a.evalLocked(f)
	a.addPairLocked(f)
	return f
}

// evalLocked sets what a (forward) flow does from the agent's routes and
// ACLs, as the agent's flow handler does. A flow from a VM interface
// (f.in): the route to the destination, the source network's policy and
// the interface's egress security groups, and for a destination on this
// vRouter that interface's policy and ingress security groups (out_policy,
// out_sg). A flow from the fabric to a local interface (f.out): the route
// back to the source, the interface's policy and ingress security groups.
func (a *Agent) evalLocked(f *flow) {
	p := &Packet{Src: f.key.src, Dst: f.key.dst, Proto: f.key.proto, Sport: f.key.sport, Dport: f.key.dport}
	f.short, f.policy, f.outPol, f.sg, f.outSG = "", aclVerdict{}, aclVerdict{}, aclVerdict{}, aclVerdict{}
	f.ecmp, f.peer, f.tunnel, f.local, f.dest = -1, "", "NONE", false, nil
	f.gen = a.t.gen
	if f.in != nil {
		in := f.in
		v := a.t.vrfByName[in.vrf]
		f.vrf, f.dir, f.srcVN, f.vmi, f.rpfNH = v.id, "ingress", []string{in.cfg.Network}, in.cfg.UUID, in.nh.index
		if in.inactive != nil { // the agent has no usable interface for the flow
			f.dstVN, f.short = []string{}, "Short flow Interface unavialable"
			a.decide(f)
			return
		}
		r := v.lpm(p.Dst, nil)
		if r == nil {
			f.dstVN, f.short = []string{}, "Short flow No Destination route"
			a.decide(f)
			return
		}
		pa := &r.paths[0]
		f.dstVN = pa.destVN
		nh := pa.nh
		if nh.kind == nhComposite {
			f.ecmp = ecmpIndexOf(p, len(nh.members))
			nh = nh.members[f.ecmp]
		}
		switch nh.kind {
		case nhInterface:
			f.dest, f.local = nh.itf, true
			if nh.itf.inactive != nil {
				f.short = "Short flow Interface unavialable"
				a.decide(f)
				return
			}
		case nhTunnel:
			f.peer, f.tunnel = nh.dip.String(), nh.tunnelType()
		}
		f.policy = evalPolicy(a.networkACL(in.cfg.Network), p, in.cfg.Network, first(f.dstVN))
		f.sg = evalSGs(a.sgsOf(in.cfg), false, p, p.Dst)
		if f.dest != nil {
			f.outPol = evalPolicy(a.networkACL(f.dest.cfg.Network), p, in.cfg.Network, f.dest.cfg.Network)
			f.outSG = evalSGs(a.sgsOf(f.dest.cfg), true, p, p.Src)
		}
		a.decide(f)
		return
	}
	out := f.out
	v := a.t.vrfByName[out.vrf]
	f.vrf, f.dir, f.dstVN, f.vmi, f.peer, f.tunnel = v.id, "egress", []string{out.cfg.Network}, out.cfg.UUID, f.from.String(), "MPLSoUDP"
	if out.inactive != nil {
		f.srcVN, f.short = []string{}, "Short flow Interface unavialable"
		a.decide(f)
		return
	}
	r := v.lpm(p.Src, nil)
	if r == nil {
		f.srcVN, f.short = []string{}, "Short flow No Source route"
		a.decide(f)
		return
	}
	pa := &r.paths[0]
	f.srcVN, f.rpfNH = pa.destVN, pa.nh.index
	if pa.nh.kind == nhTunnel {
		f.tunnel = pa.nh.tunnelType()
	}
	f.policy = evalPolicy(a.networkACL(out.cfg.Network), p, first(f.srcVN), out.cfg.Network)
	f.sg = evalSGs(a.sgsOf(out.cfg), true, p, p.Src)
	a.decide(f)
}

// revalLocked evaluates every flow again after a route or ACL change
// (the agent's flow revaluation), keeping indexes and counters.
func (a *Agent) revalLocked() {
	dp := &a.t.dp
	if dp.gen == a.t.gen {
		return
	}
	dp.gen = a.t.gen
	for _, f := range dp.flows {
		if f.rev || (f.in == nil && f.out == nil) {
			continue
		}
		if (f.in != nil && a.t.itfByName[f.in.name] != f.in) || (f.out != nil && a.t.itfByName[f.out.name] != f.out) {
			continue // its interface is gone: the flow stays as it was
		}
		a.evalLocked(f)
		if f.reverse != nil {
			f.reverse.mirror(f)
		}
	}
}

func first(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

// decide sets the flow's action from its stages, in the agent's order.
func (a *Agent) decide(f *flow) {
	f.reason = ""
	switch {
	case f.short != "":
		f.reason = f.short
	case f.policy.deny:
		f.reason = "Flow drop Policy"
	case f.outPol.deny:
		f.reason = "Flow drop Out Policy"
	case f.sg.deny:
		f.reason = "Flow drop SG"
	case f.outSG.deny:
		f.reason = "Flow drop OUT SG"
	}
	f.drop = f.reason != ""
	if f.key.proto == 6 {
		f.tcpFlags = " SYN "
	}
}

// addPairLocked adds f and its reverse flow: keyed on the destination
// interface for a local flow, else on the same interface as f.
func (a *Agent) addPairLocked(f *flow) {
	k := f.key
	r := &flow{key: flowKey{nh: k.nh, src: k.dst, dst: k.src, proto: k.proto, sport: k.dport, dport: k.sport}, rev: true,
		setup: f.setup, reverse: f}
	if f.dest != nil {
		r.key.nh = f.dest.nh.index
	}
	r.mirror(f)
	f.reverse = r
	dp := &a.t.dp
	dp.add(f)
	if dp.flows[r.key] == nil {
		dp.add(r)
	}
}

// mirror sets reverse flow r from its forward flow f: the same decision
// (stateful), ends swapped.
func (r *flow) mirror(f *flow) {
	r.vrf, r.local, r.policy, r.outPol, r.sg, r.outSG = f.vrf, f.local, f.policy, f.outPol, f.sg, f.outSG
	r.short, r.drop, r.reason, r.ecmp, r.peer, r.tunnel, r.gen = f.short, f.drop, f.reason, f.ecmp, f.peer, f.tunnel, f.gen
	r.srcVN, r.dstVN, r.vmi, r.rpfNH = f.dstVN, f.srcVN, f.vmi, f.rpfNH
	if f.dir == "ingress" {
		r.dir = "egress"
	} else {
		r.dir = "ingress"
	}
	if f.dest != nil {
		r.dir, r.vmi, r.rpfNH = "ingress", f.dest.cfg.UUID, f.dest.nh.index
	}
	if f.key.proto == 6 {
		r.tcpFlags = " SYN_R "
	}
}

// --- introspect: FetchFlowRecord, FetchAllFlowRecords, NextFlowRecordsSet ---

func (a *Agent) fetchFlowReq(r *schema.FetchFlowRecord) []any {
	src, err1 := netip.ParseAddr(r.Sip)
	dst, err2 := netip.ParseAddr(r.Dip)
	if err1 != nil || err2 != nil {
		return []any{&schema.FlowErrorResp{Resp: schema.FlowErrorRespDefault}}
	}
	k := flowKey{nh: r.NH, src: src, dst: dst, proto: uint8(r.Protocol), sport: uint16(r.SrcPort), dport: uint16(r.DstPort)}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.revalLocked()
	f := a.t.dp.flows[k]
	if f == nil {
		return []any{&schema.FlowErrorResp{Resp: schema.FlowErrorRespDefault}}
	}
	return []any{&schema.FlowRecordResp{Record: a.flowData(f)}}
}

// flowRecordsReq answers FetchAllFlowRecords (after = "") and
// NextFlowRecordsSet: the next flowsPerAnswer flows after the key.
func (a *Agent) flowRecordsReq(after string) []any {
	var from flowKey
	if after != "" && after != schema.FlowRecordsStartKey {
		k, ok := parseFlowKey(after)
		if !ok {
			return []any{&schema.FlowErrorResp{Resp: schema.FlowErrorRespDefault}}
		}
		from = k
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.revalLocked()
	all := a.t.dp.sorted()
	i := 0
	if after != "" && after != schema.FlowRecordsStartKey {
		i, _ = slices.BinarySearchFunc(all, from, func(f *flow, k flowKey) int {
			if f.key.compare(k) <= 0 {
				return -1
			}
			return 1
		})
	}
	resp := &schema.FlowRecordsResp{FlowList: []schema.SandeshFlowData{}, FlowKey: schema.FlowRecordsStartKey}
	for ; i < len(all) && len(resp.FlowList) < flowsPerAnswer; i++ {
		resp.FlowList = append(resp.FlowList, a.flowData(all[i]))
	}
	if len(resp.FlowList) == flowsPerAnswer && i < len(all) {
		resp.FlowKey = flowKeyText(all[i-1].key)
	}
	return []any{resp}
}

// flowKeyText writes a key like PktSandeshFlow::GetFlowKey
// (partition-nh-sport-dport-proto-sip-dip).
func flowKeyText(k flowKey) string {
	return fmt.Sprintf("0-%d-%d-%d-%d-%s-%s", k.nh, k.sport, k.dport, k.proto, k.src, k.dst)
}

func parseFlowKey(s string) (flowKey, bool) {
	var part, nh, sport, dport, proto int
	var sip, dip string
	// The addresses hold no '-': split on it.
	f := strings.SplitN(s, "-", 7)
	if len(f) != 7 {
		return flowKey{}, false
	}
	for i, dst := range []*int{&part, &nh, &sport, &dport, &proto} {
		if _, err := fmt.Sscan(f[i], dst); err != nil {
			return flowKey{}, false
		}
	}
	sip, dip = f[5], f[6]
	src, err1 := netip.ParseAddr(sip)
	dst, err2 := netip.ParseAddr(dip)
	if err1 != nil || err2 != nil {
		return flowKey{}, false
	}
	return flowKey{nh: int32(nh), src: src, dst: dst, proto: uint8(proto), sport: uint16(sport), dport: uint16(dport)}, true
}

func strp(s string) *string { return &s }

// flowData renders f as the agent's SandeshFlowData.
func (a *Agent) flowData(f *flow) schema.SandeshFlowData {
	k := f.key
	action := int32(schema.FlowActionPass)
	if f.drop {
		action = schema.FlowActionDeny
	}
	implicit := "no"
	if f.sg.implicit && f.sg.deny || f.outSG.implicit && f.outSG.deny || f.policy.implicit && f.policy.deny || f.outPol.implicit && f.outPol.deny {
		implicit = "yes"
	}
	short := "no"
	if f.short != "" {
		short = "yes (" + f.short + ")"
	}
	d := schema.SandeshFlowData{
		FlowHandle: f.index, NH: k.nh, Sip: k.src.String(), Dip: k.dst.String(), SrcPort: int32(k.sport), DstPort: int32(k.dport),
		Protocol: uint16(k.proto), Vrf: f.vrf, DestVrf: int16(f.vrf), Action: action, MirrorL: []schema.MirrorInfo{},
		Direction: f.dir, StatsBytes: f.bytes, StatsPackets: f.pkts, UUID: f.uuid, Nat: "disabled",
		ImplicitDeny: implicit, ShortFlow: short, LocalFlow: yesNo(f.local), SrcVnList: nonNil(f.srcVN), DstVnList: nonNil(f.dstVN),
		SrcVnMatch: strp(first(f.srcVN)), DstVnMatch: strp(first(f.dstVN)), ReverseFlow: yesNo(f.rev),
		Policy: f.policy.info(), OutPolicy: f.outPol.info(), Sg: f.sg.info(), OutSg: f.outSG.info(),
		Mirror: emptyACLInfo(), OutMirror: emptyACLInfo(), ActionStr: actionStrs(action),
		SgActionSummary: actionStrs(f.sgSummary()), ReverseSg: emptyACLInfo(), ReverseOutSg: emptyACLInfo(),
		VrfAssignACL: emptyACLInfo(), FwaasPolicySet: emptyACLInfo(), FwaasOutPolicySet: emptyACLInfo(),
		FwaasReversePolicySet: emptyACLInfo(), FwaasReverseOutPolicySet: emptyACLInfo(), FwaasActionSummary: []schema.ActionStr{},
		PolicySet: emptyACLInfo(), OutPolicySet: emptyACLInfo(), ReversePolicySet: emptyACLInfo(), ReverseOutPolicySet: emptyACLInfo(),
		ApsActionSummary: []schema.ActionStr{}, Fip: "0.0.0.0", FipVMInterfaceIdx: 0xffffffff,
		SgRuleUUID: strp(f.ruleOf(f.sg, f.outSG)), NwAceUUID: strp(f.ruleOf(f.policy, f.outPol)), RpfNh: f.rpfNH,
		DropReason: f.reason, PeerVrouter: strp(f.peer), TunnelType: strp(f.tunnel), EnableRpf: true, L3Flow: true,
		FlowIndexInfo: schema.SandeshFlowIndexInfo{FlowIndexTrace: []schema.SandeshFlowIndexTrace{}},
		InetRtKeys:    []schema.SandeshInetRouteFlowMgmtEntryLink{}, LocalTagList: []uint64{}, RemoteTagList: []uint64{},
		RemotePrefix: strp(""), VMI: strp(f.vmi), UnderlayGwIndex: -1,
	}
	if f.ecmp >= 0 {
		e := uint16(f.ecmp)
		d.EcmpIndex = &e
	}
	return d
}

// sgSummary is the flow's security group action summary.
func (f *flow) sgSummary() int32 {
	if f.sg.deny || f.outSG.deny {
		return schema.FlowActionDeny
	}
	if f.sg.evaluated || f.outSG.evaluated {
		return schema.FlowActionPass
	}
	return 0
}

// ruleOf is the uuid of the rule that decided among two ACL stages: the
// deny if one denied, else the first evaluated; the nil uuid when neither
// ran (NOT_EVALUATED).
func (f *flow) ruleOf(x, y aclVerdict) string {
	switch {
	case x.deny:
		return x.rule
	case y.deny:
		return y.rule
	case x.evaluated:
		return x.rule
	case y.evaluated:
		return y.rule
	}
	return zeroUUID
}

func emptyACLInfo() schema.FlowAclInfo {
	return schema.FlowAclInfo{ACL: []schema.FlowAclUuid{}, ActionStr: []schema.ActionStr{}}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// --- introspect: KFlowReq, NextKFlowReq ---

// kFlowReq answers KFlowReq for one index, or the dump from index from on
// (NextKFlowReq): flowsPerAnswer entries and the next index as the
// flow_handle ("0" at the end).
func (a *Agent) kFlowReq(idx int32, from int64, evicted bool) []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.revalLocked()
	dp := &a.t.dp
	if idx >= 0 {
		f := dp.byIndex[idx]
		if f == nil {
			return []any{&schema.ErrResp{Resp: schema.ErrRespDefault}}
		}
		return []any{&schema.KFlowResp{FlowList: []schema.KFlowInfo{kflowData(f)}}}
	}
	idxs := make([]int32, 0, len(dp.byIndex))
	for i := range dp.byIndex {
		if int64(i) >= from {
			idxs = append(idxs, i)
		}
	}
	slices.Sort(idxs)
	handle := func(next int64) string {
		if evicted {
			return fmt.Sprintf("%d evicted_set", next)
		}
		return fmt.Sprint(next)
	}
	resp := &schema.KFlowResp{FlowList: []schema.KFlowInfo{}, FlowHandle: handle(0)}
	for i, x := range idxs {
		if i == flowsPerAnswer {
			break
		}
		resp.FlowList = append(resp.FlowList, kflowData(dp.byIndex[x]))
		if i == flowsPerAnswer-1 && int64(x)+1 < flowIndexSpace {
			resp.FlowHandle = handle(int64(x) + 1)
		}
	}
	if len(idxs) <= flowsPerAnswer {
		resp.FlowHandle = handle(0)
	}
	return []any{resp}
}

// kernelDropCodes are the kernel's short drop codes of the agent's drop
// reasons (kstate/flow_kstate.cc DropCodeToStr).
var kernelDropCodes = map[string]string{
	"Short flow Interface unavialable": "IntfErr", "Short flow VRF unavailable": "VrfErr",
	"Short flow No Source route": "NoSrcRt", "Short flow No Destination route": "NoDstRt",
	"Short flow Flow Limit Reached": "FlowLim", "Flow drop Policy": "Policy", "Flow drop Out Policy": "OutPolicy",
	"Flow drop SG": "SG", "Flow drop OUT SG": "OutSG", "Flow drop REVERSE SG": "RevSG",
}

// kflowData renders f as the kernel's KFlowInfo.
func kflowData(f *flow) schema.KFlowInfo {
	k := f.key
	d := schema.KFlowInfo{Index: f.index, Rflow: -1, Sip: k.src.String(), Sport: int32(k.sport), Dip: k.dst.String(),
		Dport: int32(k.dport), Proto: int8(k.proto), VrfID: int16(f.vrf), Action: "FORWARD", Flags: " ACTIVE ",
		DVrfID: int16(f.vrf), Bytes: int32(f.bytes), Pkts: int32(f.pkts), Nhid: k.nh, QosID: -1, UnderlayGwIndex: -1}
	if f.reverse != nil {
		d.Rflow = f.reverse.index
		d.Flags += "|" + " RFLOW_VALID "
	}
	if f.tunnel == "MPLSoUDP" {
		d.UnderlayUDPSport = uint16(49152 + f.index%16384)
	}
	if f.drop {
		d.Action = "DROP"
		d.DropReason = kernelDropCodes[f.reason]
		if d.DropReason == "" {
			d.DropReason = "Unknown"
		}
	}
	if f.ecmp >= 0 {
		e := int16(f.ecmp)
		d.EcmpIndex = &e
	}
	if k.proto == 6 {
		d.TCPFlags = strp(f.tcpFlags)
	}
	return d
}

// --- introspect: SandeshFlowTableInfoRequest ---

func (a *Agent) flowTableInfoReq() []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	dp := &a.t.dp
	n := uint64(len(dp.flows))
	return []any{&schema.SandeshFlowTableInfoResp{FlowCount: n, TotalAdded: dp.added, TotalDeleted: dp.deleted,
		MaxFlows: uint64(dp.capacity()), TableList: []schema.SandeshFlowTableInfo{
			{Index: 0, Count: uint32(n), TotalAdd: dp.added, TotalDel: dp.deleted, FreelistCount: uint64(dp.capacity()) - n}}}}
}

// flowStats is AgentStatsReq's FlowStatsResp: flows in the table, made
// and removed since start, packets dropped for want of room, and the
// table's size.
func (a *Agent) flowStats() *schema.FlowStatsResp {
	a.mu.Lock()
	defer a.mu.Unlock()
	dp := &a.t.dp
	return &schema.FlowStatsResp{FlowActive: uint64(len(dp.flows)), FlowCreated: dp.added, FlowAged: dp.deleted,
		FlowDropDueToMaxLimit: dp.drops.DsFlowTableFull, FlowMaxSystemFlows: uint32(dp.capacity())}
}
