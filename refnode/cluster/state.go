package cluster

import (
	"sort"
	"time"
)

// State is the answer of GET /v1/state: the nodes, the sessions with a
// fault in force, and the event log.
type State struct {
	Cluster  string            `json:"cluster"`
	Scale    float64           `json:"timer_scale"`
	Timers   map[string]string `json:"timers"`
	Nodes    []NodeState       `json:"nodes"`
	Sessions []SessionState    `json:"sessions"`
	Events   []Event           `json:"events"`
}

// NodeState is one service and its state.
type NodeState struct {
	Name    string    `json:"name"` // admin-API name (node, or role@node for personas)
	Role    string    `json:"role"`
	Address string    `json:"address"`
	Ports   string    `json:"ports"`
	State   string    `json:"state"`
	Since   time.Time `json:"since"`
}

// SessionState is a session with a fault in force (partitioned or flapping).
type SessionState struct {
	A     string `json:"a"`
	B     string `json:"b"`
	State string `json:"state"` // partitioned | flapping
}

// State reports the cluster now.
func (c *Cluster) State() State {
	tm := c.Timers
	st := State{Cluster: c.Topo.Cluster.Name, Scale: tm.Scale, Timers: map[string]string{
		"xmpp_hold": tm.XMPPHold.String(), "xmpp_keepalive": tm.XMPPKeepalive.String(),
		"bgp_hold": tm.BGPHold.String(), "bgp_keepalive": tm.BGPKeepalive.String(),
		"bgp_connect_retry": tm.BGPConnect.String(), "eor": tm.EoR.String()},
		Nodes: []NodeState{}, Sessions: []SessionState{}, Events: c.events.list()}
	for _, m := range c.members {
		s, since := m.getState()
		st.Nodes = append(st.Nodes, NodeState{Name: m.svc.ID(), Role: m.svc.Role, Address: m.svc.Address,
			Ports: m.svc.PortList(), State: s, Since: since.UTC()})
	}
	c.mu.Lock()
	for k := range c.partitioned {
		st.Sessions = append(st.Sessions, SessionState{k[0], k[1], "partitioned"})
	}
	for k := range c.flapping {
		st.Sessions = append(st.Sessions, SessionState{k[0], k[1], "flapping"})
	}
	c.mu.Unlock()
	sort.Slice(st.Sessions, func(i, j int) bool {
		a, b := st.Sessions[i], st.Sessions[j]
		if a.A != b.A {
			return a.A < b.A
		}
		if a.B != b.B {
			return a.B < b.B
		}
		return a.State < b.State
	})
	return st
}
