package topo

import (
	"errors"
	"strings"
	"testing"
)

// TestNetworkServicesDefault: the default topology configures one of
// each service, with the derived fields the daemons show.
func TestNetworkServicesDefault(t *testing.T) {
	s := Default().NetworkServices
	if len(s.LinkLocal) != 2 || len(s.StaticRoutes) != 1 || len(s.ServiceChains) != 1 || len(s.HealthChecks) != 1 || len(s.BGPaaS) != 1 || len(s.Mirrors) != 1 {
		t.Fatalf("network services %+v", s)
	}
	sc := s.ServiceChains[0]
	if sc.FQName != "default-domain:k8s-default:fw" || sc.Address != "10.47.255.250" || sc.VRouter != "vrouter-1" || sc.ServiceType != "firewall" ||
		sc.RightInstance != "default-domain:k8s-default:k8s-default-service-network:k8s-default-service-network" || len(sc.UUID) != 36 {
		t.Errorf("service chain %+v", sc)
	}
	if r := s.StaticRoutes[0]; r.Instance != "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network" {
		t.Errorf("static route %+v", r)
	}
	if h := s.HealthChecks[0]; h.MonitorType != "PING" || h.Delay != 3 || h.VRouter != "vrouter-2" || len(h.UUID) != 36 {
		t.Errorf("health check %+v", h)
	}
	if b, m := s.BGPaaS[0], s.Mirrors[0]; b.VRouter != "vrouter-2" || m.VRouter != "vrouter-1" || m.Port != 8099 {
		t.Errorf("bgpaas %+v mirror %+v", b, m)
	}
}

// TestNetworkServicesErrors: every mistake names its key path.
func TestNetworkServicesErrors(t *testing.T) {
	doc := `
controls: [{name: c1, address: 127.0.9.1}]
vrouters: [{name: v1, address: 127.0.9.2, controls: all}]
networks: [{name: a, subnet: 10.1.0.0/24}, {name: b, subnet: 10.2.0.0/24}]
pods: [{name: p1, vrouter: v1, network: b}]
network_services:
  link_local: [{name: x, ip: nope, port: 0, fabric_port: 80}]
  static_routes: [{network: zz, prefix: 10.9.0.0, next_hop: 10.1.0.1}]
  service_chains: [{name: fw, left: a, right: b, pod: p1}]
  health_checks: [{name: h, pod: nopod, monitor_type: TCP}]
  bgpaas: [{name: s, pod: p1, health_check: nohc}]
  mirrors: [{name: m, pod: p1, analyzer_ip: 1.2.3}]
`
	_, err := Parse([]byte(doc), "t.yaml")
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v", err)
	}
	lines := es.Lines()
	for _, want := range []string{
		"network_services.link_local[0].ip", "network_services.link_local[0].port", "network_services.link_local[0]: no fabric service",
		"network_services.static_routes[0].network", "network_services.static_routes[0].prefix",
		"network_services.service_chains[0].pod: \"p1\" is in", "network_services.health_checks[0].monitor_type",
		"network_services.health_checks[0].pod", "network_services.bgpaas[0].health_check", "network_services.mirrors[0].analyzer_ip",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("errors lack %q:\n%s", want, lines)
		}
	}
}
