package deploy

import (
	"strings"
	"testing"

	"github.com/tfkit/tfkit/refnode/topo"
)

func TestPlanDefaultCluster(t *testing.T) {
	top := topo.Default()
	specs, err := Plan(Options{Topology: top})
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != len(top.Services()) {
		t.Fatalf("%d containers for %d services", len(specs), len(top.Services()))
	}
	byName := map[string]int{}
	for i, s := range specs {
		byName[s.Name] = i
		if s.Network != "host" || s.Image != ImageRef {
			t.Errorf("%s: network %q image %q", s.Name, s.Network, s.Image)
		}
		if s.Labels[DefaultVendor+".pod"] != s.Env["NODE_TYPE"] || s.Labels[DefaultVendor+".service"] != s.Env["SERVICE_NAME"] ||
			s.Labels[DefaultVendor+".container.name"] != s.Env["CONTAINER_NAME"] || s.Labels["version"] != top.Cluster.Version {
			t.Errorf("%s: labels %v disagree with env %v", s.Name, s.Labels, s.Env)
		}
	}
	ctl := specs[byName["refnode-k8s-control-1-control"]]
	if ctl.Env["CONTROL_INTROSPECT_PORT"] != "8083" || ctl.Labels[DefaultVendor+".pod"] != "control" ||
		strings.Join(ctl.Args, " ") != "run --role control --name control-1" {
		t.Errorf("control-1: env %v args %v", ctl.Env, ctl.Args)
	}
	agent := specs[byName["refnode-k8s-vrouter-1-vrouter"]]
	if agent.Env["VROUTER_AGENT_INTROSPECT_PORT"] != "8085" || agent.Labels[DefaultVendor+".service"] != "agent" ||
		agent.Env["CONTAINER_NAME"] != "contrail-vrouter-agent" || !strings.Contains(agent.Env["CONTROL_NODES"], "127.0.1.1") {
		t.Errorf("vrouter-1 agent: env %v labels %v", agent.Env, agent.Labels)
	}
	if _, ok := byName["refnode-k8s-control-1-named"]; !ok {
		t.Error("no named stand-in for control-1")
	}
}

func TestPlanTopologyArgs(t *testing.T) {
	top := topo.Default()
	specs, err := Plan(Options{Topology: top, TopologyArg: "lab.yaml", Scale: 0.1, Vendor: "example.org",
		Only: func(s topo.Service) bool { return s.Role == topo.RoleControl }})
	if err != nil {
		t.Fatal(err)
	}
	s := specs[0]
	if got := strings.Join(s.Args, " "); got != "run --role control --name control-1 --topology /etc/refnode/topology.yaml --scale 0.1" {
		t.Errorf("args %q", got)
	}
	if len(s.Mounts) != 1 || s.Mounts[0].Source != "lab.yaml" || !s.Mounts[0].ReadOnly {
		t.Errorf("mounts %+v: want lab.yaml read-only", s.Mounts)
	}
	if s.Labels["example.org.pod"] != "control" || s.Env["VENDOR_DOMAIN"] != "example.org" {
		t.Errorf("vendor example.org: labels %v", s.Labels)
	}
	specs, _ = Plan(Options{Topology: top, TopologyArg: "builtin:minimal.yaml"})
	if got := strings.Join(specs[0].Args, " "); !strings.HasSuffix(got, "--topology builtin:minimal.yaml") || specs[0].Mounts != nil {
		t.Errorf("builtin topology: args %q mounts %v", got, specs[0].Mounts)
	}
	if _, err := Plan(Options{Topology: top, Only: func(topo.Service) bool { return false }}); err == nil {
		t.Error("an empty selection was accepted")
	}
}

func TestNodeFilter(t *testing.T) {
	top, err := topo.Load("builtin:minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	share := func(patterns ...string) []string {
		t.Helper()
		only, err := NodeFilter(top, patterns)
		if err != nil {
			t.Fatal(err)
		}
		specs, err := Plan(Options{Topology: top, Only: only})
		if err != nil {
			t.Fatal(err)
		}
		var services []string
		for _, s := range specs {
			services = append(services, s.Labels[LabelNode]+"/"+s.Labels[LabelRole])
		}
		return services
	}
	all := share()
	controls := share("control-*")
	rest := share("vrouter-*")
	if len(controls)+len(rest) != len(all) || len(controls) == 0 || len(rest) == 0 {
		t.Errorf("shares %v + %v do not make the whole %v", controls, rest, all)
	}
	for _, s := range controls {
		if !strings.HasPrefix(s, "control-") {
			t.Errorf("control-* share holds %s", s)
		}
	}
	for _, bad := range [][]string{{"contrl-*"}, {"["}} {
		if _, err := NodeFilter(top, bad); err == nil {
			t.Errorf("NodeFilter(%q) accepted", bad)
		}
	}
}
