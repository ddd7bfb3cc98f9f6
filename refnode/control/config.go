package control

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tfkit/tfkit/refnode/timers"
)

// Default ports of a control node (Contrail's own).
const (
	DefaultBGPPort        = 179
	DefaultXMPPPort       = 5269
	DefaultIntrospectPort = 8083
	DefaultASN            = 64512
)

// Config describes one control node. The cluster helper builds it from the
// topology; every field without a comment saying otherwise is required.
type Config struct {
	Name     string     // hostname, e.g. "control-1"; shown as peer name by other nodes
	Address  netip.Addr // service address: BGP, XMPP and introspect listen here
	RouterID netip.Addr // defaults to Address
	ASN      uint32     // defaults to DefaultASN

	BGPPort        int // public BGP port (netgate); default 179
	XMPPPort       int // default 5269; -1 = no XMPP listener
	IntrospectPort int // default 8083; -1 = no introspect listener

	// BGPInternalPort is where GoBGP itself listens, on Address; the public
	// BGP port is a relay to it (netgate, refnode/bgp.Gate). Zero =
	// BGPPort+10000 (or BGPPort-10000 when that would pass 65535).
	BGPInternalPort int

	Peers    []Peer    // the other control nodes (full iBGP mesh)
	Networks []Network // virtual networks → routing instances
	Timers   timers.Timers
	Services Services // static routes and service chains (netservices.go); optional

	// Version string shown in NodeStatus/build info; optional.
	Version string

	// ClockOffset is added to every time the node writes in introspect
	// (last_state_at, flap_time, last_modified, …): a fault, a node whose
	// clock is off by that much. Zero for a healthy node.
	ClockOffset time.Duration
}

// Peer is another control node this one peers with over BGP.
type Peer struct {
	Name     string     // its hostname (BgpNeighborResp.peer)
	Address  netip.Addr // its service address (BgpNeighborResp.peer_address)
	RouterID netip.Addr // defaults to Address
	ASN      uint32     // defaults to own ASN (iBGP)
	Port     int        // its public BGP port; default own BGPPort
}

// Network is one virtual network and so one routing instance
// "<fq_name>:<last part of fq_name>".
type Network struct {
	FQName  string // e.g. default-domain:k8s-default:k8s-default-pod-network
	VNIndex int    // virtual_network_network_id; >0
	VXLANID int    // 0 = same as VNIndex
	// ExportTargets are the RTs the instance exports, e.g. "target:64512:8000005".
	// Empty = the automatic one target:<asn>:<8000000+VNIndex>.
	ExportTargets []string
	// ImportTargets are extra imported RTs; the instance always imports
	// its own export targets too.
	ImportTargets []string
	// Connect lists FQNames of networks this one has a policy connection
	// with: their export targets are imported (and the policy shows in
	// routing_policies / config).
	Connect []string
	// Policies are network-policy fq names attached (IFMap pages only).
	Policies []string
	Subnet   netip.Prefix // optional, display only
}

// InstanceName is the routing-instance name of a network.
func (n Network) InstanceName() string {
	last := n.FQName
	for i := len(n.FQName) - 1; i >= 0; i-- {
		if n.FQName[i] == ':' {
			last = n.FQName[i+1:]
			break
		}
	}
	return n.FQName + ":" + last
}

// MasterInstance is the name of the default (master) routing instance.
const MasterInstance = "default-domain:default-project:ip-fabric:__default__"

// withDefaults fills optional fields and validates; errors name the field.
func (c Config) withDefaults() (Config, error) {
	if c.Name == "" {
		return c, fmt.Errorf("control config: name is empty: give the node a hostname")
	}
	if !c.Address.Is4() {
		return c, fmt.Errorf("control %s: address %q is not an IPv4 address", c.Name, c.Address)
	}
	if !c.RouterID.IsValid() {
		c.RouterID = c.Address
	}
	if c.ASN == 0 {
		c.ASN = DefaultASN
	}
	if c.BGPPort == 0 {
		c.BGPPort = DefaultBGPPort
	}
	if c.XMPPPort == 0 {
		c.XMPPPort = DefaultXMPPPort
	}
	if c.IntrospectPort == 0 {
		c.IntrospectPort = DefaultIntrospectPort
	}
	if c.BGPInternalPort == 0 {
		c.BGPInternalPort = c.BGPPort + 10000
		if c.BGPInternalPort > 65535 {
			c.BGPInternalPort = c.BGPPort - 10000
		}
	}
	if c.Timers.Scale == 0 {
		c.Timers = timers.Defaults()
	}
	for i := range c.Peers {
		p := &c.Peers[i]
		if !p.Address.Is4() {
			return c, fmt.Errorf("control %s: peers[%d] (%s): address %q is not IPv4", c.Name, i, p.Name, p.Address)
		}
		if !p.RouterID.IsValid() {
			p.RouterID = p.Address
		}
		if p.ASN == 0 {
			p.ASN = c.ASN
		}
		if p.Port == 0 {
			p.Port = c.BGPPort
		}
		if p.Name == "" {
			p.Name = p.Address.String()
		}
	}
	seen := map[string]bool{}
	for i, n := range c.Networks {
		if n.FQName == "" {
			return c, fmt.Errorf("control %s: networks[%d]: fq_name is empty", c.Name, i)
		}
		if seen[n.FQName] {
			return c, fmt.Errorf("control %s: networks[%d]: %s listed twice", c.Name, i, n.FQName)
		}
		seen[n.FQName] = true
		if n.VNIndex <= 0 {
			return c, fmt.Errorf("control %s: networks[%d] (%s): vn_index must be > 0", c.Name, i, n.FQName)
		}
	}
	for i, n := range c.Networks {
		for _, o := range n.Connect {
			if !seen[o] {
				return c, fmt.Errorf("control %s: networks[%d] (%s): connect names unknown network %q", c.Name, i, n.FQName, o)
			}
		}
	}
	return c, nil
}
