package agent

import (
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// The agent's XMPP ConnectionInfo names (Agent::xmpp_control_node_prefix,
// Agent::xmpp_dns_server_prefix): the prefix, then the server's IP.
const (
	controlConnPrefix = "control-node:"
	dnsConnPrefix     = "dns-server:"
)

// NodeStatus is the agent's NodeStatus (VrouterAgentProcessState): one
// XMPP connection per control-node channel and one per DNS channel,
// ordered like the real agent's ConnectionState map (by type, then
// name). Every connection that is not Up is named in the description
// ("XMPP:<name>[, …] connection down"), but only the control nodes decide
// the state: Functional while at least one is Up, so a DNS server down
// leaves the agent Functional with that description. Like the real
// agent's, its ProcessStatus always carries flag_infos and description
// (empty when all is well): contrail-status reads the description
// unconditionally and crashes without it.
func (a *Agent) NodeStatus() schema.NodeStatus {
	chans := a.channelsNow()
	conns := make([]schema.ConnectionInfo, 0, len(chans)+MaxXMPPServers)
	controlsUp := 0
	for _, ch := range chans {
		ci := ch.conn.info(controlConnPrefix, netip.AddrPortFrom(ch.ctl.Address, uint16(ch.ctl.Port)))
		if ci.Status == "Up" {
			controlsUp++
		}
		conns = append(conns, ci)
	}
	for _, d := range a.dnsNow() {
		conns = append(conns, d.conn.info(dnsConnPrefix, d.serverAddr()))
	}
	slices.SortStableFunc(conns, func(x, y schema.ConnectionInfo) int { return strings.Compare(x.Name, y.Name) })
	var down []string
	for _, ci := range conns {
		if ci.Status != "Up" {
			down = append(down, ci.Type+":"+ci.Name)
		}
	}
	var desc string
	switch {
	case len(down) > 0:
		desc = strings.Join(down, ", ") + " connection down"
	case len(chans) == 0:
		desc = "No control-nodes configured"
	}
	ps := schema.ProcessStatus{ModuleID: "contrail-vrouter-agent", InstanceID: "0", State: "Functional",
		ConnectionInfos: conns, FlagInfos: []schema.FlagInfo{}, Description: &desc}
	if controlsUp == 0 {
		ps.State = "Non-Functional"
	}
	return schema.NodeStatus{Name: a.cfg.Name, ProcessStatus: []schema.ProcessStatus{ps}}
}

// xmppConn is one channel's ConnectionInfo state as the real agent keeps
// it (AgentXmppChannel::UpdateConnectionInfo for a control node,
// AgentDnsXmppChannel::UpdateConnectionInfo for a DNS server, alike):
// written only when the channel reports an event (created, READY,
// NOT_READY, TIMEDOUT), with the XMPP FSM's previous state
// (LastStateName) as description, and left as it is in between. So an Up
// entry reads "OpenSent" (the client goes OpenSent -> Established), an
// entry just after a session loss "Established", one after a timed-out
// retry "Connect". The zero value is a channel just created, which
// reports NOT_READY from a fresh FSM: Down, "Idle".
type xmppConn struct {
	mu   sync.Mutex
	up   bool
	last xmpp.State
}

// note records one channel event from the session's FSM.
func (x *xmppConn) note(c *xmpp.Client, up bool) {
	last := c.Stats().LastState
	x.mu.Lock()
	x.up, x.last = up, last
	x.mu.Unlock()
}

// info is the entry "<prefix><server ip>": the server the channel talks
// to, Up or Down, and the FSM state noted with the last event.
func (x *xmppConn) info(prefix string, server netip.AddrPort) schema.ConnectionInfo {
	x.mu.Lock()
	defer x.mu.Unlock()
	desc := x.last.String()
	ci := schema.ConnectionInfo{Type: "XMPP", Name: prefix + server.Addr().String(),
		ServerAddrs: []string{server.String()}, Status: "Down", Description: &desc}
	if x.up {
		ci.Status = "Up"
	}
	return ci
}
