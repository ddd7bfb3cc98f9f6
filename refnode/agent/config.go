package agent

import (
	"net/netip"

	"github.com/tfkit/tfkit/refnode/timers"
)

// Default ports of an agent.
const (
	DefaultIntrospectPort = 8085
	DefaultXMPPPort       = 5269
	// MaxXMPPServers is Contrail's MAX_XMPP_SERVERS: channels in use.
	MaxXMPPServers = 2
)

// Config describes one vRouter agent. The cluster helper builds it from
// the topology; fields without a comment saying otherwise are required.
type Config struct {
	Name    string     // hostname, e.g. "vrouter-1"; XMPP stream "from"
	Address netip.Addr // vhost0 address: XMPP source, introspect, next hop of its routes
	UUID    string     // virtual-router uuid; optional

	IntrospectPort int // default 8085; -1 = no introspect listener

	// Controls is the configured control-node list (CONTROL_NODES), before
	// the seeded shuffle; the agent uses the first MaxXMPPServers.
	Controls []Control
	// DNSServers is the configured DNS server list (DNS_SERVERS: the
	// contrail-dns XMPP servers, Port default DefaultDNSXMPPPort); the
	// agent keeps a session to the first MaxXMPPServers after the seeded
	// shuffle. None = no DNS channels.
	DNSServers []Control
	// Networks the agent has VRFs for (usually every VN of the cluster;
	// the fabric and link-local VRFs are always created).
	Networks []Network
	// Interfaces are the pods/VMs attached to this vRouter.
	Interfaces []Interface

	Timers timers.Timers
	Seed   int64 // shuffle of Controls; 0 = derived from Name

	// EncapPriority is the global encapsulation priority list, e.g.
	// [MPLSoUDP MPLSoGRE VXLAN] (the default when empty).
	EncapPriority []string
	Version       string // build/version string; optional

	// LinkLocalServices are the global-vrouter-config link-local services
	// (LinkLocalServiceInfo); optional.
	LinkLocalServices []LinkLocalService

	// SecurityGroups are the security groups the interfaces refer to
	// (Interface.SecurityGroups, by uuid); optional.
	SecurityGroups []SecurityGroup

	// Services: health checks, BGPaaS, service instances and mirrors on
	// this agent's interfaces (netservices.go); optional.
	Services Services
}

// LinkLocalService maps a link-local address and port to a fabric service
// (e.g. the Kubernetes API or the metadata server).
type LinkLocalService struct {
	Name          string       // e.g. "metadata"
	IP            netip.Addr   // link-local (service) address, e.g. 169.254.169.254
	Port          int          // service port
	FabricDNSName string       // fabric service by DNS name; or FabricIPs
	FabricIPs     []netip.Addr // fabric service addresses
	FabricPort    int          // fabric service port
}

// Control is one control node the agent may talk to.
type Control struct {
	Name    string     // its hostname, e.g. "control-1"
	Address netip.Addr // XMPP address
	Port    int        // default DefaultXMPPPort
}

// Network is one virtual network: one VRF named "<fq_name>:<last part>".
type Network struct {
	FQName   string         // e.g. default-domain:k8s-default:k8s-default-pod-network
	UUID     string         // optional
	VNIndex  int            // virtual-network id (> 0)
	VXLANID  int            // 0 = VNIndex
	Subnets  []netip.Prefix // IPAM subnets; optional
	Gateway  netip.Addr     // optional
	IPAMName string         // optional; default default-domain:default-project:default-network-ipam
	Layer2   bool           // l2 or l2_l3 forwarding
	Layer3   bool           // l3 or l2_l3 forwarding (both false = l2_l3)
	// Policy is the network's ACL: the rules of its network policies, in
	// order; nil = no policy (everything passes).
	Policy *ACL
}

// Interface is one VM interface (a pod's eth0 seen as a tap on the host).
type Interface struct {
	Name      string       // tap name, e.g. tap1a2b3c4d-5e
	UUID      string       // virtual-machine-interface uuid
	VMName    string       // pod or VM name, e.g. "cirros-1"
	VMUUID    string       // virtual-machine uuid
	Network   string       // fq name of its Network
	IP        netip.Addr   // primary IPv4
	MAC       string       // e.g. 02:1a:2b:3c:4d:5e
	LocalPref uint32       // 100 (default) or 200
	SGIDs     []uint32     // security group ids; optional
	Project   string       // project uuid; optional
	Prefix    netip.Prefix // published prefix; default IP/32
	// IP6 is the interface's IPv6 address (dual stack); optional.
	IP6 netip.Addr
	// ServiceIPs are more addresses the interface answers (a service VIP
	// several pods share: ECMP); optional.
	ServiceIPs []netip.Addr
	// SecurityGroups are uuids of Config.SecurityGroups; none = no
	// security group stage in its flows.
	SecurityGroups []string
}
