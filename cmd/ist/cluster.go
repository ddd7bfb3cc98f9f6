package main

import (
	"fmt"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/collect"
)

// clusterTimeout is the per-request time limit of the cluster-wide
// commands (doctor, bundle, diff) when --timeout is not given: a whole
// run with hung nodes takes about two of them plus discovery.
const clusterTimeout = 5 * time.Second

// clusterFlags are the flags of every command that collects a whole
// cluster with introspect/collect.
func clusterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "hosts", Usage: "hosts file: where nodes answer, and nodes to add (\"<address> <introspect host> [role]\" lines)"},
		&cli.StringFlag{Name: "ports", Usage: "introspect port per role, e.g. vr=18085,ctr=18083 (default: the role's port)"},
		&cli.IntFlag{Name: "parallel", Value: collect.DefaultParallel, Usage: "connections open at once"},
	}
}

// collectOptions reads the global and cluster flags: the client, the
// ports and the parallelism of a collection, and the starting hosts.
func collectOptions(c *cli.Context) (collect.Options, []string, error) {
	ports, err := collect.ParsePorts(c.String("ports"))
	if err != nil {
		return collect.Options{}, nil, err
	}
	role, _ := catalog.RoleByName(collect.RoleControl)
	ccfg := clientConfig(c, role)
	if !c.IsSet("timeout") {
		ccfg.Timeout = clusterTimeout
	}
	if c.IsSet("port") {
		ports[collect.RoleControl] = c.Int("port")
	}
	return collect.Options{Client: ccfg, Ports: ports, Parallel: c.Int("parallel")}, ccfg.Hosts, nil
}

// stderrTerminal reports whether progress may be drawn on stderr.
func stderrTerminal() bool {
	st, err := os.Stderr.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress reports a collection's progress on stderr when it is a
// terminal (nil otherwise).
func progress(name string) func(phase string, done, total int) {
	if !stderrTerminal() {
		return nil
	}
	return func(phase string, done, total int) {
		fmt.Fprintf(os.Stderr, "\rist %s: %s %d/%d ", name, phase, done, total)
		if done == total {
			fmt.Fprint(os.Stderr, "\r\033[K")
		}
	}
}

// bundleFlag is the global --bundle: every command reads the answers
// saved by ist bundle instead of asking the nodes.
func bundleFlag() cli.Flag {
	return &cli.StringFlag{Name: "bundle", EnvVars: []string{"IST_BUNDLE"}, Usage: "answer from this file written by ist bundle instead of asking the nodes (--host picks the node)"}
}
