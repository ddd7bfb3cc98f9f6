// Package status is tf-status: it finds the Contrail containers of a node
// through the container engine, asks each service's introspect for its
// NodeStatus (all in parallel, one timeout for the lot) and prints the
// result in contrail-status's layouts. Behaviour notes:
// ../shared/research/status-capture-exit.md §1.
package status

// A PodService is one line of a pod section: a service and the Sandesh
// module that answers NodeStatus for it ("" = judged from the container
// state alone: cassandra, kafka, webui...).
type PodService struct {
	Service string
	Module  string
}

// podServices is contrail-status's pod → service → module map, in the
// order the pod sections list them.
var podServices = map[string][]PodService{
	"vrouter": {{"nodemgr", "contrail-vrouter-nodemgr"}, {"agent", "contrail-vrouter-agent"}},
	"control": {{"nodemgr", "contrail-control-nodemgr"}, {"control", "contrail-control"},
		{"named", "contrail-named"}, {"dns", "contrail-dns"}},
	"config": {{"nodemgr", "contrail-config-nodemgr"}, {"api", "contrail-api"}, {"schema", "contrail-schema"},
		{"svc-monitor", "contrail-svc-monitor"}, {"device-manager", "contrail-device-manager"}},
	"config-database": {{"nodemgr", "contrail-config-database-nodemgr"}, {"cassandra", ""},
		{"zookeeper", ""}, {"rabbitmq", ""}},
	"analytics": {{"nodemgr", "contrail-analytics-nodemgr"}, {"api", "contrail-analytics-api"},
		{"collector", "contrail-collector"}},
	"analytics-alarm": {{"nodemgr", "contrail-analytics-alarm-nodemgr"}, {"alarm-gen", "contrail-alarm-gen"},
		{"kafka", ""}},
	"analytics-snmp": {{"nodemgr", "contrail-analytics-snmp-nodemgr"},
		{"snmp-collector", "contrail-snmp-collector"}, {"topology", "contrail-topology"}},
	"kubernetes": {{"kube-manager", "contrail-kube-manager"}},
	"database":   {{"nodemgr", "contrail-database-nodemgr"}, {"query-engine", "contrail-query-engine"}, {"cassandra", ""}},
	"webui":      {{"web", ""}, {"job", ""}},
	"toragent":   {{"tor-agent", "contrail-tor-agent"}},
}

// PodServices returns the services a pod section lists (nil for a pod
// contrail-status does not know).
func PodServices(pod string) []PodService { return podServices[pod] }

// uveImplemented are the modules that publish NodeStatus
// (NodeUVEImplementedServices); the others are judged by container state.
var uveImplemented = map[string]bool{
	"contrail-vrouter-agent": true, "contrail-control": true, "contrail-api": true,
	"contrail-schema": true, "contrail-svc-monitor": true, "contrail-device-manager": true,
	"contrail-analytics-api": true, "contrail-collector": true, "contrail-query-engine": true,
	"contrail-alarm-gen": true, "contrail-snmp-collector": true, "contrail-topology": true,
	"contrail-kube-manager": true, "contrail-tor-agent": true,
	"contrail-vrouter-nodemgr": true, "contrail-control-nodemgr": true, "contrail-config-nodemgr": true,
	"contrail-config-database-nodemgr": true, "contrail-analytics-nodemgr": true,
	"contrail-analytics-alarm-nodemgr": true, "contrail-analytics-snmp-nodemgr": true,
	"contrail-database-nodemgr": true,
}

// backupCapable modules run active/backup: a refused connection means
// "backup", not a fault (BackupImplementedServices).
var backupCapable = map[string]bool{
	"contrail-schema": true, "contrail-svc-monitor": true, "contrail-device-manager": true,
	"contrail-kube-manager": true, "contrail-vcenter-fabric-manager": true,
}

// portEnv is the container env variable that overrides a module's
// introspect port.
var portEnv = map[string]string{
	"contrail-vrouter-agent":  "VROUTER_AGENT_INTROSPECT_PORT",
	"contrail-tor-agent":      "TOR_HTTP_SERVER_PORT",
	"contrail-dns":            "DNS_INTROSPECT_PORT",
	"contrail-control":        "CONTROL_INTROSPECT_PORT",
	"contrail-topology":       "TOPOLOGY_INTROSPECT_PORT",
	"contrail-snmp-collector": "SNMPCOLLECTOR_INTROSPECT_PORT",
	"contrail-alarm-gen":      "ALARMGEN_INTROSPECT_PORT",
	"contrail-collector":      "COLLECTOR_INTROSPECT_PORT",
	"contrail-query-engine":   "QUERYENGINE_INTROSPECT_PORT",
	"contrail-analytics-api":  "ANALYTICS_API_INTROSPECT_PORT",
	"contrail-api":            "CONFIG_API_INTROSPECT_PORT",
}

// defaultPort is the standard introspect port of each module (vns.sandesh
// ServiceHttpPortMap; spec §4.1).
var defaultPort = map[string]int{
	"contrail-vrouter-agent": 8085, "contrail-control": 8083, "contrail-dns": 8092,
	"contrail-api": 8084, "contrail-schema": 8087, "contrail-svc-monitor": 8088,
	"contrail-device-manager": 8096, "contrail-collector": 8089, "contrail-analytics-api": 8090,
	"contrail-query-engine": 8091, "contrail-alarm-gen": 5995, "contrail-snmp-collector": 5920,
	"contrail-topology": 5921, "contrail-kube-manager": 8108,
	"contrail-config-nodemgr": 8100, "contrail-control-nodemgr": 8101, "contrail-vrouter-nodemgr": 8102,
	"contrail-database-nodemgr": 8103, "contrail-analytics-nodemgr": 8104,
	"contrail-config-database-nodemgr": 8112, "contrail-analytics-alarm-nodemgr": 8113,
	"contrail-analytics-snmp-nodemgr": 8114,
}

// sharedServices have no pod: they appear in the container table only.
var sharedServices = map[string]bool{
	"contrail-external-redis":    true,
	"contrail-external-stunnel":  true,
	"contrail-external-rsyslogd": true,
}

// indexedServices may run several times on one node (one per ToR), so their
// key carries a hash of the env.
var indexedServices = map[string]bool{"tor-agent": true}

// States a service can be in.
const (
	StateActive       = "active"
	StateInactive     = "inactive"
	StateInitializing = "initializing"
	StateBackup       = "backup"
	StateTimeout      = "timeout"
)
