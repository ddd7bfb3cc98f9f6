package control

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// Faults of a control node's own state, for `ist doctor`'s tests: a
// NodeStatus connection put down, a clock that is off, an XMPP session
// the node forgot while the agent's end stays open.

// nodeFaults holds the NodeStatus connections a fault changed (by
// "<type>:<name>") and the XMPP sessions the node forgot.
type nodeFaults struct {
	mu        sync.Mutex
	m         map[string]connFault
	forgotten map[*xmpp.ServerPeer]bool
}

type connFault struct{ status, description string }

// defaultDown is the description the daemon writes for a connection that
// went down, when the fault gives none: the Sandesh client's state
// machine for the Collector ("<state> : <event>", sandesh_client_sm.cc).
var defaultDown = map[string]string{"Collector": "Connect : EvTcpConnectFail"}

// SetConnection sets one NodeStatus connection (typ and name as listed in
// ConnectionInfo, e.g. Collector and "") to status Up, Down or
// Initializing, with description ("" for the daemon's usual text). Up
// restores the healthy connection.
func (n *Node) SetConnection(typ, name, status, description string) error {
	switch status {
	case "Up", "Down", "Initializing":
	default:
		return fmt.Errorf("control %s: connection status %q: use Up, Down or Initializing", n.cfg.Name, status)
	}
	key := typ + ":" + name
	var known []string
	found := false
	for _, c := range n.connectionInfos() {
		k := c.Type + ":" + c.Name
		known = append(known, k)
		found = found || k == key
	}
	if !found {
		return fmt.Errorf("control %s: no NodeStatus connection %s (connections: %s)", n.cfg.Name, key, strings.Join(known, ", "))
	}
	n.faults.mu.Lock()
	defer n.faults.mu.Unlock()
	if status == "Up" {
		delete(n.faults.m, key)
		return nil
	}
	if description == "" {
		description = defaultDown[typ]
	}
	if n.faults.m == nil {
		n.faults.m = map[string]connFault{}
	}
	n.faults.m[key] = connFault{status, description}
	return nil
}

// apply overrides the connections a fault changed.
func (f *nodeFaults) apply(list []schema.ConnectionInfo) []schema.ConnectionInfo {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, c := range list {
		if cf, ok := f.m[c.Type+":"+c.Name]; ok {
			d := cf.description
			list[i].Status, list[i].Description = cf.status, &d
		}
	}
	return list
}

// ptime renders t in the node's clock: Config.ClockOffset shifts it.
func (n *Node) ptime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ptime(t.Add(n.cfg.ClockOffset))
}

// ForgetXMPP makes the node lose an agent's XMPP session without the
// agent noticing, as after a half-open TCP session (the node's end went
// away and no FIN reached the agent): the node stops reading and writing
// the session and no longer lists the agent, while the agent believes it
// Established until its hold timer expires and it reconnects (a new
// session, listed again). False when the agent has no session here.
func (n *Node) ForgetXMPP(agentName string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for p, a := range n.agents {
		if a.name != agentName || n.faults.isForgotten(p) {
			continue
		}
		p.Pause()
		n.faults.mu.Lock()
		if n.faults.forgotten == nil {
			n.faults.forgotten = map[*xmpp.ServerPeer]bool{}
		}
		n.faults.forgotten[p] = true
		n.faults.mu.Unlock()
		return true
	}
	return false
}

// replaceForgottenLocked drops old, a session the node forgot (ForgetXMPP),
// now that its agent has made a new one, a: the node had lost old, so
// nothing is withdrawn; the routes old published pass to a (which
// publishes them again), and old's socket is closed. Kept, every forget
// fault would leave a session (its socket, goroutines, buffers and RIB-out
// state) behind for the node's lifetime.
func (n *Node) replaceForgottenLocked(old, a *agent) {
	delete(n.agents, old.peer)
	n.faults.unforget(old.peer)
	n.unsubscribeLocked(old, "")
	if old.eor != nil {
		old.eor.Stop()
	}
	for k := range old.primary {
		a.primary[k] = true
	}
	go old.peer.Close("superseded by a new session")
}

// unforget clears p's mark (its session is gone).
func (f *nodeFaults) unforget(p *xmpp.ServerPeer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.forgotten, p)
}

// isForgotten reports whether introspect must not list the session.
func (f *nodeFaults) isForgotten(p *xmpp.ServerPeer) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.forgotten[p]
}
