// Package clustertest starts in-process refnode clusters for the tests of
// other packages: the embedded default topology moved to loopback
// addresses of the test's own, timers scaled down, closed at the end.
package clustertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/topo"
	"github.com/tfkit/tfkit/refnode/topologies"
)

// Topology is the default topology with its control nodes on
// 127.0.<controls>.x and its vRouters on 127.0.<vrouters>.x, so a test
// does not collide with other packages' tests; edit (nil: none) may change
// the YAML further. As non-root, BGP runs on 1179 instead of 179.
func Topology(t testing.TB, controls, vrouters int, edit func(yaml string) string) *topo.Topology {
	t.Helper()
	data, err := topologies.FS.ReadFile(topo.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "127.0.1.", fmt.Sprintf("127.0.%d.", controls))
	s = strings.ReplaceAll(s, "127.0.2.", fmt.Sprintf("127.0.%d.", vrouters))
	if os.Geteuid() != 0 {
		s = strings.Replace(s, "bgp: 179,", "bgp: 1179,", 1)
	}
	if edit != nil {
		s = edit(s)
	}
	top, err := topo.Parse([]byte(s), t.Name())
	if err != nil {
		t.Fatal(err)
	}
	return top
}

// Start runs top with timer scale 0.1 (and opts' other fields) and closes
// it when the test ends.
func Start(t testing.TB, top *topo.Topology, opts cluster.Options) *cluster.Cluster {
	t.Helper()
	if opts.Scale == 0 {
		opts.Scale = 0.1
	}
	c, err := cluster.New(top, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return c
}
