package cluster

import (
	"net/netip"

	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/control"
	"github.com/tfkit/tfkit/refnode/topo"
)

// controlServices maps the topology's static routes and service chains
// to every control node (the schema transformer configures them on all).
func controlServices(t *topo.Topology) control.Services {
	var s control.Services
	for _, r := range t.NetworkServices.StaticRoutes {
		s.StaticRoutes = append(s.StaticRoutes, control.StaticRoute{Instance: r.Instance, Prefix: netip.MustParsePrefix(r.Prefix),
			NextHop: netip.MustParseAddr(r.NextHop), Communities: r.Communities})
	}
	for _, c := range t.NetworkServices.ServiceChains {
		s.ServiceChains = append(s.ServiceChains, control.ServiceChain{ServiceInstance: c.FQName, UUID: c.UUID,
			LeftVN: c.LeftFQName, RightVN: c.RightFQName, LeftInstance: c.LeftInstance, RightInstance: c.RightInstance,
			Address: netip.MustParseAddr(c.Address)})
	}
	return s
}

// agentServices maps the topology's link-local services (every agent)
// and the services on the pods of one vRouter.
func agentServices(t *topo.Topology, vrouter string) ([]agent.LinkLocalService, agent.Services) {
	var ll []agent.LinkLocalService
	for _, l := range t.NetworkServices.LinkLocal {
		s := agent.LinkLocalService{Name: l.Name, IP: netip.MustParseAddr(l.IP), Port: l.Port, FabricDNSName: l.FabricDNS, FabricPort: l.FabricPort}
		for _, ip := range l.FabricIPs {
			s.FabricIPs = append(s.FabricIPs, netip.MustParseAddr(ip))
		}
		ll = append(ll, s)
	}
	var s agent.Services
	vmi := func(pod string) string { return t.ServicePod(pod).VMIUUID }
	ns := t.NetworkServices
	for _, h := range ns.HealthChecks {
		if h.VRouter == vrouter {
			s.HealthChecks = append(s.HealthChecks, agent.HealthCheck{UUID: h.UUID, Name: h.FQName, MonitorType: h.MonitorType,
				HTTPMethod: h.HTTPMethod, URLPath: h.URLPath, ExpectedCodes: h.ExpectedCodes,
				Delay: h.Delay, Timeout: h.Timeout, MaxRetries: h.MaxRetries, Interface: vmi(h.Pod)})
		}
	}
	for _, b := range ns.BGPaaS {
		if b.VRouter == vrouter {
			a := agent.BGPaaS{Interface: vmi(b.Pod), Shared: b.Shared}
			if h := t.HealthCheckNamed(b.HealthCheck); h != nil {
				a.HealthCheck = h.UUID
			}
			s.BGPaaS = append(s.BGPaaS, a)
		}
	}
	for _, c := range ns.ServiceChains {
		if c.VRouter == vrouter {
			s.ServiceInstances = append(s.ServiceInstances, agent.ServiceInstance{UUID: c.UUID, ServiceType: c.ServiceType,
				VMUUID: c.VMUUID, Inside: c.VMIUUID})
		}
	}
	for _, m := range ns.Mirrors {
		if m.VRouter == vrouter {
			s.Mirrors = append(s.Mirrors, agent.Mirror{Analyzer: m.Name, Interface: vmi(m.Pod), AnalyzerIP: netip.MustParseAddr(m.AnalyzerIP), Port: m.Port})
		}
	}
	return ll, s
}
