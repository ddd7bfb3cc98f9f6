package exporter

import "github.com/prometheus/client_golang/prometheus"

// Metric documents one metric.
type Metric struct {
	Name   string
	Type   prometheus.ValueType
	Labels []string
	Help   string
	desc   *prometheus.Desc
}

func metric(name string, t prometheus.ValueType, help string, labels ...string) *Metric {
	return &Metric{Name: name, Type: t, Labels: labels, Help: help, desc: prometheus.NewDesc(name, help, labels, nil)}
}

var (
	gauge   = prometheus.GaugeValue
	counter = prometheus.CounterValue
)

// The metrics, in the order --help lists them.
var (
	mUp            = metric("tf_up", gauge, "1 when the daemon's introspect answered this scrape, 0 when not", "node", "role", "address")
	mProcess       = metric("tf_process_functional", gauge, "1 when NodeStatus says the process is Functional (0: Non-Functional, Initializing, …)", "node", "role", "module")
	mProcState     = metric("tf_process_state", gauge, "1 for the process's NodeStatus state (Functional, Non-Functional, Initializing, …)", "node", "role", "module", "state")
	mProcRunning   = metric("tf_process_running", gauge, "1 when a nodemgr reports the process running (ProcessInfo)", "node", "role", "process")
	mProcStarts    = metric("tf_process_starts_total", counter, "times the nodemgr saw the process start", "node", "role", "process")
	mProcExits     = metric("tf_process_exits_total", counter, "times the nodemgr saw the process exit", "node", "role", "process")
	mConnection    = metric("tf_connection_up", gauge, "1 when NodeStatus says the connection is Up", "node", "role", "type", "name")
	mBGPUp         = metric("tf_bgp_peer_up", gauge, "1 when the BGP session is Established", "node", "peer", "peer_address", "peer_asn")
	mBGPState      = metric("tf_bgp_peer_state", gauge, "1 for the BGP session's state (Idle, Active, Connect, OpenSent, OpenConfirm, Established)", "node", "peer", "state")
	mBGPFlaps      = metric("tf_bgp_peer_flaps_total", counter, "times the BGP session went down (flap_count)", "node", "peer")
	mBGPPaths      = metric("tf_bgp_peer_primary_paths", gauge, "primary paths received from the BGP peer", "node", "peer")
	mXMPPUp        = metric("tf_xmpp_peer_up", gauge, "1 when the control node's XMPP session with the agent is Established", "node", "peer", "peer_address")
	mXMPPFlaps     = metric("tf_xmpp_peer_flaps_total", counter, "times the control node's XMPP session with the agent went down", "node", "peer")
	mXMPPPaths     = metric("tf_xmpp_peer_primary_paths", gauge, "primary paths the agent published to the control node", "node", "peer")
	mAgentXMPP     = metric("tf_vrouter_xmpp_up", gauge, "1 when the agent's XMPP session with the control node is Established", "node", "controller")
	mAgentXMPPFlap = metric("tf_vrouter_xmpp_flaps_total", counter, "times the agent's XMPP session with the control node went down", "node", "controller")
	mAgentSessions = metric("tf_vrouter_xmpp_sessions", gauge, "the agent's Established XMPP sessions (two in a healthy cluster)", "node")
	mRoutes        = metric("tf_routes", gauge, "prefixes in the routing table", "node", "table")
	mRoutePaths    = metric("tf_route_paths", gauge, "paths in the routing table", "node", "table")
	mInterfaces    = metric("tf_vrouter_interfaces", gauge, "the agent's interfaces by state (active, inactive)", "node", "state")
	mFlows         = metric("tf_vrouter_flows", gauge, "flows in the agent's flow table", "node")
	mFlowsMax      = metric("tf_vrouter_flows_max", gauge, "size of the agent's flow table", "node")
	mFlowsAdded    = metric("tf_vrouter_flows_added_total", counter, "flows added to the agent's flow table", "node")
	mFlowsDeleted  = metric("tf_vrouter_flows_deleted_total", counter, "flows deleted from the agent's flow table", "node")
	mDrops         = metric("tf_vrouter_drops_total", counter, "packets the vRouter dropped, by reason (KDropStatsReq, ds_ prefix removed)", "node", "reason")
	mScrapeSeconds = metric("tf_scrape_duration_seconds", gauge, "time this scrape took")
	mScrapeReqs    = metric("tf_scrape_requests", gauge, "HTTP requests this scrape sent")
	mScrapeFailed  = metric("tf_scrape_failed_requests", gauge, "requests of this scrape that failed (an agent without flows or drops answers 404 to those: counted here)")
)

// Metrics lists every metric the exporter serves.
var Metrics = []*Metric{mUp, mProcess, mProcState, mProcRunning, mProcStarts, mProcExits, mConnection, mBGPUp, mBGPState, mBGPFlaps, mBGPPaths,
	mXMPPUp, mXMPPFlaps, mXMPPPaths, mAgentXMPP, mAgentXMPPFlap, mAgentSessions, mRoutes, mRoutePaths, mInterfaces,
	mFlows, mFlowsMax, mFlowsAdded, mFlowsDeleted, mDrops, mScrapeSeconds, mScrapeReqs, mScrapeFailed}
