package doctor

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
)

// The causes doctor names are data: the reason texts the daemons publish
// (peer-features §3.1, status-capture-exit) and what each one means.

// descriptionCauses maps a NodeStatus description (a substring of it) to
// its likely cause, first match wins.
var descriptionCauses = []struct{ text, cause string }{
	{"No BGP configuration for self", "this control node's bgp-router object is missing, or its name is not the node's hostname (--hostname): check the bgp-routers in the config API"},
	{"IFMap Server End-Of-RIB not computed", "the control node has not received its whole configuration yet: config API, Cassandra or RabbitMQ is slow or down"},
	{"BGP is administratively down", "the bgp-router of this node has admin_state down in the configuration"},
	{"No control-node", // "No control-node(s) configured"
		"the agent has no control node in its configuration (CONTROL_NODES, [CONTROL-NODE] servers)"},
	{"No Configuration for self", "the virtual-router object of this host is missing, or its name differs from the agent's hostname (node1 vs node1.local): fix VROUTER_HOSTNAME or the object"},
	{"No ToR Config", "the ToR agent has no configuration for its ToR switch"},
	{"NTP state unsynchronized", "NTP is not synchronised on this node (chronyc tracking)"},
	{"Cassandra state detected DOWN", "Cassandra is down on this node, often a JVM out of memory: check its log and JVM_EXTRA_OPTS -Xmx"},
	{"Disk for DB is too low", "the database disk is under minimum_diskgb (a warning on lab nodes, a real problem in production)"},
	{"Number of connections", "a connection the daemon expects has never been opened: see its ConnectionInfo list"},
}

// describeCause is the cause of a NodeStatus description.
func describeCause(desc string) string {
	for _, c := range descriptionCauses {
		if strings.Contains(desc, c.text) {
			return c.cause
		}
	}
	return "see the daemon's description above and its log"
}

// connectionCauses maps a ConnectionInfo type to what its being down
// means.
var connectionCauses = map[string]string{
	"Collector":   "the analytics collector at {servers} is down or unreachable: the daemon keeps working, but its logs, UVEs and alarms are lost",
	"Database":    "the database ({name}) at {servers} is down or unreachable: configuration and state cannot be read or written",
	"IFMap":       "the configuration feed (IFMap/config database) is down: new configuration does not reach the node",
	"ApiServer":   "the config API server at {servers} is down or unreachable",
	"Zookeeper":   "ZooKeeper at {servers} is down or unreachable",
	"Redis-UVE":   "Redis at {servers} is down: UVEs are lost (after an analytics reboot this can be a false alarm, LP 1733027)",
	"KafkaPub":    "Kafka at {servers} is down: analytics messages are not published",
	"XMPP":        "the XMPP session to {name} is down",
	"Discovery":   "the discovery server at {servers} is down or unreachable",
	"ToR":         "the ToR switch session is down",
	"Redis-Query": "Redis used by the query engine at {servers} is down",
}

// inactiveCauses maps the agent's inactive reasons to their meaning.
var inactiveCauses = map[string]string{
	"admin-down":    "the port is administratively down (its virtual-machine-interface has admin_state false)",
	"vn-null":       "the interface has no virtual network on this agent: its VMI refers to no VN, or the agent has not received the VN from config (IFMap)",
	"vn-admin-down": "its virtual network is administratively down",
	"vrf-null":      "the agent has no routing instance (VRF) for its network",
	"no-dev":        "the tap device does not exist on the host: the CNI or nova did not create it, or it was deleted",
	"os-state-down": "the tap device is down on the host (the pod or VM is stopping, or the link was set down)",
}

func inactiveCause(reasons []string) string {
	var out []string
	for _, r := range reasons {
		if c, ok := inactiveCauses[r]; ok {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "the agent did not say why: check the interface's configuration"
	}
	return strings.Join(out, "; ")
}

// classCause is what a node that does not answer most likely has, by the
// client's error class.
func classCause(e *client.Error) string {
	switch e.Class {
	case client.ClassConnection:
		switch {
		case strings.Contains(e.What, "refused"):
			return "nothing listens on the introspect port: the daemon is down (or restarting), or it uses another port"
		case strings.Contains(e.What, "deadline"), strings.Contains(e.What, "no answer"):
			return "the daemon accepts connections but does not answer: it is hung, overloaded or paused"
		case strings.Contains(e.What, "unreachable"):
			return "the node's address cannot be reached from here: routing, firewall, or the node is down"
		case strings.Contains(e.What, "resolve"):
			return "the host name does not resolve: give an address or fix DNS"
		}
		return "the connection failed: the node or its daemon is down"
	case client.ClassTLS:
		return "introspect TLS does not match: the daemon has introspect_ssl_enable (use --ssl and certificates) or not (drop --ssl)"
	case client.ClassHTTP:
		return "something else answers on that port, or the daemon does not know the request: wrong role or port?"
	case client.ClassParse:
		return "the answer is not valid Sandesh XML (cut short, or a bug): save it with curl and report it"
	}
	return e.Error()
}
