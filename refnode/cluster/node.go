package cluster

import "context"

// Node is one daemon of the cluster as the cluster drives it: a control
// node, a vRouter agent or a persona. Start brings it up (listeners, then
// sessions); Stop closes everything as a dying process would; Pause keeps
// TCP open but stops reading, writing and keep-alives (a hung process, so
// hold timers expire); Resume undoes Pause. Start after Stop starts from
// empty state, as a restarted daemon does.
type Node interface {
	Start(ctx context.Context) error
	Stop() error
	Pause() error
	Resume() error
}

// Session faults: a node implements the ones its role has. Peers are named
// by node name.
type (
	// BGPCutter closes the BGP session to another control node (it
	// reconnects at once: one flap).
	BGPCutter interface{ CutBGP(peer string) error }
	// XMPPCutter closes the XMPP session of an agent on a control node.
	XMPPCutter interface{ CutXMPP(agent string) error }
	// ControlCutter closes an agent's XMPP session to a control node.
	ControlCutter interface{ CutControl(control string) error }
	// DNSCutter closes an agent's XMPP session to the DNS server of a
	// control node (its dns persona).
	DNSCutter interface{ CutDNS(server string) error }
	// DNSBlocker refuses (or allows again) an agent's DNS session.
	DNSBlocker interface {
		BlockDNS(server string, blocked bool) error
	}
	// Blocker refuses (blocked=true) or allows again the sessions with one
	// peer: a partition lasts until healed, where a cut reconnects at once.
	Blocker interface {
		Block(peer string, blocked bool) error
	}
)

// Builder makes the Node for one service of the topology. The cluster
// calls it once per service before starting anything.
type Builder func(s Service) (Node, error)
