package control

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// Faults of a control node's own state, for `ist doctor`'s tests: a
// NodeStatus connection put down, and a clock that is off.

// connFaults holds the NodeStatus connections a fault changed, by
// "<type>:<name>".
type connFaults struct {
	mu sync.Mutex
	m  map[string]connFault
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
	n.conns.mu.Lock()
	defer n.conns.mu.Unlock()
	if status == "Up" {
		delete(n.conns.m, key)
		return nil
	}
	if description == "" {
		description = defaultDown[typ]
	}
	if n.conns.m == nil {
		n.conns.m = map[string]connFault{}
	}
	n.conns.m[key] = connFault{status, description}
	return nil
}

// apply overrides the connections a fault changed.
func (f *connFaults) apply(list []schema.ConnectionInfo) []schema.ConnectionInfo {
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
