package deploy_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/deploy"
	"github.com/tfkit/tfkit/refnode/topo"
	"github.com/tfkit/tfkit/status"
)

// oneNode is a one-control, one-vRouter lab on 127.0.77.11/12.
func oneNode(t *testing.T) (*topo.Topology, string) {
	return topology(t, "status", "one-node.yaml")
}

// topology loads a topology file of testdata.
func topology(t *testing.T, parts ...string) (*topo.Topology, string) {
	t.Helper()
	root, err := enginetest.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(append([]string{root, "testdata"}, parts...)...)
	top, err := topo.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return top, path
}

func statusLines(t *testing.T, rt engine.Engine, vendor string) (map[string]string, status.Report) {
	t.Helper()
	all, err := rt.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := status.Run(context.Background(), all, vendor, status.Options{Timeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range rep.Pods {
		for _, s := range p.Services {
			out[p.Pod+"/"+s.Service] = s.Line()
		}
	}
	return out, rep
}

// waitFor polls tf-status until cond holds or the time is up.
func waitFor(t *testing.T, rt engine.Engine, vendor, what string, within time.Duration, cond func(map[string]string) bool) map[string]string {
	t.Helper()
	var got map[string]string
	testwait.Until(t, what, within, func() error {
		if got, _ = statusLines(t, rt, vendor); !cond(got) {
			return fmt.Errorf("tf-status says %v", got)
		}
		return nil
	})
	return got
}

// checkDeployedCluster deploys refnode as containers and drives tf-status
// through the states a node goes through: all active; a stopped nodemgr
// is inactive; with its control node stopped the agent is initializing
// and says why.
func checkDeployedCluster(t *testing.T, rt engine.Runtime) {
	top, path := oneNode(t)
	bin, err := enginetest.StaticBinary("./cmd/refnode")
	if err != nil {
		t.Fatal(err)
	}
	vendor := fmt.Sprintf("tfkit-deploy-%d.contrail", os.Getpid())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	t.Cleanup(func() { deploy.Down(context.Background(), rt, top.Cluster.Name) })
	started, err := deploy.Up(ctx, rt, bin, deploy.Options{Topology: top, TopologyArg: path, Vendor: vendor})
	if err != nil {
		t.Fatal(err)
	}
	if len(started) != 6 {
		t.Fatalf("%d containers started, want 6 (control, nodemgr, dns, named, agent, vrouter nodemgr)", len(started))
	}
	if err := deploy.WaitRunning(ctx, rt, top.Cluster.Name, 6); err != nil {
		t.Fatal(err)
	}
	all := []string{"control/control", "control/nodemgr", "control/dns", "control/named", "vrouter/agent", "vrouter/nodemgr"}
	waitFor(t, rt, vendor, "all active", 60*time.Second, func(m map[string]string) bool {
		for _, k := range all {
			if m[k] != "active" {
				return false
			}
		}
		return true
	})
	_, rep := statusLines(t, rt, vendor)
	if rep.ExitCode() != 0 {
		t.Errorf("exit code %d with every service active", rep.ExitCode())
	}
	for _, p := range rep.Pods {
		for _, s := range p.Services {
			if p.Pod+"/"+s.Service == "vrouter/agent" && s.URL != "http://127.0.77.12:8085/" {
				t.Errorf("agent asked at %s, want its own address 127.0.77.12:8085", s.URL)
			}
		}
	}

	name := func(node, role string) string {
		return deploy.ContainerName(top.Cluster.Name, topo.Service{Node: node, Role: role})
	}
	if err := rt.Stop(ctx, name("control-1", topo.RoleControlNodemgr), 5*time.Second); err != nil {
		t.Fatal(err)
	}
	waitFor(t, rt, vendor, "stopped nodemgr inactive", 20*time.Second, func(m map[string]string) bool {
		return m["control/nodemgr"] == "inactive" && m["control/control"] == "active"
	})

	if err := rt.Stop(ctx, name("control-1", topo.RoleControl), 5*time.Second); err != nil {
		t.Fatal(err)
	}
	got := waitFor(t, rt, vendor, "agent initializing without its control node", 60*time.Second, func(m map[string]string) bool {
		return m["control/control"] == "inactive" && len(m["vrouter/agent"]) > len("initializing (") &&
			m["vrouter/agent"][:len("initializing (")] == "initializing ("
	})
	t.Logf("with control-1 stopped: agent %q", got["vrouter/agent"])
}

func TestDeployDocker(t *testing.T) {
	checkDeployedCluster(t, enginetest.Docker(t))
}

func TestDeployContainerd(t *testing.T) {
	checkDeployedCluster(t, enginetest.PrivateContainerd(t))
}

// TestDeploySplitAcrossTwoEngines deploys one lab as two hosts would: the
// control node's share in Docker, the vRouter's in containerd, from one
// topology file with a node filter each, from a refnode built by plain
// `go build` (dynamically linked). The agent in containerd is active only
// once its XMPP session to the control node in Docker is up: the shares
// find each other through the addresses of the topology.
func TestDeploySplitAcrossTwoEngines(t *testing.T) {
	hostA, hostB := enginetest.Docker(t), enginetest.PrivateContainerd(t)
	top, path := topology(t, "deploy", "split.yaml")
	bin, err := enginetest.PlainBinary("./cmd/refnode")
	if err != nil {
		t.Fatal(err)
	}
	if files, _, err := engine.ExecutableFiles(bin, "/refnode"); err != nil || len(files) < 3 {
		t.Fatalf("refnode from plain go build packs %d files (%v): the test wants a dynamically linked binary (cgo on, gcc installed)", len(files), err)
	}
	vendor := fmt.Sprintf("tfkit-engines-split-%d.contrail", os.Getpid())
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	shares := []struct {
		rt      engine.Runtime
		filter  string
		want    []string
		missing string
	}{
		{hostA, "control-*", []string{"control/control", "control/nodemgr", "control/dns", "control/named"}, "vrouter"},
		{hostB, "vrouter-*", []string{"vrouter/agent", "vrouter/nodemgr"}, "control"},
	}
	for _, sh := range shares {
		only, err := deploy.NodeFilter(top, []string{sh.filter})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { deploy.Down(context.Background(), sh.rt, top.Cluster.Name) })
		started, err := deploy.Up(ctx, sh.rt, bin, deploy.Options{Topology: top, TopologyArg: path, Vendor: vendor,
			Image: "tfkit-engines-refnode:split", Only: only})
		if err != nil {
			t.Fatal(err)
		}
		if len(started) != len(sh.want) {
			t.Fatalf("%s share: %d containers started, want %d", sh.filter, len(started), len(sh.want))
		}
		if err := deploy.WaitRunning(ctx, sh.rt, top.Cluster.Name, len(sh.want)); err != nil {
			t.Fatal(err)
		}
	}
	for _, sh := range shares {
		got := waitFor(t, sh.rt, vendor, sh.filter+" share active", 90*time.Second, func(m map[string]string) bool {
			for _, k := range sh.want {
				if m[k] != "active" {
					return false
				}
			}
			return true
		})
		for k := range got {
			if strings.HasPrefix(k, sh.missing+"/") {
				t.Errorf("%s share: tf-status sees %s here: the other host's services must not run in this engine", sh.filter, k)
			}
		}
	}
}
