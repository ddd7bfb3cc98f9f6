package trace_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/introspect/trace"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
	"github.com/tfkit/tfkit/refnode/topo"
)

// traceTopology: three vRouters; a dual-stack network "web" with a
// policy to "db" that denies tcp/22 from web; two pods sharing a service
// address (ECMP from vrouter-1); web-3 beside web-1 (same host); lab-1
// in an isolated network that reuses web's subnet (web-1's address).
const traceTopology = `
apiVersion: refnode.tfkit/v1
cluster: {name: trace, seed: 3, ports: {bgp: 1179}}
controls:
  - {name: control-1, address: 127.0.152.1}
  - {name: control-2, address: 127.0.152.2}
vrouters:
  - {name: vrouter-1, address: 127.0.153.1, controls: all}
  - {name: vrouter-2, address: 127.0.153.2, controls: all}
  - {name: vrouter-3, address: 127.0.153.3, controls: all}
networks:
  - {name: web, fq_name: "default-domain:shop:web", subnet: 10.1.0.0/24, subnet6: "fd00:1::/64"}
  - {name: db, fq_name: "default-domain:shop:db", subnet: 10.2.0.0/24}
  - {name: lab, fq_name: "default-domain:shop:lab", subnet: 10.1.0.0/24}
policies:
  - name: web-db
    fq_name: "default-domain:shop:web-db"
    networks: [web, db]
    rules:
      - {action: deny, protocol: tcp, ports: 22, src: web, dst: db, direction: ">"}
      - {action: pass}
security_groups:
  - {name: default, fq_name: "default-domain:shop:default"}
pods:
  - {name: web-1, vrouter: vrouter-1, network: web}
  - {name: web-2, vrouter: vrouter-2, network: web}
  - {name: web-3, vrouter: vrouter-1, network: web}
  - {name: api-a, vrouter: vrouter-2, network: web, service_ips: [10.1.0.100]}
  - {name: api-b, vrouter: vrouter-3, network: web, service_ips: [10.1.0.100]}
  - {name: db-1, vrouter: vrouter-3, network: db}
  - {name: lab-1, vrouter: vrouter-2, network: lab, ip: 10.1.0.252}
`

const (
	control1 = "127.0.152.1"
	vrouter1 = "127.0.153.1:8085"
	vrouter2 = "127.0.153.2:8085"
	vrouter3 = "127.0.153.3:8085"
	vip      = "10.1.0.100"
)

// recorder keeps every request path a trace asks its client to send.
type recorder struct {
	mu    sync.Mutex
	paths []string
}

func (r *recorder) policy(path string) error {
	r.mu.Lock()
	r.paths = append(r.paths, path)
	r.mu.Unlock()
	return nil
}

func config(probe bool, rec *recorder) trace.Config {
	cfg := trace.Config{Client: client.Config{Port: 8085, Timeout: 5 * time.Second}, Controls: []string{control1}, Probe: probe}
	if rec != nil {
		cfg.Client.Policy = rec.policy
	}
	return cfg
}

func run(t testing.TB, cfg trace.Config, args ...string) *trace.Report {
	t.Helper()
	src, dst, fl, err := trace.ParseArgs(args)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := trace.Run(context.Background(), cfg, src, dst, fl)
	if err != nil {
		t.Fatalf("trace %v: %v", args, err)
	}
	return rep
}

// show renders a report for failure messages.
func show(rep *trace.Report) string {
	b, _ := trace.Append(nil, rep, "text")
	return string(b)
}

// stage returns the rows of one stage.
func stage(rep *trace.Report, name string) []trace.Stage {
	var out []trace.Stage
	for _, s := range rep.Stages {
		if s.Stage == name {
			out = append(out, s)
		}
	}
	return out
}

func startTraceCluster(t testing.TB) *cluster.Cluster {
	t.Helper()
	top, err := topo.Parse([]byte(traceTopology), "trace topology")
	if err != nil {
		t.Fatal(err)
	}
	c := clustertest.Start(t, top, cluster.Options{})
	waitRoutes(t)
	return c
}

// waitRoutes waits until every route has arrived: vrouter-1 reaches the
// ECMP address through both members and db-1 in the other network.
func waitRoutes(t testing.TB) {
	t.Helper()
	testwait.Until(t, "routes everywhere", 30*time.Second, func() error {
		for _, dst := range []string{vip, "db-1", "web-2"} {
			rep := run(t, config(false, nil), "web-1", dst)
			if rep.Verdict.ExitCode != 0 || (dst == vip && len(stage(rep, "remote")) != 2) {
				return fmt.Errorf("%s: %s", dst, show(rep))
			}
		}
		return nil
	})
}

// TestTraceOnRefnode runs ist trace against a refnode cluster: healthy
// pairs are delivered (both directions, IPv4 and IPv6, same-host and
// cross-host, ECMP); each fault gives its verdict at its stage; only
// read-only requests are sent unless --probe.
func TestTraceOnRefnode(t *testing.T) {
	c := startTraceCluster(t)

	t.Run("delivered", func(t *testing.T) {
		for _, tc := range []struct {
			args   []string
			six    bool
			local  bool
			remote int
		}{
			{[]string{"web-1", "web-2", "tcp", "80"}, false, false, 1},
			{[]string{"web-2", "web-1", "tcp", "80"}, false, false, 1},
			{[]string{"web-1", "web-2", "udp", "53"}, true, false, 1},
			{[]string{"web-2", "web-1", "udp", "53"}, true, false, 1},
			{[]string{"web-1", "web-3", "tcp", "8080"}, false, true, 0},
			{[]string{"web-3", "web-1", "tcp", "8080"}, false, true, 0},
			{[]string{"web-1", "db-1", "tcp", "5432"}, false, false, 1},
			{[]string{"web-1", vip, "tcp", "443"}, false, false, 2},
			{[]string{"web-1", "web-2", "icmp"}, false, false, 1},
		} {
			cfg := config(true, nil)
			cfg.IPv6 = tc.six
			rep := run(t, cfg, tc.args...)
			name := strings.Join(tc.args, " ")
			if tc.six {
				name += " -6"
			}
			if rep.Verdict.Result != "DELIVERED" || rep.Verdict.ExitCode != 0 {
				t.Errorf("%s:\n%s", name, show(rep))
				continue
			}
			if tc.six && !strings.Contains(rep.Source.IP, ":") {
				t.Errorf("%s: source %s is not IPv6", name, rep.Source.IP)
			}
			if n := len(stage(rep, "remote")); n != tc.remote {
				t.Errorf("%s: %d remote rows, want %d:\n%s", name, n, tc.remote, show(rep))
			}
			if tc.local && len(stage(rep, "local")) != 1 {
				t.Errorf("%s: no local row:\n%s", name, show(rep))
			}
			for _, s := range rep.Stages {
				if s.Status == trace.StatusInfo && s.Stage == "flow" && tc.remote == 2 {
					continue // the ECMP member this flow did not hash to
				}
				if s.Status != trace.StatusOK {
					t.Errorf("%s: stage %d %s is %s:\n%s", name, s.Step, s.Stage, s.Status, show(rep))
				}
			}
		}
	})

	t.Run("ECMP branches", func(t *testing.T) {
		rep := run(t, config(false, nil), "web-1", vip, "tcp", "443")
		var branches, ends []string
		for _, s := range stage(rep, "remote") {
			branches = append(branches, s.Branch)
			ends = append(ends, s.Node)
		}
		slices.Sort(ends)
		if !slices.Equal(branches, []string{"1/2", "2/2"}) || !slices.Equal(ends, []string{vrouter2, vrouter3}) {
			t.Fatalf("branches %v on %v:\n%s", branches, ends, show(rep))
		}
		if r := stage(rep, "route"); len(r) != 1 || !strings.Contains(r[0].Checked, "composite: 2 members") {
			t.Fatalf("route row:\n%s", show(rep))
		}
		// After traffic, one member has the flow and the other is named
		// as not this flow's member.
		send := cluster.SendArgs{Src: "web-1", Dst: vip, Proto: "tcp", Sport: trace.DefaultSport, Dport: 443}
		if _, err := c.Send(send); err != nil {
			t.Fatal(err)
		}
		rep = run(t, config(false, nil), "web-1", vip, "tcp", "443")
		var st []string
		for _, s := range stage(rep, "flow") {
			st = append(st, s.Status)
		}
		slices.Sort(st)
		if rep.Verdict.Result != "DELIVERED" || !slices.Equal(st, []string{"INFO", "OK", "OK"}) {
			t.Fatalf("ECMP flows %v:\n%s", st, show(rep))
		}
	})

	t.Run("path ok without traffic", func(t *testing.T) {
		rep := run(t, config(false, nil), "web-2", "web-3", "udp", "40001", "9999")
		if rep.Verdict.Result != "PATH OK" || rep.Verdict.ExitCode != 0 || len(rep.Next) != 1 || !strings.Contains(rep.Next[0], "--probe") {
			t.Fatalf("passive trace without traffic:\n%s", show(rep))
		}
	})

	fault := func(t *testing.T, kind string, a cluster.FaultArgs) {
		t.Helper()
		if _, err := c.Fault(kind, a, false); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if _, err := c.Fault(kind, a, true); err != nil {
				t.Errorf("clear %s: %v", kind, err)
			}
		})
	}
	send := func(t *testing.T, src, dst, proto string, dport int) {
		t.Helper()
		if _, err := c.Send(cluster.SendArgs{Src: src, Dst: dst, Proto: proto, Sport: trace.DefaultSport, Dport: dport}); err != nil {
			t.Fatal(err)
		}
	}
	verdict := func(t *testing.T, rep *trace.Report, result, stageName, node string, text ...string) {
		t.Helper()
		v := rep.Verdict
		if v.Result != result || v.Stage != stageName || (node != "" && v.Node != node) || v.ExitCode != 1 {
			t.Fatalf("verdict %+v, want %s at %s on %s:\n%s", v, result, stageName, node, show(rep))
		}
		for _, w := range text {
			if !strings.Contains(v.Text, w) {
				t.Errorf("verdict text lacks %q: %s", w, v.Text)
			}
		}
	}

	t.Run("sg-deny", func(t *testing.T) {
		fault(t, "sg-deny", cluster.FaultArgs{Target: "web-2", Protocol: "tcp", Port: 80})
		send(t, "web-1", "web-2", "tcp", 80) // passive: the traffic is the user's
		rep := run(t, config(false, nil), "web-1", "web-2", "tcp", "80")
		verdict(t, rep, trace.StatusDropped, "flow", vrouter2, "security group", "Flow drop SG", "destination")
		sg := c.Topo.SecurityGroup("default")
		if !slices.ContainsFunc(rep.Next, func(n string) bool { return strings.Contains(n, "vr acl "+sg.IngressACL) }) {
			t.Errorf("next commands lack the ingress ACL %s: %v", sg.IngressACL, rep.Next)
		}
		// With --probe the drop counter that moved is shown.
		rep = run(t, config(true, nil), "web-1", "web-2", "tcp", "80")
		verdict(t, rep, trace.StatusDropped, "flow", vrouter2)
		d := stage(rep, "drops")
		if len(d) != 2 || d[1].Status != trace.StatusDropped || !strings.Contains(d[1].Reason, "ds_flow_action_drop +3") {
			t.Errorf("drop counters:\n%s", show(rep))
		}
	})

	t.Run("network policy deny", func(t *testing.T) {
		send(t, "web-1", "db-1", "tcp", 22)
		rep := run(t, config(false, nil), "web-1", "db-1", "tcp", "22")
		rule := c.Topo.Policies[len(c.Topo.Policies)-1].Rules[0].UUID
		verdict(t, rep, trace.StatusDropped, "flow", vrouter1, "network policy", "Flow drop Policy", rule)
	})

	t.Run("kernel-route", func(t *testing.T) {
		fault(t, "kernel-route", cluster.FaultArgs{Target: "vrouter-1", Pod: "web-2"})
		rep := run(t, config(true, nil), "web-1", "web-2", "udp", "53")
		verdict(t, rep, trace.StatusMismatch, "kernel", vrouter1, "KSync", "0.0.0.0/0")
		if d := stage(rep, "drops"); len(d) == 0 || !strings.Contains(d[0].Reason, "ds_discard +3") {
			t.Errorf("drop counters:\n%s", show(rep))
		}
	})

	t.Run("kernel-route IPv6", func(t *testing.T) {
		fault(t, "kernel-route", cluster.FaultArgs{Target: "vrouter-1", Pod: "web-2", IPv6: true})
		cfg := config(false, nil)
		cfg.IPv6 = true
		rep := run(t, cfg, "web-1", "web-2", "udp", "53")
		verdict(t, rep, trace.StatusMismatch, "kernel", vrouter1, "::/0")
	})

	t.Run("stale-label", func(t *testing.T) {
		fault(t, "stale-label", cluster.FaultArgs{Target: "web-2"})
		rep := run(t, config(true, nil), "web-1", "web-2", "udp", "53")
		verdict(t, rep, trace.StatusMismatch, "remote", vrouter2, "stale", "is not installed", "has label")
		if d := stage(rep, "drops"); len(d) != 2 || !strings.Contains(d[1].Reason, "ds_invalid_label +3") {
			t.Errorf("drop counters:\n%s", show(rep))
		}
	})

	t.Run("flow-table-full", func(t *testing.T) {
		fault(t, "flow-table-full", cluster.FaultArgs{Target: "vrouter-2", Capacity: 100})
		rep := run(t, config(true, nil), "web-1", "web-2", "udp", "5353")
		verdict(t, rep, trace.StatusDropped, "flowtable", vrouter2, "flow table is full")
		if d := stage(rep, "drops"); len(d) != 2 || !strings.Contains(d[1].Reason, "ds_flow_table_full +3") {
			t.Errorf("drop counters:\n%s", show(rep))
		}
	})

	// The interface-inactive fault is ist doctor's (refnode ctl inactive).
	inactive := func(t *testing.T, vrouter, pod string) {
		t.Helper()
		if err := c.SetInterfaceInactive(vrouter, pod, "vn-null"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := c.SetInterfaceActive(vrouter, pod); err != nil {
				t.Errorf("active again: %v", err)
			}
		})
	}

	t.Run("destination interface inactive", func(t *testing.T) {
		inactive(t, "vrouter-2", "web-2")
		testwait.Until(t, "web-2's route withdrawn", 10*time.Second, func() error {
			if r := stage(run(t, config(false, nil), "web-1", "web-2", "tcp", "80"), "route"); len(r) != 1 || r[0].Status != trace.StatusMissing {
				return fmt.Errorf("route row %+v", r)
			}
			return nil
		})
		rep := run(t, config(true, nil), "web-1", "web-2", "tcp", "80")
		verdict(t, rep, trace.StatusDropped, "destination", vrouter2, "Inactive < vn-null vrf-null", "withdraws its route")
	})

	t.Run("source interface inactive", func(t *testing.T) {
		inactive(t, "vrouter-1", "web-1")
		send(t, "web-1", "web-2", "udp", 53)
		rep := run(t, config(false, nil), "web-1", "web-2", "udp", "53")
		verdict(t, rep, trace.StatusDropped, "source", vrouter1, "source interface not active", "is Inactive < vn-null", "drops what it sends")
	})

	t.Run("no route anywhere", func(t *testing.T) {
		rep := run(t, config(false, nil), "web-1", "10.1.0.77", "tcp", "80")
		verdict(t, rep, trace.StatusMissing, "control", "", "no control node has a route")
	})

	t.Run("read-only unless probe", func(t *testing.T) {
		rec := &recorder{}
		run(t, config(false, rec), "web-1", vip, "tcp", "443")
		run(t, config(false, rec), "web-1", "web-2", "icmp")
		if len(rec.paths) < 20 {
			t.Fatalf("only %d requests recorded", len(rec.paths))
		}
		for _, p := range rec.paths {
			if err := readonly.Check(p); err != nil {
				t.Errorf("passive trace sent %s: %v", p, err)
			}
		}
		probe := &recorder{}
		run(t, config(true, probe), "web-1", "web-2", "tcp", "80")
		run(t, config(true, probe), "web-1", "web-2", "icmp")
		var probes []string
		for _, p := range probe.paths {
			if readonly.Check(p) != nil {
				if readonly.CheckWithProbes(p) != nil {
					t.Errorf("probe trace sent %s", p)
				}
				probes = append(probes, readonly.Name(p))
			}
		}
		if !slices.Equal(probes, []string{"PingReq", "TraceRouteReq"}) {
			t.Fatalf("probe requests %v, want one PingReq and one TraceRouteReq", probes)
		}
	})
}

// TestTraceEndpointsAndErrors: an unknown source is MISSING (exit 1); an
// ambiguous one, mixed families or no start node are usage errors; an
// unreadable control node still gives a report, with its client class.
func TestTraceEndpointsAndErrors(t *testing.T) {
	if _, _, _, err := trace.ParseArgs([]string{"a", "b", "tcp"}); client.ExitCode(err) != 2 {
		t.Errorf("tcp without a port: %v", err)
	}
	if _, _, _, err := trace.ParseArgs([]string{"a", "b", "icmp", "3"}); client.ExitCode(err) != 2 {
		t.Errorf("icmp with a port: %v", err)
	}
	if src, dst, fl, err := trace.ParseArgs([]string{"a", "b", "udp", "1000", "53"}); err != nil || src != "a" || dst != "b" || fl.Proto != 17 || fl.Sport != 1000 || fl.Dport != 53 {
		t.Errorf("udp with ports: %v %+v", err, fl)
	}
	if _, err := trace.Run(context.Background(), trace.Config{}, "a", "b", trace.Flow{}); client.ExitCode(err) != 2 {
		t.Errorf("no node to start on: %v", err)
	}
	c := startTraceCluster(t)
	rep := run(t, config(false, nil), "nobody", "web-2")
	if rep.Verdict.Result != trace.StatusMissing || rep.Verdict.Stage != "source" || rep.Verdict.ExitCode != 1 {
		t.Errorf("unknown source:\n%s", show(rep))
	}
	cfg := config(false, nil)
	if _, err := trace.Run(context.Background(), cfg, "web-1", "fd00:1::1", trace.Flow{}); client.ExitCode(err) != 2 || !strings.Contains(err.Error(), "IPv4") {
		t.Errorf("mixed families: %v", err)
	}
	// web-1's address is also lab-1's (another network): --vn decides.
	web1 := c.Topo.Pods[0].IP
	if _, err := trace.Run(context.Background(), cfg, web1, "web-2", trace.Flow{}); client.ExitCode(err) != 2 || !strings.Contains(err.Error(), "matches 2 interfaces") {
		t.Errorf("ambiguous source: %v", err)
	}
	cfg.VN = "shop:web"
	if rep := run(t, cfg, web1, "web-2"); rep.Source.VM != "web-1" || rep.Verdict.ExitCode != 0 {
		t.Errorf("--vn web:\n%s", show(rep))
	}
	// control-1 loses every agent (one just restarted, say): the agents
	// are found through its BGP peer control-2; when no control node has
	// an agent, the source is MISSING (exit 1), not unreadable.
	vrouters := []string{"vrouter-1", "vrouter-2", "vrouter-3"}
	for _, v := range vrouters {
		if err := c.Partition("control-1", v); err != nil {
			t.Fatal(err)
		}
	}
	ctl1, err := follow.NewReader(client.Config{Port: 8083, Timeout: 5 * time.Second}, control1)
	if err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "control-1 without agents", 30*time.Second, func() error {
		conns, err := follow.Fetch[schema.ShowXmppConnection](context.Background(), ctl1, client.Path("ShowXmppConnectionReq"), "ShowXmppConnection")
		if err != nil || len(conns) > 0 {
			return fmt.Errorf("%d XMPP peers (%v)", len(conns), err)
		}
		return nil
	})
	testwait.Until(t, "agents found through control-2", 30*time.Second, func() error {
		rep := run(t, config(false, nil), "web-1", "web-2")
		if rep.Verdict.ExitCode != 0 || rep.Source.VM != "web-1" {
			return fmt.Errorf("%s", show(rep))
		}
		return nil
	})
	for _, v := range vrouters {
		if err := c.Partition("control-2", v); err != nil {
			t.Fatal(err)
		}
	}
	testwait.Until(t, "no control node has an agent", 30*time.Second, func() error {
		rep := run(t, config(false, nil), "web-1", "web-2")
		if rep.Verdict.Result != trace.StatusMissing || rep.Verdict.Stage != "source" || rep.Verdict.ExitCode != 1 ||
			!strings.Contains(rep.Verdict.Text, "list no vRouter") {
			return fmt.Errorf("%s", show(rep))
		}
		return nil
	})
	for _, ctl := range []string{"control-1", "control-2"} {
		for _, v := range vrouters {
			if err := c.Heal(ctl, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	waitRoutes(t)
	dead := trace.Config{Client: client.Config{Port: 8085, Timeout: 2 * time.Second}, VRouter: vrouter1, Controls: []string{"127.0.152.9"}}
	rep = run(t, dead, "web-1", c.Topo.Pods[1].IP, "tcp", "80")
	if rep.Verdict.ExitCode != 3 || len(stage(rep, "remote")) != 1 || stage(rep, "control")[0].Status != trace.StatusError {
		t.Errorf("dead control node:\n%s", show(rep))
	}
}
