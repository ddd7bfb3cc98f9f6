package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/refnode/cluster"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:      "up",
		Usage:     "run the whole reference cluster in this process until Ctrl-C",
		ArgsUsage: "[topology.yaml | builtin:<name>]",
		Description: `Starts every control node, vRouter agent and persona of the topology on
its own 127.0.x.y address (all in this process), prints the node table and
the admin address, and runs until Ctrl-C or SIGTERM.

Without a file the embedded default runs: the TF getting-started cluster
(control-1..3 on 127.0.1.1-3, vrouter-1..2 on 127.0.2.1-2, Kubernetes
cluster k8s, two cirros pods). Ready-made topologies: builtin:minimal.yaml,
builtin:k8s.yaml, builtin:scale-980.yaml. Ports 179 and below need root
(or CAP_NET_BIND_SERVICE); set cluster.ports in a topology to use others.

Memory: the Go runtime's soft limit is kept at 1400 MiB, or 1.6 times the
live heap when that is more (the 980-vRouter lab peaks at about 1.4 GiB);
set GOMEMLIMIT (e.g. GOMEMLIMIT=off) to choose another.

Examples:
   refnode up
   refnode up --scale 0.1                      # hold timers 9 s instead of 90 s
   refnode up --admin 127.0.0.1:9981 my-lab.yaml
   refnode up builtin:minimal.yaml
   refnode up --pprof builtin:scale-980.yaml     # then: go tool pprof http://127.0.0.1:9880/debug/pprof/heap
   ist ctr nei --host 127.0.1.1                 # then, in another shell`,
		Flags: []cli.Flag{
			&cli.Float64Flag{Name: "scale", Usage: "timer scale (0.1 = ten times faster than Contrail's defaults); default from the topology"},
			&cli.StringFlag{Name: "admin", Value: cluster.DefaultAdminAddr, Usage: "admin API address (loopback)"},
			&cli.BoolFlag{Name: "pprof", Usage: "also serve Go runtime profiles on the admin address, under /debug/pprof/ (heap, goroutine, profile?seconds=N)"},
		},
		Action: runUp,
	})
}

func runUp(c *cli.Context) error {
	if c.NArg() > 1 {
		return clikit.Usagef("see refnode up --help", "up takes at most one topology file, got %d arguments", c.NArg())
	}
	t, err := loadTopology(c.Args().First())
	if err != nil {
		return err
	}
	if c.Float64("scale") < 0 {
		return clikit.Usagef("give a positive factor such as 0.1", "bad --scale %v", c.Float64("scale"))
	}
	cl, err := cluster.New(t, cluster.Options{Scale: c.Float64("scale")})
	if err != nil {
		return failed(err)
	}
	ctx, stop := signalContext()
	defer stop()
	cluster.KeepMemoryLimit(ctx, cluster.MemoryFloor)
	var opts []cluster.AdminOption
	if c.Bool("pprof") {
		opts = append(opts, cluster.WithProfiling())
	}
	srv, admin, err := cl.ServeAdmin(c.String("admin"), opts...)
	if err != nil {
		return clikit.Wrap(clikit.ExitUsage, err, "")
	}
	defer srv.Close()
	if err := cl.Start(ctx); err != nil {
		return failed(err)
	}
	if err := printNodeTable(c.App.Writer, cl.Services()); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "\ncluster %s up: timer scale %g, admin API http://%s (refnode ctl --admin %s state)\nPress Ctrl-C to stop.\n",
		t.Cluster.Name, cl.Timers.Scale, admin, admin)
	<-ctx.Done()
	fmt.Fprintln(c.App.Writer, "stopping")
	if err := cl.Close(); err != nil {
		return failed(err)
	}
	return nil
}

// printNodeTable prints name, role, address and ports of each service.
func printNodeTable(w io.Writer, svcs []cluster.Service) error {
	set := records.Set{Columns: []string{"name", "role", "address", "ports"}}
	for _, s := range svcs {
		set.Rows = append(set.Rows, []string{s.ID(), s.Role, s.Address, s.PortList()})
	}
	return records.Write(w, records.Table, nil, set)
}
