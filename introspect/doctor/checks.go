package doctor

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/collect"
)

// Check is one rule, as data: its id, the requests it reads, the
// predicate (Find) and the texts of its findings. What, Cause and Next
// are templates: {name} is replaced by the hit's variable of that name
// ({node}, {host} and {role} are always set). A hit may set "cause" to
// replace the check's Cause, and its own severity.
type Check struct {
	ID       string
	Severity Severity
	Needs    []string // collect request IDs (collect.IDRoutesPrefix for the route follow-up)
	Doc      string   // one line for --help
	What     string
	Cause    string
	Next     []string
	Find     func(v *View, o *Options) []Hit
}

// Hit is one place where a check's predicate failed.
type Hit struct {
	Node     *collect.Node
	Vars     map[string]string
	Evidence []Evidence
	Severity Severity // 0: the check's
}

// Checks are every check `ist doctor` runs, in the order findings of the
// same severity are listed.
var Checks = []Check{
	{
		ID: "node.unreachable", Severity: Error, Needs: []string{collect.IDNodeStatus},
		Doc:   "a node does not answer introspect (refused, timeout, TLS, HTTP error, malformed XML)",
		What:  "{role_name} {node} does not answer: {error}",
		Cause: "{cause}",
		Next:  []string{"tf-status -d (on {node})", "ist --host {host} {role} status"},
		Find:  findUnreachable,
	},
	{
		ID: "node.request-failed", Severity: Warning, Needs: []string{collect.IDNodeStatus},
		Doc:   "a node answers but one request fails (HTTP error, malformed XML)",
		What:  "{request} failed on {node}: {error}",
		Cause: "{cause}",
		Next:  []string{"ist --host {host} --debug {role} {command}"},
		Find:  findRequestFailed,
	},
	{
		ID: "nodestatus.connection", Severity: Error, Needs: []string{collect.IDNodeStatus},
		Doc:   "a connection NodeStatus reports not Up (Collector, Database, RabbitMQ, IFMap, …; a Collector that is not configured is not a fault)",
		What:  "{module} connection {conn} is {status}: {description}",
		Cause: "{cause}",
		Next:  []string{"ist --host {host} {role} status", "tf-status -d (on {node})"},
		Find:  findConnections,
	},
	{
		ID: "nodestatus.process", Severity: Error, Needs: []string{collect.IDNodeStatus},
		Doc:   "a process NodeStatus reports Non-Functional for a reason other than a connection down",
		What:  "{module} is {state}: {description}",
		Cause: "{cause}",
		Next:  []string{"ist --host {host} {role} status", "tf-status -d (on {node})"},
		Find:  findProcesses,
	},
	{
		ID: "bgp.not-established", Severity: Error, Needs: []string{collect.IDNeighbors},
		Doc:   "a BGP neighbor of a control node is not Established (seen from each end)",
		What:  "BGP neighbor {peer} ({peer_address}) is {state}",
		Cause: "{cause}",
		Next:  []string{"ist --host {host} ctr nei -t BGP {peer}", "ist --host {host} ctr trace BgpTraceBuf"},
		Find:  findBGPDown,
	},
	{
		ID: "bgp.asymmetric", Severity: Error, Needs: []string{collect.IDNeighbors},
		Doc:   "control node A lists B as a BGP neighbor but B does not list A",
		What:  "lists {peer} as a BGP neighbor, but {peer} does not list {node}",
		Cause: "the bgp-router objects of the two nodes disagree: {peer} has no peering with {node} in its configuration (check the bgp-router refs in the config API)",
		Next:  []string{"ist --host {peer_host} ctr nei -t BGP", "ist --host {peer_host} ctr config bgp"},
		Find:  findBGPAsymmetric,
	},
	{
		ID: "bgp.flapping", Severity: Warning, Needs: []string{collect.IDNeighbors},
		Doc:   "a BGP neighbor is Established but flapped recently (flap count and last flap time)",
		What:  "BGP neighbor {peer} flapped {flaps}, last at {flap_time}",
		Cause: "the session was reset recently: a hold timer expiry (peer or link overloaded), a restart, or a network cut",
		Next:  []string{"ist --host {host} ctr nei -t BGP {peer}", "ist --host {host} ctr trace BgpTraceBuf"},
		Find:  findBGPFlaps,
	},
	{
		ID: "xmpp.sessions", Severity: Error, Needs: []string{collect.IDXMPP},
		Doc:   "a vRouter agent has fewer than two Established XMPP sessions (one per control node, at most two)",
		What:  "{established} of {expected} XMPP sessions Established ({sessions})",
		Cause: "{cause}",
		Next:  []string{"ist --host {host} vr xmpp", "ist --host {host} vr status"},
		Find:  findAgentSessions,
	},
	{
		ID: "xmpp.unknown-to-control", Severity: Error, Needs: []string{collect.IDXMPP, collect.IDNeighbors},
		Doc:   "an agent says its XMPP session to a control node is Established, the control node does not list it so",
		What:  "says its XMPP session to {control} ({control_ip}) is Established, {control} {control_view}",
		Cause: "the two ends disagree: a half-open TCP session (the control node restarted or lost it, the agent has not noticed yet), or a NAT/duplicate agent name",
		Next:  []string{"ist --host {control_host} ctr nei -t XMPP {node}", "ist --host {host} vr xmpp"},
		Find:  findXMPPUnknown,
	},
	{
		ID: "xmpp.flapping", Severity: Warning, Needs: []string{collect.IDXMPP},
		Doc:   "an agent's XMPP session is Established but flapped recently",
		What:  "XMPP session to {control} flapped {flaps}, last at {flap_time}",
		Cause: "the session was reset recently: hold timer expiry (agent or control node overloaded), a control node restart, or a network cut",
		Next:  []string{"ist --host {host} vr xmpp", "ist --host {host} vr trace XmppTrace"},
		Find:  findXMPPFlaps,
	},
	{
		ID: "xmpp.dns-sessions", Severity: Error, Needs: []string{collect.IDDNSXMPP},
		Doc:   "a vRouter agent's XMPP session to one of its DNS servers (contrail-dns, port 8093) is not Established",
		What:  "{established} of {expected} DNS XMPP sessions Established ({sessions})",
		Cause: "{cause}",
		Next:  []string{"ist --host {host} vr xmpp-dns", "ist --host {dns_host} dns status"},
		Find:  findDNSSessions,
	},
	{
		ID: "xmpp.control-without-agents", Severity: Warning, Needs: []string{collect.IDNeighbors},
		Doc:   "a control node that answers has no agent while the others carry several each",
		What:  "has no Established XMPP agent; the {controls} control nodes carry {mean} on average",
		Cause: "the agents do not list this control node (CONTROL_NODES), or cannot reach its XMPP port 5269",
		Next:  []string{"ist --host {host} ctr nei -t XMPP", "ist --host {host} ctr xmpp stats"},
		Find:  findControlsWithoutAgents,
	},
	{
		ID: "xmpp.uneven", Severity: Warning, Needs: []string{collect.IDNeighbors},
		Doc:   "a control node carries far more agents than its share",
		What:  "carries {count} agents, {ratio}× the mean of {mean} over {controls} control nodes",
		Cause: "other control nodes were down and the agents moved here (they do not move back by themselves), or CONTROL_NODES lists this node first everywhere",
		Next:  []string{"ist --host {host} ctr nei -t XMPP", "ist --host {host} ctr xmpp stats"},
		Find:  findUnevenAgents,
	},
	{
		ID: "routes.count-mismatch", Severity: Warning, Needs: []string{collect.IDRouteSummary},
		Doc:   "a routing table's prefix count differs between control nodes (route summary)",
		What:  "table {table} has {count} prefixes here, {others}",
		Cause: "the control nodes do not agree: a BGP session between them is down or still converging, or an agent is connected to only some of them",
		Next:  []string{"ist --host {host} ctr route summary {instance}", "ist --host {host} ctr nei -t BGP"},
		Find:  findCountMismatch,
	},
	{
		ID: "routes.missing", Severity: Error, Needs: []string{collect.IDInterfaces, collect.IDXMPP, collect.IDRoutesPrefix},
		Doc:   "an active pod/VM interface's /32 is missing on the control nodes its agent has XMPP sessions with",
		What:  "route {prefix} of {vm} ({interface}) is missing on {missing}, where its agent publishes it",
		Cause: "{cause}",
		Next:  []string{"ist --host {control_host} ctr route show -t {table} -p XMPP {ip}", "ist follow --vrouter {host} {vrf} {ip}"},
		Find:  findMissingRoutes,
	},
	{
		ID: "interface.inactive", Severity: Error, Needs: []string{collect.IDInterfaces},
		Doc:   "a pod/VM interface is Inactive, with the agent's reasons (vn-null, vrf-null, no-dev, …)",
		What:  "interface {interface} of {vm} ({ip}) is Inactive: {reasons}",
		Cause: "{cause}",
		Next:  []string{"ist --host {host} vr intf {interface} -f text", "tf-capture links {vm} (on {node})"},
		Find:  findInactiveInterfaces,
	},
	{
		ID: "config.asn-mismatch", Severity: Error, Needs: []string{collect.IDNeighbors},
		Doc:   "a control node runs with another ASN than the other control nodes",
		What:  "runs with ASN {asn}, the other control nodes with {majority}",
		Cause: "this node was not restarted after the global ASN changed, or its bgp-router object has another autonomous_system: its iBGP peers refuse it (Bad Peer AS)",
		Next:  []string{"ist --host {host} ctr nei -t BGP", "ist --host {host} ctr config bgp"},
		Find:  findASNMismatch,
	},
	{
		ID: "config.router-id-collision", Severity: Error, Needs: []string{collect.IDNeighbors},
		Doc:   "two control nodes use the same BGP router id",
		What:  "uses BGP router id {router_id}, like {others}",
		Cause: "the bgp-router objects carry the same identifier (copied configuration): iBGP sessions between them are refused (Bad BGP Identifier)",
		Next:  []string{"ist --host {host} ctr nei -t BGP", "ist --host {host} ctr config bgp"},
		Find:  findRouterIDCollision,
	},
	{
		ID: "config.clock-skew", Severity: Warning, Needs: []string{collect.IDNeighbors, collect.IDXMPP},
		Doc:   "a node's clock is off from its peers' (both ends of its sessions record when they came up)",
		What:  "clock is {offset} {direction} its peers' (median over {sessions} sessions)",
		Cause: "NTP is not synchronised on this node: times in introspect, logs and flap times cannot be compared with other nodes'",
		Next:  []string{"chronyc tracking (on {node})", "tf-status -d (on {node})"},
		Find:  findClockSkew,
	},
}

// CheckByID returns the check with that id.
func CheckByID(id string) *Check {
	for i := range Checks {
		if Checks[i].ID == id {
			return &Checks[i]
		}
	}
	return nil
}

// finding fills the check's templates for one hit.
func (c *Check) finding(h Hit) Finding {
	n := h.Node
	vars := map[string]string{"node": n.Name, "host": n.Target.String(), "role": n.Role, "role_name": roleName(n.Role)}
	for k, v := range h.Vars {
		vars[k] = v
	}
	f := Finding{Severity: c.Severity, Node: n.Name, Role: n.Role, Host: n.Target.String(), Check: c.ID,
		What: expand(c.What, vars), Evidence: h.Evidence, Cause: expand(c.Cause, vars)}
	if h.Severity != 0 {
		f.Severity = h.Severity
	}
	if f.Evidence == nil {
		f.Evidence = []Evidence{}
	}
	for _, nx := range c.Next {
		f.Next = append(f.Next, expand(nx, vars))
	}
	return f
}

// expand replaces {name} by vars[name]; an unknown name stays as it is.
func expand(tmpl string, vars map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(tmpl[:i])
		if v, ok := vars[tmpl[i+1:i+j]]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
	b.WriteString(tmpl)
	return b.String()
}

func roleName(role string) string {
	switch role {
	case collect.RoleControl:
		return "control node"
	case collect.RoleVRouter:
		return "vRouter agent"
	}
	return role
}
