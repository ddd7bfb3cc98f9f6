package agent

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
)

// Security groups and network policies: the ACLs the simulated datapath
// evaluates when it creates a flow (flows.go), and what SgListReq and
// AclReq serve. Contrail keeps one ACL per network (the rules of every
// policy attached to it, in order) and two per security group (ingress,
// egress); a flow records the ACL uuids that matched and the uuid of the
// rule that decided (nw_ace_uuid, sg_rule_uuid).

// SecurityGroup is one security group some interface of the agent uses.
type SecurityGroup struct {
	Name    string // fq name, e.g. default-domain:k8s-default:default
	UUID    string
	ID      uint32 // sg_id, carried in routes
	Ingress ACL    // rules for traffic towards the interface
	Egress  ACL    // rules for traffic from the interface
}

// ACL is an access control list: rules evaluated in order, the first
// match decides.
type ACL struct {
	UUID  string
	Name  string
	Rules []Rule
}

// Rule is one ACL entry. Security group rules name the other end by
// address (Remote); network policy rules by network (SrcVN, DstVN). Zero
// values mean "any".
type Rule struct {
	UUID     string
	Action   string       // "pass" (default) or "deny"
	Protocol int          // IP protocol number; 0 = any
	Remote   netip.Prefix // security groups: the other end; invalid = any
	SrcVN    string       // policies: source network fq name; "" = any
	DstVN    string       // policies: destination network fq name
	SrcPorts PortRange
	DstPorts PortRange
}

// PortRange is an inclusive port range; the zero value is any port.
type PortRange struct{ Min, Max uint16 }

func (r PortRange) any() bool { return r.Min == 0 && r.Max == 0 }

func (r PortRange) has(p uint16) bool { return r.any() || (p >= r.Min && p <= r.Max) }

// Reserved rule uuids the agent reports when no configured rule decided
// (pkt/flow_entry.cc FlowPolicyStateStr).
const (
	ImplicitAllowUUID = "00000000-0000-0000-0000-000000000001"
	ImplicitDenyUUID  = "00000000-0000-0000-0000-000000000002"
)

// aclVerdict is the outcome of one ACL stage of a flow.
type aclVerdict struct {
	evaluated bool
	deny      bool
	implicit  bool     // no rule matched
	acls      []string // uuids of the ACLs consulted
	rule      string   // uuid of the deciding rule
}

// actionBits is the FlowAclInfo action of v.
func (v aclVerdict) actionBits() int32 {
	switch {
	case !v.evaluated:
		return 0
	case v.deny && v.implicit:
		return schema.FlowActionDeny | schema.FlowActionImplicitDeny
	case v.deny:
		return schema.FlowActionDeny
	}
	return schema.FlowActionPass
}

// info renders v as a flow's FlowAclInfo.
func (v aclVerdict) info() schema.FlowAclInfo {
	fi := schema.FlowAclInfo{Action: v.actionBits(), ACL: []schema.FlowAclUuid{}, ActionStr: []schema.ActionStr{}}
	for _, u := range v.acls {
		fi.ACL = append(fi.ACL, schema.FlowAclUuid{UUID: u})
		fi.ActionStr = append(fi.ActionStr, actionStrs(v.actionBits())...)
	}
	return fi
}

// actionStrs spells action bits as the agent does (SetActionStr: one
// entry per bit, lowest first).
func actionStrs(bits int32) []schema.ActionStr {
	out := []schema.ActionStr{}
	for i := 0; i < 32; i++ {
		if bits&(1<<i) == 0 {
			continue
		}
		name := "unknown"
		switch i {
		case 3:
			name = "deny"
		case 5:
			name = "pass"
		case 29:
			name = "implicit deny"
		}
		out = append(out, schema.ActionStr{Action: name})
	}
	return out
}

// ruleMatches says whether r matches a packet whose other end is peer
// (security groups) or that goes from srcVN to dstVN (policies).
func ruleMatches(r *Rule, p *Packet, peer netip.Addr, srcVN, dstVN string) bool {
	if r.Protocol != 0 && r.Protocol != int(p.Proto) {
		return false
	}
	if r.Remote.IsValid() && (!peer.IsValid() || !r.Remote.Contains(peer)) {
		return false
	}
	if (r.SrcVN != "" && r.SrcVN != srcVN) || (r.DstVN != "" && r.DstVN != dstVN) {
		return false
	}
	return r.SrcPorts.has(p.Sport) && r.DstPorts.has(p.Dport)
}

// evalPolicy runs a network's ACL on a packet from srcVN to dstVN.
// Traffic inside one network that no rule matches passes (the implicit
// intra-network rule); across networks it is denied.
func evalPolicy(acl *ACL, p *Packet, srcVN, dstVN string) aclVerdict {
	if acl == nil {
		return aclVerdict{}
	}
	v := aclVerdict{evaluated: true, acls: []string{acl.UUID}}
	for i := range acl.Rules {
		r := &acl.Rules[i]
		if ruleMatches(r, p, netip.Addr{}, srcVN, dstVN) {
			v.deny, v.rule = r.Action == "deny", r.UUID
			return v
		}
	}
	v.implicit = true
	if srcVN == dstVN {
		v.rule = ImplicitAllowUUID
		return v
	}
	v.deny, v.rule = true, ImplicitDenyUUID
	return v
}

// evalSGs runs the ingress (toward the interface) or egress rules of an
// interface's security groups; peer is the other end's address. No
// security group means no SG stage. A deny rule (a refnode extension: the
// API only has allow rules) wins over any pass; no matching rule denies.
func evalSGs(sgs []*SecurityGroup, ingress bool, p *Packet, peer netip.Addr) aclVerdict {
	if len(sgs) == 0 {
		return aclVerdict{}
	}
	v := aclVerdict{evaluated: true}
	pass := ""
	for _, sg := range sgs {
		acl := &sg.Egress
		if ingress {
			acl = &sg.Ingress
		}
		v.acls = append(v.acls, acl.UUID)
		for i := range acl.Rules {
			r := &acl.Rules[i]
			if !ruleMatches(r, p, peer, "", "") {
				continue
			}
			if r.Action == "deny" {
				v.deny, v.rule = true, r.UUID
				return v
			}
			if pass == "" {
				pass = r.UUID
			}
		}
	}
	if pass != "" {
		v.rule = pass
		return v
	}
	v.deny, v.implicit, v.rule = true, true, ImplicitDenyUUID
	return v
}

// sgIDsOf is an interface's sg_id list: its SGIDs, else the ids of its
// security groups.
func sgIDsOf(sgs []SecurityGroup, c *Interface) []uint32 {
	if len(c.SGIDs) > 0 {
		return c.SGIDs
	}
	var out []uint32
	for _, u := range c.SecurityGroups {
		for _, sg := range sgs {
			if sg.UUID == u {
				out = append(out, sg.ID)
			}
		}
	}
	return out
}

func (a *Agent) sgIDs(c *Interface) []uint32 { return sgIDsOf(a.cfg.SecurityGroups, c) }

// sgsOf returns the security groups of an interface config.
func (a *Agent) sgsOf(c *Interface) []*SecurityGroup {
	if c == nil {
		return nil
	}
	var out []*SecurityGroup
	for _, u := range c.SecurityGroups {
		if sg := a.sgByUUID(u); sg != nil {
			out = append(out, sg)
		}
	}
	return out
}

func (a *Agent) sgByUUID(u string) *SecurityGroup {
	for i := range a.cfg.SecurityGroups {
		if a.cfg.SecurityGroups[i].UUID == u {
			return &a.cfg.SecurityGroups[i]
		}
	}
	return nil
}

// networkACL returns the policy ACL of the network vn (fq name), or nil.
func (a *Agent) networkACL(vn string) *ACL {
	for i := range a.cfg.Networks {
		if n := &a.cfg.Networks[i]; n.FQName == vn && n.Policy != nil {
			return n.Policy
		}
	}
	return nil
}

// --- SgListReq, AclReq ---

func (a *Agent) sgListing(name string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	refs := map[string]int32{}
	for _, it := range a.t.itfs {
		if it.cfg != nil {
			for _, u := range it.cfg.SecurityGroups {
				refs[u]++
			}
		}
	}
	sgs := slices.Clone(a.cfg.SecurityGroups)
	slices.SortFunc(sgs, func(x, y SecurityGroup) int { return strings.Compare(x.UUID, y.UUID) })
	var rows []schema.SgSandeshData
	for _, sg := range sgs {
		if !match(name, sg.UUID, false) {
			continue
		}
		rows = append(rows, schema.SgSandeshData{RefCount: refs[sg.UUID], SgID: int32(sg.ID), SgUUID: sg.UUID,
			ACLUUID: sg.Egress.UUID, EgressACLUUID: sg.Egress.UUID, IngressACLUUID: sg.Ingress.UUID})
	}
	return listing{table: "db.sg.0", filters: []filter{{"name", name}}, size: len(sgs), n: len(rows),
		part: func(lo, hi int) any { return &schema.SgListResp{SgList: slices.Clip(rows[lo:hi])} }}
}

// aclEntry describes one ACL (its owner tells how rules name the ends).
type aclEntry struct {
	acl     *ACL
	sg      bool // a security group's ACL
	ingress bool
}

func (a *Agent) aclListing(uuid string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	var all []aclEntry
	for i := range a.cfg.Networks {
		if n := &a.cfg.Networks[i]; n.Policy != nil {
			all = append(all, aclEntry{acl: n.Policy})
		}
	}
	for i := range a.cfg.SecurityGroups {
		sg := &a.cfg.SecurityGroups[i]
		all = append(all, aclEntry{acl: &sg.Ingress, sg: true, ingress: true}, aclEntry{acl: &sg.Egress, sg: true})
	}
	slices.SortFunc(all, func(x, y aclEntry) int { return strings.Compare(x.acl.UUID, y.acl.UUID) })
	var rows []schema.AclSandeshData
	for _, e := range all {
		if !match(uuid, e.acl.UUID, true) {
			continue
		}
		d := schema.AclSandeshData{UUID: e.acl.UUID, Name: e.acl.Name, Entries: []schema.AclEntrySandeshData{}}
		for i := range e.acl.Rules {
			d.Entries = append(d.Entries, aceData(&e.acl.Rules[i], i+1, e))
		}
		rows = append(rows, d)
	}
	return listing{table: "db.acl.0", filters: []filter{{"name", uuid}}, size: len(all), n: len(rows),
		part: func(lo, hi int) any { return &schema.AclResp{ACLList: slices.Clip(rows[lo:hi])} }}
}

// aceData renders one rule as the agent's AclEntrySandeshData.
func aceData(r *Rule, id int, e aclEntry) schema.AclEntrySandeshData {
	any4 := "0.0.0.0 0.0.0.0"
	d := schema.AclEntrySandeshData{AceID: strconv.Itoa(id), RuleType: "Terminal", UUID: r.UUID, EtherType: "IPv4",
		SrcPortL: portRange(r.SrcPorts), DstPortL: portRange(r.DstPorts), ProtoL: protoRange(r.Protocol),
		ActionL: []schema.ActionStr{{Action: ruleAction(r)}}}
	if r.Remote.IsValid() && r.Remote.Addr().Is6() {
		d.EtherType = "IPv6"
		any4 = ":: ::"
	}
	if e.sg {
		remote := any4
		if r.Remote.IsValid() {
			remote = r.Remote.Masked().Addr().String() + " " + maskText(r.Remote)
		}
		d.Src, d.Dst, d.SrcType, d.DstType = any4, remote, "ip", "ip"
		if e.ingress {
			d.Src, d.Dst = remote, any4
		}
		return d
	}
	d.Src, d.Dst, d.SrcType, d.DstType = vnOrAny(r.SrcVN), vnOrAny(r.DstVN), "network", "network"
	return d
}

func ruleAction(r *Rule) string {
	if r.Action == "deny" {
		return "deny"
	}
	return "pass"
}

func vnOrAny(vn string) string {
	if vn == "" {
		return "any"
	}
	return vn
}

// maskText writes a prefix length as a netmask ("255.255.255.0", or the
// IPv6 mask as an address).
func maskText(p netip.Prefix) string {
	n := p.Addr().BitLen() / 8
	b := make([]byte, n)
	for i := 0; i < p.Bits(); i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	m, _ := netip.AddrFromSlice(b)
	return m.String()
}

func portRange(r PortRange) []schema.SandeshRange {
	if r.any() {
		return []schema.SandeshRange{{Min: 0, Max: 65535}}
	}
	return []schema.SandeshRange{{Min: int32(r.Min), Max: int32(r.Max)}}
}

func protoRange(p int) []schema.SandeshRange {
	if p == 0 {
		return []schema.SandeshRange{{Min: 0, Max: 255}}
	}
	return []schema.SandeshRange{{Min: int32(p), Max: int32(p)}}
}

// checkRules says what is wrong with a list of rules (Config validation).
func checkRules(where string, rules []Rule) error {
	for i, r := range rules {
		if r.Action != "" && r.Action != "pass" && r.Action != "deny" {
			return fmt.Errorf("%s rule #%d: action %q: use pass or deny", where, i, r.Action)
		}
		if r.Protocol > 255 || r.Protocol < 0 {
			return fmt.Errorf("%s rule #%d: protocol %d: use 0 (any) or 1-255", where, i, r.Protocol)
		}
		if r.DstPorts.Min > r.DstPorts.Max || r.SrcPorts.Min > r.SrcPorts.Max {
			return fmt.Errorf("%s rule #%d: port range min above max", where, i)
		}
	}
	return nil
}
