package cluster_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
	"github.com/tfkit/tfkit/refnode/topo"
)

// testTopology is the default topology on 127.0.<c>.x (controls) and
// 127.0.<c+1>.x (vRouters), away from other packages' tests.
func testTopology(t *testing.T, c int) *topo.Topology {
	return clustertest.Topology(t, c, c+1, nil)
}

// buildIst builds cmd/ist for an end-to-end test (skipped with -short)
// and returns the binary's path.
func buildIst(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	ist, cleanup, err := clitest.Build("github.com/tfkit/tfkit/cmd/ist")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	return ist
}

// startCluster runs the topology with the real nodes and timer scale 0.1.
func startCluster(t *testing.T, top *topo.Topology) *cluster.Cluster {
	return clustertest.Start(t, top, cluster.Options{})
}

// fetch runs one introspect request over HTTP with ist's client (so
// continuations are followed) and returns the selected record elements.
func fetch(addr string, port int, path string, names ...string) ([]*sandesh.Node, error) {
	cl, err := client.New(client.Config{Hosts: []string{fmt.Sprintf("%s:%d", addr, port)}, Timeout: 5 * time.Second})
	if err != nil {
		return nil, err
	}
	var out []*sandesh.Node
	err = cl.Stream(context.Background(), cl.Targets()[0], client.Request{Path: path, Names: names}, func(n *sandesh.Node) error {
		out = append(out, n)
		return nil
	})
	return out, err
}

// neighbor is one row of `ist ctr nei`.
type neighbor struct {
	Peer, Address, Encoding, State, FlapCount string
}

func neighbors(addr string, port int) ([]neighbor, error) {
	nodes, err := fetch(addr, port, client.Path("BgpNeighborReq", client.Arg{Name: "search_string"}), "BgpNeighborResp")
	if err != nil {
		return nil, err
	}
	var out []neighbor
	for _, n := range nodes {
		out = append(out, neighbor{n.ChildText("peer"), n.ChildText("peer_address"), n.ChildText("encoding"),
			n.ChildText("state"), n.ChildText("flap_count")})
	}
	return out, nil
}

// eventually retries check until it returns nil or the time is up.
func eventually(t *testing.T, d time.Duration, what string, check func() error) {
	t.Helper()
	testwait.Until(t, what, d, check)
}

// routePaths returns the paths of one prefix in one table of a control
// node: protocol and source of each.
func routePaths(addr string, port int, table, prefix string) ([][2]string, error) {
	p := client.Path("ShowRouteReq", client.Arg{Name: "routing_table", Value: table}, client.Arg{Name: "routing_instance"},
		client.Arg{Name: "prefix", Value: prefix}, client.Arg{Name: "longer_match"}, client.Arg{Name: "shorter_match"},
		client.Arg{Name: "count"}, client.Arg{Name: "start_routing_table"}, client.Arg{Name: "start_routing_instance"},
		client.Arg{Name: "start_prefix"}, client.Arg{Name: "source"}, client.Arg{Name: "protocol"}, client.Arg{Name: "family"})
	routes, err := fetch(addr, port, p, "ShowRoute")
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for _, r := range routes {
		if r.ChildText("prefix") != prefix {
			continue
		}
		for _, path := range r.All("ShowRoutePath") {
			out = append(out, [2]string{path.ChildText("protocol"), path.ChildText("source")})
		}
	}
	return out, nil
}

// agentControllers returns controller address → XMPP state of an agent.
func agentControllers(addr string, port int) (map[string]string, error) {
	nodes, err := fetch(addr, port, client.Path("AgentXmppConnectionStatusReq"), "AgentXmppData")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, n := range nodes {
		out[n.ChildText("controller_ip")] = n.ChildText("state")
	}
	return out, nil
}
