package cluster

import (
	"fmt"
	"strings"

	"github.com/tfkit/tfkit/refnode/topo"
)

// Faults beyond sessions and node states, each one a symptom `ist doctor`
// must name: a VM interface left inactive with the agent's reason, a
// route the control nodes lost while its interface is active, a
// NodeStatus connection (Collector, Database, …) down, and an XMPP
// session a control node forgot while the agent's end stays open.

// InterfaceOps are the operations InterfaceOp accepts.
var InterfaceOps = []string{"inactive", "active", "withdraw"}

// InterfaceFaulter is implemented by vRouter agents (refnode/agent).
type InterfaceFaulter interface {
	SetInterfaceInactive(name string, reasons ...string) error
	SetInterfaceActive(name string) error
	WithdrawRoute(name string) error
}

// ConnectionSetter is implemented by nodes whose NodeStatus lists
// connections that can be put down (control nodes): status is Up,
// Down or Initializing, description the daemon's own text ("" keeps
// the default one).
type ConnectionSetter interface {
	SetConnection(typ, name, status, description string) error
}

// InterfaceOp runs an interface fault on a vRouter: "inactive" (with the
// agent's reasons, e.g. vn-null), "active" (undo) or "withdraw" (the
// control nodes lose the interface's route; the interface stays active).
// itf is the tap name or the name of a pod on that vRouter.
func (c *Cluster) InterfaceOp(vrouter, itf, op string, reasons []string) error {
	target := vrouter + "/" + itf
	err := c.interfaceOp(vrouter, itf, op, reasons)
	c.events.add("interface "+op, target, strings.Join(reasons, " "), err)
	return err
}

func (c *Cluster) interfaceOp(vrouter, itf, op string, reasons []string) error {
	m, err := c.member(vrouter)
	if err != nil {
		return err
	}
	f, ok := m.node.(InterfaceFaulter)
	if !ok || m.svc.Role != topo.RoleVRouter {
		return fmt.Errorf("%w: %s is not a vRouter agent: interface faults run on vRouters", ErrUnknown, vrouter)
	}
	for _, p := range c.Topo.PodsOn(vrouter) {
		if p.Name == itf {
			itf = p.Interface
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.state != StateRunning {
		return fmt.Errorf("%w: %s is %s, interface faults need it running", ErrState, vrouter, m.state)
	}
	switch op {
	case "inactive":
		err = f.SetInterfaceInactive(itf, reasons...)
	case "active":
		err = f.SetInterfaceActive(itf)
	case "withdraw":
		err = f.WithdrawRoute(itf)
	default:
		return fmt.Errorf("%w operation %q: use one of %v", ErrUnknown, op, InterfaceOps)
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrState, err)
	}
	return nil
}

// SetInterfaceInactive, SetInterfaceActive and WithdrawRoute are
// InterfaceOp for Go callers.
func (c *Cluster) SetInterfaceInactive(vrouter, itf string, reasons ...string) error {
	return c.InterfaceOp(vrouter, itf, "inactive", reasons)
}
func (c *Cluster) SetInterfaceActive(vrouter, itf string) error {
	return c.InterfaceOp(vrouter, itf, "active", nil)
}
func (c *Cluster) WithdrawRoute(vrouter, itf string) error {
	return c.InterfaceOp(vrouter, itf, "withdraw", nil)
}

// SetConnection sets the status of one NodeStatus connection of a node
// (typ is the ConnectionInfo type, e.g. Collector; name its name, "" for
// the Collector): the process turns Non-Functional with the Sandesh
// library's "<type>:<name> connection down" description while it is not
// Up.
func (c *Cluster) SetConnection(node, typ, name, status, description string) error {
	err := c.setConnection(node, typ, name, status, description)
	c.events.add("connection "+strings.ToLower(status), node, typ+":"+name, err)
	return err
}

func (c *Cluster) setConnection(node, typ, name, status, description string) error {
	m, err := c.member(node)
	if err != nil {
		return err
	}
	s, ok := m.node.(ConnectionSetter)
	if !ok {
		return fmt.Errorf("%w: %s has no NodeStatus connections to set in this build (control nodes do)", ErrUnknown, node)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := s.SetConnection(typ, name, status, description); err != nil {
		return fmt.Errorf("%w: %v", ErrState, err)
	}
	return nil
}

// SetConnection makes the control node adapter a ConnectionSetter.
func (c *controlNode) SetConnection(typ, name, status, description string) error {
	return c.n.SetConnection(typ, name, status, description)
}

// XMPPForgetter is implemented by control nodes: see control.ForgetXMPP.
type XMPPForgetter interface{ ForgetXMPP(agent string) bool }

// ForgetXMPP makes a control node lose its session with a vRouter while
// the agent still believes it Established (a half-open session), until
// the agent's hold timer expires and it reconnects.
func (c *Cluster) ForgetXMPP(control, vrouter string) error {
	err := c.forgetXMPP(control, vrouter)
	c.events.add("forget", control+"/"+vrouter, "xmpp", err)
	return err
}

func (c *Cluster) forgetXMPP(control, vrouter string) error {
	ctl, other, kind, err := c.sessionEnds(control, vrouter)
	if err != nil {
		return err
	}
	f, ok := ctl.node.(XMPPForgetter)
	if kind != "xmpp" || !ok {
		return fmt.Errorf("%w: forget needs a control node and a vRouter", ErrUnknown)
	}
	if !f.ForgetXMPP(other.svc.Node) {
		return fmt.Errorf("%w: %s has no XMPP session with %s to forget", ErrState, ctl.svc.ID(), other.svc.ID())
	}
	return nil
}

// ForgetXMPP makes the control node adapter an XMPPForgetter.
func (c *controlNode) ForgetXMPP(agent string) bool { return c.n.ForgetXMPP(agent) }
