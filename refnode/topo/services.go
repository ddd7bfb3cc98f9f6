package topo

import (
	"fmt"
	"net/netip"
)

// NetworkServices is the `network_services:` block: what a cluster
// configures beyond networks and pods, each shown by its daemon's
// introspect (ist vr linklocal|hc|baas|si|mirror vn|mirror intf, ist ctr
// route static|sc). Pods are named by pod name, networks by name or
// fq_name, as elsewhere in the topology.
type NetworkServices struct {
	LinkLocal     []LinkLocal    `yaml:"link_local,omitempty"`
	StaticRoutes  []StaticRoute  `yaml:"static_routes,omitempty"`
	ServiceChains []ServiceChain `yaml:"service_chains,omitempty"`
	HealthChecks  []HealthCheck  `yaml:"health_checks,omitempty"`
	BGPaaS        []BGPaaS       `yaml:"bgpaas,omitempty"`
	Mirrors       []Mirror       `yaml:"mirrors,omitempty"`
}

// LinkLocal is a global-vrouter-config link-local service: a service
// address and port the agents map to a fabric service.
type LinkLocal struct {
	Name       string   `yaml:"name"`
	IP         string   `yaml:"ip"`
	Port       int      `yaml:"port"`
	FabricDNS  string   `yaml:"fabric_dns,omitempty"` // or FabricIPs
	FabricIPs  []string `yaml:"fabric_ips,omitempty"`
	FabricPort int      `yaml:"fabric_port"`
}

// StaticRoute is a static route of a network's routing instance (the
// control node's static route manager): Prefix through NextHop, an
// address in that network (usually a pod).
type StaticRoute struct {
	Network     string   `yaml:"network"`
	Prefix      string   `yaml:"prefix"`
	NextHop     string   `yaml:"next_hop"`
	Communities []string `yaml:"communities,omitempty"`

	Instance string `yaml:"-"` // routing instance of Network
}

// ServiceChain is an in-network service instance between two networks:
// traffic from Left to Right goes through Pod, the service VM whose
// interface in Left is the chain's address.
type ServiceChain struct {
	Name        string `yaml:"name"` // service instance name, in Left's project
	Left        string `yaml:"left"`
	Right       string `yaml:"right"`
	Pod         string `yaml:"pod"`
	ServiceType string `yaml:"service_type,omitempty"` // firewall (default), analyzer, source-nat

	// Derived.
	FQName        string `yaml:"-"` // <left project>:<name>
	UUID          string `yaml:"-"` // service-instance uuid
	LeftFQName    string `yaml:"-"`
	RightFQName   string `yaml:"-"`
	LeftInstance  string `yaml:"-"`
	RightInstance string `yaml:"-"`
	Address       string `yaml:"-"` // the service VM's address (service_chain_addr)
	VRouter       string `yaml:"-"` // where the service VM runs
	VMUUID        string `yaml:"-"`
	VMIUUID       string `yaml:"-"`
}

// HealthCheck is a service-health-check on one pod's interface.
type HealthCheck struct {
	Name          string `yaml:"name"`
	Pod           string `yaml:"pod"`
	MonitorType   string `yaml:"monitor_type,omitempty"` // PING (default) or HTTP
	URLPath       string `yaml:"url_path,omitempty"`     // HTTP: default "/"
	HTTPMethod    string `yaml:"http_method,omitempty"`  // HTTP: default GET
	ExpectedCodes string `yaml:"expected_codes,omitempty"`
	Delay         int    `yaml:"delay,omitempty"`       // seconds, default 3
	Timeout       int    `yaml:"timeout,omitempty"`     // seconds, default 5
	MaxRetries    int    `yaml:"max_retries,omitempty"` // default 2

	// Derived.
	FQName  string `yaml:"-"`
	UUID    string `yaml:"-"`
	VRouter string `yaml:"-"`
}

// BGPaaS is a BGP-as-a-service session of one pod (its address is the
// VM's BGP peer), optionally watched by a health check.
type BGPaaS struct {
	Name        string `yaml:"name"`
	Pod         string `yaml:"pod"`
	HealthCheck string `yaml:"health_check,omitempty"` // name of a health_checks entry
	Shared      bool   `yaml:"shared,omitempty"`

	VRouter string `yaml:"-"`
}

// Mirror mirrors one pod's interface to an analyzer (UDP to
// AnalyzerIP:Port), as an interface mirror and as the mirror ACL of the
// pod's network.
type Mirror struct {
	Name       string `yaml:"name"` // analyzer name
	Pod        string `yaml:"pod"`
	AnalyzerIP string `yaml:"analyzer_ip"`
	Port       int    `yaml:"port,omitempty"` // default 8099

	VRouter string `yaml:"-"`
}

// ServicePod returns a pod by name.
func (t *Topology) ServicePod(name string) *Pod {
	for i := range t.Pods {
		if t.Pods[i].Name == name {
			return &t.Pods[i]
		}
	}
	return nil
}

// HealthCheckNamed returns a health check by name.
func (t *Topology) HealthCheckNamed(name string) *HealthCheck {
	for i := range t.NetworkServices.HealthChecks {
		if t.NetworkServices.HealthChecks[i].Name == name {
			return &t.NetworkServices.HealthChecks[i]
		}
	}
	return nil
}

// expandNetworkServices checks the block and fills the derived fields.
func (t *Topology) expandNetworkServices(c *errs) {
	s := &t.NetworkServices
	pod := func(path, name string) *Pod {
		p := t.ServicePod(name)
		if p == nil {
			c.add(path, "%q is not a pod of this topology: use one of the pods[].name", name)
		}
		return p
	}
	addr := func(path, v string) {
		if _, err := netip.ParseAddr(v); err != nil {
			c.add(path, "%q is not an IP address", v)
		}
	}
	port := func(path string, v int) {
		if v <= 0 || v > 65535 {
			c.add(path, "%d is not a port: give 1-65535", v)
		}
	}
	for i := range s.LinkLocal {
		l, path := &s.LinkLocal[i], fmt.Sprintf("network_services.link_local[%d]", i)
		if l.Name == "" {
			c.add(path+".name", "missing: every link-local service needs a name")
		}
		addr(path+".ip", l.IP)
		port(path+".port", l.Port)
		port(path+".fabric_port", l.FabricPort)
		if l.FabricDNS == "" && len(l.FabricIPs) == 0 {
			c.add(path, "no fabric service: give fabric_dns or fabric_ips")
		}
		for j, ip := range l.FabricIPs {
			addr(fmt.Sprintf("%s.fabric_ips[%d]", path, j), ip)
		}
	}
	for i := range s.StaticRoutes {
		r, path := &s.StaticRoutes[i], fmt.Sprintf("network_services.static_routes[%d]", i)
		if nw, msg := t.lookupNetwork(r.Network); nw == nil {
			c.add(path+".network", "%s", msg)
		} else {
			r.Instance = nw.RoutingInstance()
		}
		if _, err := netip.ParsePrefix(r.Prefix); err != nil {
			c.add(path+".prefix", "%q is not a prefix: write e.g. 10.50.0.0/24", r.Prefix)
		}
		addr(path+".next_hop", r.NextHop)
	}
	for i := range s.ServiceChains {
		sc, path := &s.ServiceChains[i], fmt.Sprintf("network_services.service_chains[%d]", i)
		if sc.ServiceType == "" {
			sc.ServiceType = "firewall"
		}
		left, lmsg := t.lookupNetwork(sc.Left)
		right, rmsg := t.lookupNetwork(sc.Right)
		if left == nil {
			c.add(path+".left", "%s", lmsg)
		}
		if right == nil {
			c.add(path+".right", "%s", rmsg)
		}
		p := pod(path+".pod", sc.Pod)
		if left == nil || right == nil || p == nil {
			continue
		}
		if t.Network(p.Network) != left {
			c.add(path+".pod", "%q is in %s: the service VM's interface must be in the left network %s", p.Name, p.Network, left.FQName)
		}
		sc.FQName = left.Project() + ":" + sc.Name
		sc.UUID = uuidFor(t.Cluster.Seed, "service-instance", sc.FQName)
		sc.LeftFQName, sc.RightFQName = left.FQName, right.FQName
		sc.LeftInstance, sc.RightInstance = left.RoutingInstance(), right.RoutingInstance()
		sc.Address, sc.VRouter, sc.VMUUID, sc.VMIUUID = p.IP, p.VRouter, p.UUID, p.VMIUUID
	}
	for i := range s.HealthChecks {
		h, path := &s.HealthChecks[i], fmt.Sprintf("network_services.health_checks[%d]", i)
		switch h.MonitorType {
		case "":
			h.MonitorType = "PING"
		case "PING":
		case "HTTP":
			if h.URLPath == "" {
				h.URLPath = "/"
			}
			if h.HTTPMethod == "" {
				h.HTTPMethod = "GET"
			}
			if h.ExpectedCodes == "" {
				h.ExpectedCodes = "200"
			}
		default:
			c.add(path+".monitor_type", "%q: use PING or HTTP", h.MonitorType)
		}
		h.Delay, h.Timeout, h.MaxRetries = orDefault(h.Delay, 3), orDefault(h.Timeout, 5), orDefault(h.MaxRetries, 2)
		if p := pod(path+".pod", h.Pod); p != nil {
			h.FQName = t.Network(p.Network).Project() + ":" + h.Name
			h.UUID = uuidFor(t.Cluster.Seed, "service-health-check", h.FQName)
			h.VRouter = p.VRouter
		}
	}
	for i := range s.BGPaaS {
		b, path := &s.BGPaaS[i], fmt.Sprintf("network_services.bgpaas[%d]", i)
		if p := pod(path+".pod", b.Pod); p != nil {
			b.VRouter = p.VRouter
		}
		if b.HealthCheck != "" && t.HealthCheckNamed(b.HealthCheck) == nil {
			c.add(path+".health_check", "%q is not a health check of network_services.health_checks", b.HealthCheck)
		}
	}
	for i := range s.Mirrors {
		m, path := &s.Mirrors[i], fmt.Sprintf("network_services.mirrors[%d]", i)
		m.Port = orDefault(m.Port, 8099)
		addr(path+".analyzer_ip", m.AnalyzerIP)
		port(path+".port", m.Port)
		if p := pod(path+".pod", m.Pod); p != nil {
			m.VRouter = p.VRouter
		}
	}
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
