package cluster

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/control"
	"github.com/tfkit/tfkit/refnode/personas"
	"github.com/tfkit/tfkit/refnode/topo"
)

// DefaultBuilder makes the real nodes: control nodes, vRouter agents and
// personas.
func DefaultBuilder(s Service) (Node, error) {
	switch s.Role {
	case topo.RoleControl:
		n, err := control.New(ControlConfig(s))
		if err != nil {
			return nil, err
		}
		return &controlNode{n: n, topo: s.Topo, name: s.Node}, nil
	case topo.RoleVRouter:
		return agent.New(AgentConfig(s))
	}
	return personas.New(PersonaConfig(s))
}

// PersonaConfig maps a persona service: it listens on its node's address
// and watches the node's control daemon or agent (through the cluster when
// it runs in this process, by probing its introspect port otherwise); the
// dns persona also serves its agents' XMPP sessions.
func PersonaConfig(s Service) personas.Config {
	t := s.Topo
	watchPort := t.Cluster.Ports.ControlIntrospect
	if s.Role == topo.RoleVRouterNodemgr {
		watchPort = t.Cluster.Ports.AgentIntrospect
	}
	addr := netip.MustParseAddr(s.Address)
	return personas.Config{Role: s.Role, Host: s.Node, Address: addr, Port: s.Port("introspect"),
		XMPPPort: s.Port("xmpp"), XMPPHold: s.Timers.XMPPHold,
		Watch: s.Watch, WatchAddr: netip.AddrPortFrom(addr, uint16(watchPort)), Version: t.Cluster.Version}
}

// Releaser is implemented by nodes that hold resources beyond Stop (a
// control node's GoBGP server); Close calls it once everything stopped.
type Releaser interface{ Release() }

// controlNode adapts *control.Node to Node and the session fault
// interfaces (peers by name).
type controlNode struct {
	n    *control.Node
	topo *topo.Topology
	name string
}

func (c *controlNode) Start(ctx context.Context) error { return c.n.Start(ctx) }
func (c *controlNode) Stop() error                     { c.n.Stop(); return nil }
func (c *controlNode) Pause() error                    { c.n.Pause(); return nil }
func (c *controlNode) Resume() error                   { c.n.Resume(); return nil }
func (c *controlNode) Release()                        { c.n.Close() }

// Control returns the control node itself (tests reach its methods).
func (c *controlNode) Control() *control.Node { return c.n }

func (c *controlNode) CutBGP(peer string) error {
	p := c.topo.Control(peer)
	if p == nil {
		return fmt.Errorf("%w control node %q", ErrUnknown, peer)
	}
	if c.n.CutBGP(netip.MustParseAddr(p.Address)) == 0 {
		return fmt.Errorf("%w: no BGP session between %s and %s to cut", ErrState, c.name, peer)
	}
	return nil
}

func (c *controlNode) CutXMPP(agentName string) error {
	if !c.n.CutXMPP(agentName) {
		return fmt.Errorf("%w: %s has no XMPP session with %s to cut (agents use 2 of the control nodes)", ErrState, agentName, c.name)
	}
	return nil
}

// Block partitions the control node from another control node (its BGP
// gate refuses and cuts the session). Towards a vRouter there is nothing
// to do here: the agent's end refuses the XMPP connects (agent.Block).
func (c *controlNode) Block(peer string, blocked bool) error {
	if c.topo.Control(peer) == nil {
		return nil
	}
	return c.n.Block(peer, blocked)
}
