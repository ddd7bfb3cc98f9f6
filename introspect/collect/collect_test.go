package collect_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testnet"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/hosts"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
	"github.com/tfkit/tfkit/refnode/topo"
)

// statusPlan asks every node its NodeStatus, and vRouters their XMPP
// sessions too.
var statusPlan = collect.Plan{Requests: func(n *collect.Node) []collect.Request {
	if n.Role == collect.RoleVRouter {
		return []collect.Request{collect.NodeStatus(), collect.XMPPConnections()}
	}
	return []collect.Request{collect.NodeStatus()}
}}

func newCollector(t *testing.T, top *topo.Topology, timeout time.Duration, keep bool) *collect.Collector {
	t.Helper()
	c, err := collect.New(collect.Options{Client: client.Config{Timeout: timeout}, KeepRaw: keep,
		Ports: map[string]int{"ctr": top.Cluster.Ports.ControlIntrospect, "vr": top.Cluster.Ports.AgentIntrospect}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// converged waits until both agents have two XMPP sessions and the three
// controls a full BGP mesh, as seen by a collection.
func converged(t *testing.T, top *topo.Topology) {
	t.Helper()
	testwait.Until(t, "cluster converged", 20*time.Second, func() error {
		col, err := newCollector(t, top, 2*time.Second, false).Run(context.Background(), []string{top.Controls[0].Address}, nil, statusPlan)
		if err != nil {
			return err
		}
		up := 0
		for _, n := range col.ByRole(collect.RoleVRouter) {
			for _, r := range n.Result(collect.IDXMPP).Records {
				if r.ChildText("state") == "Established" {
					up++
				}
			}
		}
		if want := 2 * len(top.VRouters); up != want || len(col.ByRole(collect.RoleControl)) != len(top.Controls) {
			return fmt.Errorf("%d XMPP sessions up (want %d), %d controls", up, want, len(col.ByRole(collect.RoleControl)))
		}
		return nil
	})
}

// TestDiscoverAndCollect starts from one control node and finds the
// other two (BGP) and both vRouters (XMPP), names them as the cluster
// does, asks each its requests, records every page (bytes with KeepRaw)
// and sends only read-only requests.
func TestDiscoverAndCollect(t *testing.T) {
	top := clustertest.Topology(t, 151, 152, nil)
	clustertest.Start(t, top, cluster.Options{})
	converged(t, top)
	col, err := newCollector(t, top, 5*time.Second, true).Run(context.Background(), []string{top.Controls[1].Address}, nil, statusPlan)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range col.Nodes {
		got = append(got, n.Role+":"+n.Name+"@"+n.Address)
		for _, r := range n.Results() {
			if !r.OK() || len(r.Records) == 0 || len(r.Pages) == 0 {
				t.Errorf("%s %s: ok %v, %d records, %d pages, err %v", n, r.Request.ID, r.OK(), len(r.Records), len(r.Pages), r.Err)
				continue
			}
			p := r.Pages[0]
			if p.Status != 200 || p.Size == 0 || int64(len(p.Body)) != p.Size || p.URL != r.URL || !strings.Contains(string(p.Body), "<") {
				t.Errorf("%s %s page: status %d size %d body %d url %s (result url %s)", n, r.Request.ID, p.Status, p.Size, len(p.Body), p.URL, r.URL)
			}
			if err := readonly.Check(p.URL[strings.LastIndexByte(p.URL, '/')+1:]); err != nil {
				t.Error(err)
			}
		}
	}
	want := []string{"ctr:control-1@127.0.151.1", "ctr:control-2@127.0.151.2", "ctr:control-3@127.0.151.3",
		"vr:vrouter-1@127.0.152.1", "vr:vrouter-2@127.0.152.2"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("nodes %v, want %v", got, want)
	}
	// 3 neighbor lists + 3 control NodeStatus + 2 × 2 agent requests.
	if col.Sent != 10 {
		t.Errorf("sent %d requests, want 10", col.Sent)
	}
	if n := col.Find(collect.RoleControl, "control-2"); n == nil || n.Found[0] != "--host" {
		t.Errorf("control-2 found as %+v", n)
	}

	// Plan.Fields keeps only those children of each record (discovery
	// still gets the neighbor fields it reads).
	trimmed := statusPlan
	trimmed.Fields = map[string][]string{collect.IDNodeStatus: {"name"}, collect.IDNeighbors: {"state"}}
	col, err = newCollector(t, top, 5*time.Second, false).Run(context.Background(), []string{top.Controls[0].Address}, nil, trimmed)
	if err != nil {
		t.Fatal(err)
	}
	if len(col.Nodes) != 5 {
		t.Fatalf("trimmed discovery found %d nodes", len(col.Nodes))
	}
	for _, n := range col.Nodes {
		rec := n.Result(collect.IDNodeStatus).Records[0]
		if len(rec.Children) != 1 || rec.Children[0].Name != "name" || rec.Children[0].Text != n.Name || rec.Parent != nil {
			t.Errorf("%s: trimmed NodeStatus %+v", n, rec.Children)
		}
	}
	nb := col.Nodes[0].Result(collect.IDNeighbors).Records[0]
	var kids []string
	for _, k := range nb.Children {
		kids = append(kids, k.Name)
	}
	if strings.Join(kids, " ") != "peer peer_address encoding state router_type local_address" {
		t.Errorf("trimmed neighbor record: %v", kids)
	}
}

// TestUnreachableNodes: a vRouter of the hosts file that refuses, one
// that hangs (paused) and a stopped one are recorded with the client's
// class, their later requests skipped, and the run ends within the
// deadline; a starting host that refuses is Run's error (exit 3).
func TestUnreachableNodes(t *testing.T) {
	top := clustertest.Topology(t, 153, 154, nil)
	c := clustertest.Start(t, top, cluster.Options{})
	converged(t, top)
	if err := c.PauseNode("vrouter-1"); err != nil {
		t.Fatal(err)
	}
	dead := testnet.DeadAddr(t)
	hf, err := hosts.Parse(strings.NewReader("10.99.0.1 "+dead+"\n"), "hosts.txt")
	if err != nil {
		t.Fatal(err)
	}
	const timeout = 500 * time.Millisecond
	start := time.Now()
	col, err := newCollector(t, top, timeout, false).Run(context.Background(), []string{top.Controls[0].Address}, hf, statusPlan)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 4*timeout+2*time.Second {
		t.Errorf("run took %s with a hung node and a %s timeout", d, timeout)
	}
	deadNode := col.Find(collect.RoleVRouter, "10.99.0.1")
	hung := col.Find(collect.RoleVRouter, "vrouter-1")
	if deadNode == nil || hung == nil {
		t.Fatalf("nodes: %v", col.Nodes)
	}
	for _, tc := range []struct {
		n    *collect.Node
		what string
	}{{deadNode, "connection refused"}, {hung, "no answer within"}} {
		u := tc.n.Unreachable()
		if u == nil || u.Class() != client.ClassConnection || !strings.Contains(u.Err.What, tc.what) {
			t.Errorf("%s: unreachable %+v", tc.n, u)
			continue
		}
		if x := tc.n.Result(collect.IDXMPP); x == nil || !x.Skipped || x.Class() != client.ClassConnection || len(x.Pages) != 0 {
			t.Errorf("%s: second request %+v, want skipped", tc.n, x)
		}
	}
	if deadNode.Found[0] != "hosts:hosts.txt:1" {
		t.Errorf("found %v", deadNode.Found)
	}
	if n := col.Find(collect.RoleVRouter, "vrouter-2"); n == nil || n.Unreachable() != nil {
		t.Errorf("vrouter-2 should answer: %+v", n)
	}

	_, err = newCollector(t, top, timeout, false).Run(context.Background(), []string{dead}, nil, statusPlan)
	if client.ExitCode(err) != 3 {
		t.Errorf("dead starting host: %v (exit %d), want exit 3", err, client.ExitCode(err))
	}
}

// TestNaturalCompare orders names with numbers as people do.
func TestNaturalCompare(t *testing.T) {
	for _, c := range [][2]string{{"vrouter-2", "vrouter-10"}, {"a", "b"}, {"node-1a", "node-1b"}, {"x9", "x10y"}, {"ab", "abc"}} {
		if collect.NaturalCompare(c[0], c[1]) >= 0 || collect.NaturalCompare(c[1], c[0]) <= 0 {
			t.Errorf("%q should sort before %q", c[0], c[1])
		}
	}
}
