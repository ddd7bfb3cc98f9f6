// Package topo is the refnode topology: the YAML file that describes a
// reference cluster (control nodes, vRouter agents, orchestrator clusters,
// virtual networks, policies and pods), its defaults, the expansion of
// `generate:` blocks and validation with errors that name the key path.
//
// Load/Parse return a Topology whose derived fields (indexes, UUIDs, MACs,
// route targets, imports, resolved control lists) are filled, so that every
// consumer (cluster, control, agent, deploy) sees the same values.
package topo

import (
	"time"
)

// APIVersion is the only topology format version understood.
const APIVersion = "refnode.tfkit/v1"

// Topology is one reference cluster.
type Topology struct {
	APIVersion    string         `yaml:"apiVersion"`
	Cluster       Cluster        `yaml:"cluster"`
	Controls      []Control      `yaml:"controls"`
	VRouters      []VRouter      `yaml:"vrouters"`
	Orchestrators []Orchestrator `yaml:"orchestrators,omitempty"`
	Networks      []Network      `yaml:"networks,omitempty"`
	Policies      []Policy       `yaml:"policies,omitempty"`
	// SecurityGroups are the security groups pods may use (security.go).
	SecurityGroups []SecurityGroup `yaml:"security_groups,omitempty"`
	Pods           []Pod           `yaml:"pods,omitempty"`
	// NetworkServices: link-local services, static routes, service
	// chains, health checks, BGPaaS, mirrors (services.go).
	NetworkServices NetworkServices `yaml:"network_services,omitempty"`

	podPaths []string // key path of each pod, for errors (generated pods included)
}

// Cluster holds the cluster-wide settings.
type Cluster struct {
	Name          string     `yaml:"name"`
	ASN           uint32     `yaml:"asn"`
	Seed          int64      `yaml:"seed"`    // UUIDs, MACs, control shuffles: reproducible runs
	Version       string     `yaml:"version"` // CONTRAIL_VERSION shown by status tools
	Timers        TimersSpec `yaml:"timers"`
	Ports         Ports      `yaml:"ports"`
	Families      []string   `yaml:"families,omitempty"`       // BGP families shown in neighbor output
	EncapPriority []string   `yaml:"encap_priority,omitempty"` // MPLSoUDP, MPLSoGRE, VXLAN
	// Personas: also run the small stand-ins (control-nodemgr, vrouter-nodemgr,
	// dns, named) a container deployment has. Default true. With them
	// every agent also keeps XMPP sessions to its DNS servers (the dns
	// personas of its first two control nodes); without them it has none.
	Personas *bool `yaml:"personas,omitempty"`
}

// TimersSpec is the timer section: a scale applied to the Contrail defaults
// and optional explicit values that take precedence.
type TimersSpec struct {
	Scale         float64       `yaml:"scale,omitempty"`
	XMPPHold      time.Duration `yaml:"xmpp_hold,omitempty"`
	XMPPKeepalive time.Duration `yaml:"xmpp_keepalive,omitempty"`
	BGPHold       time.Duration `yaml:"bgp_hold,omitempty"`
	BGPKeepalive  time.Duration `yaml:"bgp_keepalive,omitempty"`
}

// Ports are the well-known ports every node of the cluster listens on
// (each node has its own 127.0.x.y address, so they never clash).
type Ports struct {
	BGP               int `yaml:"bgp,omitempty"`                // 179
	XMPP              int `yaml:"xmpp,omitempty"`               // 5269
	ControlIntrospect int `yaml:"control_introspect,omitempty"` // 8083
	AgentIntrospect   int `yaml:"agent_introspect,omitempty"`   // 8085
	ControlNodemgr    int `yaml:"control_nodemgr,omitempty"`    // 8101
	VRouterNodemgr    int `yaml:"vrouter_nodemgr,omitempty"`    // 8102
	DNS               int `yaml:"dns,omitempty"`                // 8092
	// DNSXMPP is contrail-dns's XMPP server, where every agent keeps a
	// session to each of its (at most two) DNS servers.
	DNSXMPP int `yaml:"dns_xmpp,omitempty"` // 8093
}

// Control is one control node (contrail-control).
type Control struct {
	Name     string `yaml:"name,omitempty"`
	Address  string `yaml:"address,omitempty"`
	RouterID string `yaml:"router_id,omitempty"` // default: Address
	// ASN and ClockOffset are faults (`ist doctor` finds them): the ASN
	// this node runs with while the other nodes' configuration still
	// says the cluster's (a node left on an old global ASN; default: the
	// cluster ASN), and how far its clock is off (every time it writes
	// in introspect is shifted; default 0).
	ASN         uint32        `yaml:"asn,omitempty"`
	ClockOffset time.Duration `yaml:"clock_offset,omitempty"`
	// OmitPeers is a fault too: control nodes this node's configuration
	// has no BGP peering with (a stale bgp-router), while they still
	// peer with it: an asymmetric session that never comes up.
	OmitPeers []string `yaml:"omit_peers,omitempty"`
	// Generate replaces this entry by Count control nodes.
	Generate *GenerateControls `yaml:"generate,omitempty"`

	Index int    `yaml:"-"` // 1-based position among the controls
	UUID  string `yaml:"-"` // bgp-router UUID
}

// GenerateControls expands into Count control nodes.
type GenerateControls struct {
	Count       int    `yaml:"count"`
	Name        string `yaml:"name"`         // printf pattern with one %d (1-based)
	AddressFrom string `yaml:"address_from"` // first address; see NextAddress
}

// VRouter is one compute node (contrail-vrouter-agent).
type VRouter struct {
	Name     string   `yaml:"name,omitempty"`
	Address  string   `yaml:"address,omitempty"` // vhost0 / XMPP source address
	Controls NameList `yaml:"controls,omitempty"`
	// Generate replaces this entry by Count vRouters (and their pods).
	Generate *GenerateVRouters `yaml:"generate,omitempty"`

	Index int    `yaml:"-"` // 1-based position among the vRouters
	UUID  string `yaml:"-"` // virtual-router UUID
}

// GenerateVRouters expands into Count vRouters with PodsPerVRouter pods each.
type GenerateVRouters struct {
	Count          int      `yaml:"count"`
	Name           string   `yaml:"name"`
	AddressFrom    string   `yaml:"address_from"`
	Controls       NameList `yaml:"controls,omitempty"`
	PodsPerVRouter int      `yaml:"pods_per_vrouter,omitempty"`
	Network        string   `yaml:"network,omitempty"`  // network of the generated pods
	PodName        string   `yaml:"pod_name,omitempty"` // pattern with %d; default "<vrouter>-pod-%d"
}

// NameList is a list of node names, or the word "all".
type NameList struct {
	All   bool
	Names []string
}

// Orchestrator is an orchestrator cluster whose networks refnode creates as
// its manager would (today: Kubernetes, as contrail-kube-manager does).
type Orchestrator struct {
	Type           string     `yaml:"type"` // kubernetes
	Name           string     `yaml:"name"` // cluster name, project <name>-default
	PodNetwork     SubnetSpec `yaml:"pod_network,omitempty"`
	ServiceNetwork SubnetSpec `yaml:"service_network,omitempty"`
}

// SubnetSpec is a subnet with an optional gateway.
type SubnetSpec struct {
	Subnet  string `yaml:"subnet,omitempty"`
	Gateway string `yaml:"gateway,omitempty"`
}

// Network is a virtual network; each has one routing instance.
type Network struct {
	Name           string   `yaml:"name"`
	FQName         string   `yaml:"fq_name,omitempty"` // domain:project:name; default default-domain:default-project:<name>
	Subnet         string   `yaml:"subnet,omitempty"`
	Gateway        string   `yaml:"gateway,omitempty"`         // default: last usable address
	ForwardingMode string   `yaml:"forwarding_mode,omitempty"` // l3 | l2 | l2_l3 (default l2_l3)
	VNIndex        int      `yaml:"vn_index,omitempty"`        // default: position
	RouteTargets   []string `yaml:"route_targets,omitempty"`   // default target:<asn>:<8000000+vn_index>
	Subnet6        string   `yaml:"subnet6,omitempty"`         // IPv6 subnet (dual stack); optional
	Gateway6       string   `yaml:"gateway6,omitempty"`        // default: last usable address of subnet6

	// Derived.
	UUID    string   `yaml:"-"`
	Imports []string `yaml:"-"` // route targets imported: own plus those of connected networks
	Builtin bool     `yaml:"-"` // one of the networks every cluster has
}

// Policy is a network policy with a pass rule between all its networks:
// each network imports the route targets of the others (no service chain).
type Policy struct {
	Name     string   `yaml:"name"`
	FQName   string   `yaml:"fq_name,omitempty"`
	Networks []string `yaml:"networks"`
	// Rules are the policy's rules (security.go); none = pass everything
	// between its networks.
	Rules []PolicyRule `yaml:"rules,omitempty"`
}

// Pod is a workload (Kubernetes pod or VM) with one interface.
type Pod struct {
	Name      string `yaml:"name"`
	Kind      string `yaml:"kind,omitempty"` // pod (default) | vm
	Namespace string `yaml:"namespace,omitempty"`
	VRouter   string `yaml:"vrouter"`
	Network   string `yaml:"network"`              // short name or fq_name
	IP        string `yaml:"ip,omitempty"`         // default: next free from the top of the subnet
	MAC       string `yaml:"mac,omitempty"`        // default: 02: + 5 bytes of the interface UUID
	LocalPref int    `yaml:"local_pref,omitempty"` // 100 (LOW) or 200 (HIGH)
	IP6       string `yaml:"ip6,omitempty"`        // IPv6 address; default: next free of the network's subnet6
	// ServiceIPs are more addresses the pod answers (a service VIP): pods
	// sharing one are ECMP next hops for it.
	ServiceIPs []string `yaml:"service_ips,omitempty"`
	// SecurityGroups by name; default: [default] when a security group
	// named default exists.
	SecurityGroups []string `yaml:"security_groups,omitempty"`

	// Derived.
	UUID      string `yaml:"-"` // virtual-machine UUID
	VMIUUID   string `yaml:"-"` // virtual-machine-interface UUID
	Interface string `yaml:"-"` // tap name, "tap" + 11 characters of VMIUUID
}
