package topo

import (
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDefaultIsTheGettingStartedCluster(t *testing.T) {
	top := Default()
	if got := top.ControlNames(); !slices.Equal(got, []string{"control-1", "control-2", "control-3"}) {
		t.Fatalf("controls = %v", got)
	}
	for i, c := range top.Controls {
		if want := "127.0.1." + string(rune('1'+i)); c.Address != want || c.RouterID != want {
			t.Errorf("%s address/router id = %s/%s, want %s", c.Name, c.Address, c.RouterID, want)
		}
	}
	if len(top.VRouters) != 2 || top.VRouters[0].Address != "127.0.2.1" || top.VRouters[1].Address != "127.0.2.2" {
		t.Fatalf("vrouters = %+v", top.VRouters)
	}
	if !slices.Equal(top.VRouters[1].Controls.Names, top.ControlNames()) {
		t.Errorf("controls: all resolved to %v", top.VRouters[1].Controls.Names)
	}
	if p := top.Cluster.Ports; p != DefaultPorts {
		t.Errorf("ports = %+v", p)
	}
	pod := top.Network("k8s-default-pod-network")
	if pod == nil || pod.FQName != "default-domain:k8s-default:k8s-default-pod-network" ||
		pod.Subnet != "10.32.0.0/12" || pod.Gateway != "10.47.255.254" {
		t.Fatalf("pod network = %+v", pod)
	}
	if pod.RoutingInstance() != "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network" {
		t.Errorf("routing instance = %s", pod.RoutingInstance())
	}
	svc := top.Network("default-domain:k8s-default:k8s-default-service-network")
	if svc == nil || svc.Subnet != "10.96.0.0/12" || svc.Gateway != "10.111.255.254" {
		t.Fatalf("service network = %+v", svc)
	}
	fab := top.Network("ip-fabric")
	for _, want := range []string{"default-virtual-network", "__link_local__", "dci-network"} {
		if n := top.Network(want); n == nil || !n.Builtin || n.FQName != "default-domain:default-project:"+want {
			t.Errorf("builtin network %s = %+v", want, n)
		}
	}
	// kube-manager policies: the pod network imports the fabric's and the
	// service network's route targets, and the fabric imports the pods'.
	for _, rt := range append(fab.RouteTargets, svc.RouteTargets...) {
		if !slices.Contains(pod.Imports, rt) {
			t.Errorf("pod network imports %v, missing %s", pod.Imports, rt)
		}
	}
	if !slices.Contains(fab.Imports, pod.RouteTargets[0]) {
		t.Errorf("ip-fabric imports %v, missing %s", fab.Imports, pod.RouteTargets[0])
	}
	if dvn := top.Network("default-virtual-network"); len(dvn.Imports) != 1 {
		t.Errorf("default-virtual-network is connected to nothing, imports %v", dvn.Imports)
	}
	if rt := pod.RouteTargets[0]; !regexp.MustCompile(`^target:64512:80000\d\d$`).MatchString(rt) {
		t.Errorf("auto route target %s", rt)
	}
	want := map[string][2]string{"cirros-1": {"vrouter-1", "10.47.255.250"}, "cirros-2": {"vrouter-2", "10.47.255.249"}}
	if len(top.Pods) != 2 {
		t.Fatalf("pods = %+v", top.Pods)
	}
	for _, p := range top.Pods {
		w := want[p.Name]
		if p.VRouter != w[0] || p.IP != w[1] || p.Network != "k8s-default-pod-network" {
			t.Errorf("pod %s = %+v", p.Name, p)
		}
		if !regexp.MustCompile(`^02(:[0-9a-f]{2}){5}$`).MatchString(p.MAC) {
			t.Errorf("pod %s MAC %q", p.Name, p.MAC)
		}
		if !strings.HasPrefix(p.Interface, "tap"+p.VMIUUID[:8]) || len(p.Interface) != 14 {
			t.Errorf("pod %s interface %q for %s", p.Name, p.Interface, p.VMIUUID)
		}
		if p.MAC[3:5] != p.VMIUUID[0:2] {
			t.Errorf("MAC %s not derived from VMI UUID %s", p.MAC, p.VMIUUID)
		}
	}
	if top.Pods[0].UUID == top.Pods[1].UUID || top.Pods[0].VMIUUID == top.Pods[0].UUID {
		t.Errorf("UUIDs collide: %+v", top.Pods)
	}
}

func TestSeedMakesIDsReproducible(t *testing.T) {
	a, b := Default(), Default()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two loads of the default differ")
	}
	src := strings.Replace(mustBuiltin(t, "k8s.yaml"), "seed: 1", "seed: 2", 1)
	c, err := Parse([]byte(src), "seed2")
	if err != nil {
		t.Fatal(err)
	}
	if c.Pods[0].VMIUUID == a.Pods[0].VMIUUID || c.Pods[0].MAC == a.Pods[0].MAC {
		t.Errorf("seed does not change ids: %s", c.Pods[0].VMIUUID)
	}
}

func mustBuiltin(t *testing.T, name string) string {
	t.Helper()
	data, err := topologiesFS(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestReadyMadeTopologies(t *testing.T) {
	for _, name := range []string{"minimal.yaml", "k8s.yaml", "scale-980.yaml"} {
		if _, err := Builtin(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	s, _ := Builtin("scale-980.yaml")
	if len(s.Controls) != 15 || len(s.VRouters) != 980 || len(s.Pods) != 980 {
		t.Fatalf("scale-980: %d controls, %d vrouters, %d pods", len(s.Controls), len(s.VRouters), len(s.Pods))
	}
	if s.Controls[14].Name != "control-15" || s.Controls[14].Address != "127.0.1.15" {
		t.Errorf("control 15 = %+v", s.Controls[14])
	}
	// Addressing plan: last octet 1..250, then the third octet goes up.
	for i, want := range map[int]string{0: "127.0.2.1", 249: "127.0.2.250", 250: "127.0.3.1", 979: "127.0.5.230"} {
		if got := s.VRouters[i].Address; got != want {
			t.Errorf("vrouter %d address %s, want %s", i+1, got, want)
		}
	}
	ips := map[string]bool{}
	for _, p := range s.Pods {
		if ips[p.IP] {
			t.Fatalf("address %s given twice", p.IP)
		}
		ips[p.IP] = true
	}
	if s.Pods[0].IP != "10.47.255.252" || s.Pods[0].Name != "vrouter-1-pod-1" {
		t.Errorf("first generated pod %+v: want 10.47.255.252, below gateway and DNS", s.Pods[0])
	}
	if s.PersonasEnabled() {
		t.Error("scale-980 disables personas")
	}
	if tm := s.Timers(0); tm.XMPPHold != 9*time.Second {
		t.Errorf("scale 0.1 XMPP hold = %v", tm.XMPPHold)
	}
}

func TestTimersScaleAndOverrides(t *testing.T) {
	top, err := Parse([]byte(`
cluster: {timers: {scale: 0.1, xmpp_hold: 4s}}
controls: [{name: c1, address: 127.0.1.1}]
vrouters: []
`), "t")
	if err != nil {
		t.Fatal(err)
	}
	tm := top.Timers(0)
	if tm.XMPPHold != 4*time.Second || tm.BGPHold != 9*time.Second || tm.Scale != 0.1 {
		t.Errorf("timers %+v", tm)
	}
	if tm := top.Timers(0.5); tm.BGPHold != 45*time.Second || tm.XMPPHold != 4*time.Second {
		t.Errorf("--scale 0.5 timers %+v", tm)
	}
}

func TestValidationNamesKeyPath(t *testing.T) {
	base := "controls: [{name: c1, address: 127.0.1.1}, {name: c2, address: 127.0.1.2}]\n"
	cases := []struct{ yaml, want string }{
		{"controls: []", "controls: no control nodes"},
		{"controls: [{name: c1, address: 10.0.0.1}]", "controls[0].address: 10.0.0.1 is not in 127.0.0.0/8"},
		{"controls: [{name: c1, address: 127.0.1.1}, {name: c1, address: 127.0.1.2}]", `controls[1].name: "c1" is already used by controls[0]`},
		{base + "vrouters: [{name: v1, address: 127.0.1.1}]", "vrouters[0].address: 127.0.1.1 is already used by controls"},
		{base + "vrouters: [{name: v1, address: 127.0.2.1, controls: [c1, c9]}]", `vrouters[0].controls[1]: "c9" is not a control node: use one of c1, c2`},
		{base + "vrouters: [{name: v1, address: 127.0.2.1, controls: some}]", "`all` or a list"},
		{base + "networks: [{name: web, subnet: 10.32.0.0/33}]", `networks[0].subnet: "10.32.0.0/33" is not an IPv4 prefix`},
		{base + "networks: [{name: web, subnet: 10.0.0.0/24, gateway: 10.1.0.1}]", "networks[0].gateway"},
		{base + "networks: [{name: web, route_targets: [64512:1]}]", "networks[0].route_targets[0]"},
		{base + "networks: [{name: web, fq_name: a:b}]", "networks[0].fq_name"},
		{base + "policies: [{name: p, networks: [ip-fabric, nope]}]", `policies[0].networks[1]: "nope" is not a network`},
		{base + "vrouters: [{name: v1, address: 127.0.2.1}]\nnetworks: [{name: web, subnet: 10.0.0.0/24}]\npods: [{name: p, vrouter: v1, network: web, ip: 10.0.1.5}]", `pods[0].ip: "10.0.1.5" is not an address in 10.0.0.0/24`},
		{base + "vrouters: [{name: v1, address: 127.0.2.1}]\npods: [{name: p, vrouter: v2, network: ip-fabric}]", `pods[0].vrouter: "v2" is not a vRouter`},
		{base + "vrouters: [{generate: {count: 3, name: v, address_from: 127.0.2.1}}]", "vrouters[0].generate.name"},
		{base + "vrouters: [{generate: {count: 2, name: v%d, address_from: 127.0.2.1, pods_per_vrouter: 1}}]", "vrouters[0].generate.network: missing"},
		{base + "orchestrators: [{type: mesos, name: m}]", `orchestrators[0].type: "mesos" is not supported`},
		{base + "cluster: {ports: {bgp: 70000}}", "cluster.ports.bgp: 70000 is not a TCP port"},
		{base + "cluster: {colour: blue}", "line 2: field colour not found"},
		{"apiVersion: v9\n" + base, `apiVersion: "v9" is not supported`},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.yaml), "t.yaml")
		if err == nil {
			t.Errorf("%q: no error, want %q", c.yaml, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q:\n got  %v\n want %q on one line", c.yaml, err, c.want)
		}
	}
}

func TestErrorsListsEveryProblem(t *testing.T) {
	_, err := Parse([]byte("controls: [{name: c1, address: 1.2.3.4}, {address: 127.0.1.2}]"), "t")
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "and 1 more") || strings.Count(es.Lines(), "\n") != 2 {
		t.Errorf("summary %q, lines %q", err, es.Lines())
	}
}

func TestAutoAddressesSkipExplicitOnes(t *testing.T) {
	top, err := Parse([]byte(`
controls: [{name: c1, address: 127.0.1.1}]
vrouters: [{name: v1, address: 127.0.2.1}]
networks: [{name: web, subnet: 192.168.0.0/29}]
pods:
  - {name: a, vrouter: v1, network: web}
  - {name: b, vrouter: v1, network: web, ip: 192.168.0.4}
  - {name: c, vrouter: v1, network: web}
  - {name: d, vrouter: v1, network: web}
`), "t")
	if err != nil {
		t.Fatal(err)
	}
	// .6 gateway, .5 DNS, .4 taken: auto gives .3, .2, .1.
	got := []string{top.Pods[0].IP, top.Pods[2].IP, top.Pods[3].IP}
	if !slices.Equal(got, []string{"192.168.0.3", "192.168.0.2", "192.168.0.1"}) {
		t.Errorf("auto addresses %v", got)
	}
	_, err = Parse([]byte(`
controls: [{name: c1, address: 127.0.1.1}]
vrouters: [{generate: {count: 6, name: v%d, address_from: 127.0.2.1, pods_per_vrouter: 1, network: web}}]
networks: [{name: web, subnet: 192.168.0.0/29}]
`), "t")
	if err == nil || !strings.Contains(err.Error(), "vrouters[0].generate(v5).pods.ip: no free address") {
		t.Errorf("exhausted subnet: %v", err)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, name := range []string{"k8s.yaml", "minimal.yaml"} {
		a, _ := Builtin(name)
		out, err := a.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(out, "printed")
		if err != nil {
			t.Fatalf("%s: printed topology does not parse: %v\n%s", name, err, out)
		}
		if !reflect.DeepEqual(a.Networks, b.Networks) || !reflect.DeepEqual(a.Pods, b.Pods) ||
			!reflect.DeepEqual(a.Controls, b.Controls) || !reflect.DeepEqual(a.VRouters, b.VRouters) {
			t.Errorf("%s: round trip differs\n%s", name, out)
		}
	}
}

func TestServicesAndRoles(t *testing.T) {
	top := Default()
	s, err := top.Service(RoleControl, "control-2")
	if err != nil || s.Address != "127.0.1.2" || s.Port("bgp") != 179 || s.Port("xmpp") != 5269 || s.Port("introspect") != 8083 {
		t.Errorf("control-2 = %+v %v", s, err)
	}
	if s, _ := top.Service(RoleVRouterNodemgr, "vrouter-2"); s.Address != "127.0.2.2" || s.Port("introspect") != 8102 {
		t.Errorf("vrouter-nodemgr = %+v", s)
	}
	if s, _ := top.Service(RoleDNS, "control-1"); s.Port("introspect") != 8092 || s.Port("xmpp") != 8093 {
		t.Errorf("dns = %+v", s)
	}
	if _, err := top.Service("ctrl", "control-1"); err == nil || !strings.Contains(err.Error(), "use one of control, vrouter") {
		t.Errorf("bad role: %v", err)
	}
	if _, err := top.Service(RoleVRouter, "control-1"); err == nil {
		t.Error("a control is not a vrouter")
	}
	if n := len(top.Services()); n != 3+2+3*3+2 {
		t.Errorf("%d services", n)
	}
}
