package cluster

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/tfkit/tfkit/refnode/topo"
)

func svc(t *testing.T, top *topo.Topology, role, node string) Service {
	t.Helper()
	s, err := top.Service(role, node)
	if err != nil {
		t.Fatal(err)
	}
	return Service{Service: s, Topo: top, Timers: top.Timers(0.1)}
}

func TestControlConfigFromDefaultTopology(t *testing.T) {
	top := topo.Default()
	cfg := ControlConfig(svc(t, top, topo.RoleControl, "control-2"))
	if cfg.Name != "control-2" || cfg.Address != netip.MustParseAddr("127.0.1.2") || cfg.ASN != 64512 ||
		cfg.BGPPort != 179 || cfg.XMPPPort != 5269 || cfg.IntrospectPort != 8083 || cfg.Timers.Scale != 0.1 {
		t.Errorf("config %+v", cfg)
	}
	var peers []string
	for _, p := range cfg.Peers {
		peers = append(peers, p.Name+"@"+p.Address.String())
	}
	if !slices.Equal(peers, []string{"control-1@127.0.1.1", "control-3@127.0.1.3"}) {
		t.Errorf("peers %v", peers)
	}
	if len(cfg.Networks) != len(top.Networks) {
		t.Fatalf("%d networks", len(cfg.Networks))
	}
	for _, n := range cfg.Networks {
		if n.FQName != "default-domain:k8s-default:k8s-default-pod-network" {
			continue
		}
		if n.InstanceName() != "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network" ||
			n.Subnet.String() != "10.32.0.0/12" || len(n.ExportTargets) != 1 {
			t.Errorf("pod network %+v", n)
		}
		if !slices.Contains(n.Connect, "default-domain:default-project:ip-fabric") ||
			!slices.Contains(n.Connect, "default-domain:k8s-default:k8s-default-service-network") || len(n.Connect) != 2 {
			t.Errorf("pod network connects %v", n.Connect)
		}
		if !slices.Contains(n.Policies, "default-domain:k8s-default:k8s-default-ip-fabric-np") {
			t.Errorf("policies %v", n.Policies)
		}
		return
	}
	t.Error("no pod network")
}

func TestAgentConfigFromDefaultTopology(t *testing.T) {
	top := topo.Default()
	cfg := AgentConfig(svc(t, top, topo.RoleVRouter, "vrouter-2"))
	if cfg.Name != "vrouter-2" || cfg.Address.String() != "127.0.2.2" || cfg.IntrospectPort != 8085 || cfg.UUID == "" {
		t.Errorf("config %+v", cfg)
	}
	if len(cfg.Controls) != 3 || cfg.Controls[2].Address.String() != "127.0.1.3" || cfg.Controls[0].Port != 5269 {
		t.Errorf("controls %+v", cfg.Controls)
	}
	if len(cfg.Interfaces) != 1 {
		t.Fatalf("interfaces %+v", cfg.Interfaces)
	}
	i := cfg.Interfaces[0]
	if i.VMName != "cirros-2" || i.IP.String() != "10.47.255.249" || i.Network != "default-domain:k8s-default:k8s-default-pod-network" ||
		i.MAC == "" || i.Name[:3] != "tap" || i.LocalPref != 100 {
		t.Errorf("interface %+v", i)
	}
	other := AgentConfig(svc(t, top, topo.RoleVRouter, "vrouter-1"))
	if other.Seed == cfg.Seed {
		t.Error("two agents with one shuffle seed pick the same controls")
	}
	for _, n := range cfg.Networks {
		if n.FQName == "default-domain:k8s-default:k8s-default-service-network" &&
			(n.Gateway.String() != "10.111.255.254" || !n.Layer2 || !n.Layer3) {
			t.Errorf("service network %+v", n)
		}
	}
}
