package cluster

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/topo"
)

// Datapath faults (`refnode ctl fault`, POST/DELETE /v1/faults/{kind}) and
// simulated traffic (`refnode ctl send`, POST /v1/send): what ist trace
// is tested against. They act on the vRouter agents of this process.

// DatapathFaults are the fault kinds Fault accepts.
var DatapathFaults = []string{"sg-deny", "kernel-route", "stale-label", "flow-table-full"}

// FaultArgs are the arguments of a datapath fault:
//
//	sg-deny         Target pod: an ingress deny rule (Protocol, Port; default all) in front of its first security group
//	kernel-route    Target vRouter, Pod: the vRouter's kernel loses the route to the pod (IPv6: its IPv6 address)
//	stale-label     Target pod: its vRouter gives it a new label without telling the control nodes
//	flow-table-full Target vRouter: its flow table holds Capacity flows (default 256) and is filled
type FaultArgs struct {
	Target   string `json:"target"`
	Pod      string `json:"pod,omitempty"`
	Protocol string `json:"protocol,omitempty"`
	Port     int    `json:"port,omitempty"`
	Capacity int    `json:"capacity,omitempty"`
	IPv6     bool   `json:"ipv6,omitempty"`
}

// Fault applies a datapath fault (undo: with clear) and logs it; the
// detail says what changed.
func (c *Cluster) Fault(kind string, a FaultArgs, clear bool) (string, error) {
	detail, err := c.fault(kind, a, clear)
	op := "fault"
	if clear {
		op = "clear"
	}
	c.events.add(op, a.Target, strings.TrimSpace(kind+" "+detail), err)
	return detail, err
}

func (c *Cluster) fault(kind string, a FaultArgs, clear bool) (string, error) {
	switch kind {
	case "sg-deny":
		return c.sgDeny(a, clear)
	case "kernel-route":
		ag, err := c.runningAgent(a.Target)
		if err != nil {
			return "", err
		}
		p, err := c.pod(a.Pod)
		if err != nil {
			return "", err
		}
		pfx, err := podPrefix(p, a.IPv6)
		if err != nil {
			return "", err
		}
		vrf := agent.VRFName(c.Topo.Network(p.Network).FQName)
		if clear {
			return pfx.String(), stateErr(ag.RestoreKernelRoute(vrf, pfx))
		}
		return fmt.Sprintf("%s dropped from the kernel of %s (VRF %s)", pfx, a.Target, vrf), stateErr(ag.DropKernelRoute(vrf, pfx))
	case "stale-label":
		p, err := c.pod(a.Target)
		if err != nil {
			return "", err
		}
		ag, err := c.runningAgent(p.VRouter)
		if err != nil {
			return "", err
		}
		if clear {
			return "published again", stateErr(ag.RepublishInterface(p.Interface))
		}
		old, now, err := ag.Relabel(p.Interface)
		return fmt.Sprintf("%s on %s: label %d -> %d (not published)", p.Interface, p.VRouter, old, now), stateErr(err)
	case "flow-table-full":
		ag, err := c.runningAgent(a.Target)
		if err != nil {
			return "", err
		}
		if clear {
			return "emptied", stateErr(ag.EmptyFlowTable())
		}
		n := a.Capacity
		if n == 0 {
			n = 256
		}
		if n < 0 {
			return "", fmt.Errorf("%w: capacity %d: give a number of flows >= 1", errBadArg, n)
		}
		return fmt.Sprintf("%d flows, table full", n), stateErr(ag.FillFlowTable(n))
	}
	return "", fmt.Errorf("%w fault %q: use one of %s", ErrUnknown, kind, strings.Join(DatapathFaults, ", "))
}

// errBadArg marks a bad fault or send argument (HTTP 400).
var errBadArg = errors.New("bad argument")

// stateErr classifies an agent's refusal as a wrong-state error.
func stateErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %v", ErrState, err)
}

// sgDeny puts a deny rule in front of the ingress rules of the pod's
// first security group on every running vRouter (or takes it out).
func (c *Cluster) sgDeny(a FaultArgs, clear bool) (string, error) {
	p, err := c.pod(a.Target)
	if err != nil {
		return "", err
	}
	if len(p.SecurityGroups) == 0 {
		return "", fmt.Errorf("%w: pod %s has no security group: give it one in the topology (security_groups)", ErrState, p.Name)
	}
	sg := c.Topo.SecurityGroup(p.SecurityGroups[0])
	proto, msg := topo.ParseProtocol(a.Protocol)
	if msg != "" {
		return "", fmt.Errorf("%w: %s", errBadArg, msg)
	}
	if a.Port < 0 || a.Port > 65535 {
		return "", fmt.Errorf("%w: port %d: use 1-65535 (0 = all)", errBadArg, a.Port)
	}
	rule := agent.Rule{UUID: stableUUID("fault/sg-deny", sg.FQName), Action: "deny", Protocol: proto,
		DstPorts: agent.PortRange{Min: uint16(a.Port), Max: uint16(a.Port)}}
	agents := c.runningAgents()
	if len(agents) == 0 {
		return "", fmt.Errorf("%w: no vRouter agent runs in this process", ErrState)
	}
	changed := 0
	for _, ag := range agents {
		cur, ok := ag.SecurityGroup(sg.UUID)
		if !ok {
			continue
		}
		in := slices.DeleteFunc(cur.Ingress.Rules, func(r agent.Rule) bool { return r.UUID == rule.UUID })
		if !clear {
			in = append([]agent.Rule{rule}, in...)
		}
		if _, _, err := ag.SetSecurityGroupRules(sg.UUID, in, cur.Egress.Rules); err != nil {
			return "", err
		}
		changed++
	}
	if clear {
		return fmt.Sprintf("security group %s: rule %s removed on %d vRouters", sg.FQName, rule.UUID, changed), nil
	}
	what := "all traffic"
	if proto != 0 {
		what = a.Protocol
		if a.Port != 0 {
			what += fmt.Sprintf("/%d", a.Port)
		}
	}
	return fmt.Sprintf("security group %s (%s): ingress deny %s, rule %s, on %d vRouters", sg.FQName, sg.UUID, what, rule.UUID, changed), nil
}

// stableUUID is a uuid that depends only on kind and name (objects the
// topology does not name: a fault's rule, a group's default rules).
func stableUUID(kind, name string) string {
	h := sha256.Sum256([]byte("refnode/" + kind + "/" + name))
	b := h[:16]
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// pod finds a pod of the topology by name.
func (c *Cluster) pod(name string) (*topo.Pod, error) {
	for i := range c.Topo.Pods {
		if c.Topo.Pods[i].Name == name {
			return &c.Topo.Pods[i], nil
		}
	}
	return nil, fmt.Errorf("%w pod %q: see `refnode topology print` for the pods", ErrUnknown, name)
}

func podPrefix(p *topo.Pod, v6 bool) (netip.Prefix, error) {
	if v6 {
		if p.IP6 == "" {
			return netip.Prefix{}, fmt.Errorf("%w: pod %s has no IPv6 address", ErrState, p.Name)
		}
		return netip.PrefixFrom(netip.MustParseAddr(p.IP6), 128), nil
	}
	return netip.PrefixFrom(netip.MustParseAddr(p.IP), 32), nil
}

// runningAgent returns the agent of a running vRouter of this process.
func (c *Cluster) runningAgent(name string) (*agent.Agent, error) {
	m, err := c.member(name)
	if err != nil {
		return nil, err
	}
	ag, ok := m.node.(*agent.Agent)
	if !ok {
		return nil, fmt.Errorf("%w: %s is not a vRouter agent", ErrUnknown, name)
	}
	if st, _ := m.getState(); st != StateRunning {
		return nil, fmt.Errorf("%w: %s is %s", ErrState, name, st)
	}
	return ag, nil
}

func (c *Cluster) runningAgents() []*agent.Agent {
	var out []*agent.Agent
	for _, m := range c.members {
		if ag, ok := m.node.(*agent.Agent); ok {
			if st, _ := m.getState(); st == StateRunning {
				out = append(out, ag)
			}
		}
	}
	return out
}

// SendArgs describe simulated traffic: Count packets of one 5-tuple from
// pod Src to Dst (a pod, its IPv6 address with IPv6, or an address).
type SendArgs struct {
	Src   string `json:"src"`
	Dst   string `json:"dst"`
	Proto string `json:"proto"` // tcp, udp, icmp, icmp6 or a number
	Sport int    `json:"sport,omitempty"`
	Dport int    `json:"dport,omitempty"`
	Count int    `json:"count,omitempty"` // default 1
	IPv6  bool   `json:"ipv6,omitempty"`
}

// SendResult is what became of the packets (and their answers).
type SendResult struct {
	Src       string         `json:"src"`
	Dst       string         `json:"dst"`
	Sent      int            `json:"sent"`
	Delivered int            `json:"delivered"`
	Answered  int            `json:"answered"`
	Last      agent.Outcome  `json:"last"`             // the last packet
	Answer    *agent.Outcome `json:"answer,omitempty"` // its answer, when it was delivered
}

// Send sends simulated packets (each answered by its destination when
// delivered) through the vRouter of the source pod.
func (c *Cluster) Send(a SendArgs) (SendResult, error) {
	res, err := c.send(a)
	detail := fmt.Sprintf("%s -> %s %s %d/%d: %d of %d delivered", a.Src, a.Dst, a.Proto, a.Sport, a.Dport, res.Delivered, res.Sent)
	c.events.add("send", a.Src, detail, err)
	return res, err
}

func (c *Cluster) send(a SendArgs) (SendResult, error) {
	src, err := c.pod(a.Src)
	if err != nil {
		return SendResult{}, err
	}
	dst, err := netip.ParseAddr(a.Dst)
	if err != nil {
		p, perr := c.pod(a.Dst)
		if perr != nil {
			return SendResult{}, fmt.Errorf("%w destination %q: give a pod name or an address", ErrUnknown, a.Dst)
		}
		pfx, perr := podPrefix(p, a.IPv6)
		if perr != nil {
			return SendResult{}, perr
		}
		dst = pfx.Addr()
	}
	proto, msg := topo.ParseProtocol(a.Proto)
	if msg != "" || proto == 0 {
		return SendResult{}, fmt.Errorf("%w: protocol %q: use tcp, udp, icmp, icmp6 or a number", errBadArg, a.Proto)
	}
	if a.Sport < 0 || a.Sport > 65535 || a.Dport < 0 || a.Dport > 65535 {
		return SendResult{}, fmt.Errorf("%w: ports %d/%d: use 0-65535", errBadArg, a.Sport, a.Dport)
	}
	ag, err := c.runningAgent(src.VRouter)
	if err != nil {
		return SendResult{}, err
	}
	n := max(a.Count, 1)
	res := SendResult{Src: src.Name, Dst: dst.String()}
	for i := 0; i < n; i++ {
		out, back, err := ag.Send(src.Interface, agent.Packet{Dst: dst, Proto: uint8(proto), Sport: uint16(a.Sport), Dport: uint16(a.Dport)}, true)
		if err != nil {
			return res, stateErr(err)
		}
		res.Sent++
		res.Last, res.Answer = out, nil
		if out.Delivered {
			res.Delivered++
			res.Answer = &back
			if back.Delivered {
				res.Answered++
			}
		}
	}
	return res, nil
}
