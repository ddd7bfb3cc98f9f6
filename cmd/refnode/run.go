package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/topo"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "run",
		Usage: "run one node of the topology (what a container runs)",
		Description: `Runs one service of the topology in this process: a control node, a
vRouter agent or a persona. Its sessions go to the other nodes over their
real addresses, so the other nodes run elsewhere (other processes or
containers). Stops on SIGTERM or Ctrl-C.

Roles: ` + strings.Join(topo.Roles, ", ") + `. --name is the control node or
vRouter name; personas run on the node of that name (e.g. --role dns --name
control-1 answers on 127.0.1.1:8092).

Examples:
   refnode run --role control --name control-1
   refnode run --role vrouter --name vrouter-2 --topology /etc/refnode/lab.yaml --scale 0.1
   refnode run --role control-nodemgr --name control-1
   refnode run --role control --name control-1 --admin 127.0.0.1:9881   # with a local admin API`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "role", Required: true, Usage: "one of " + strings.Join(topo.Roles, ", ")},
			&cli.StringFlag{Name: "name", Required: true, Usage: "node name from the topology, e.g. control-1"},
			&cli.StringFlag{Name: "topology", Aliases: []string{"t"}, Usage: "topology file or builtin:<name> (default: the embedded default)"},
			&cli.Float64Flag{Name: "scale", Usage: "timer scale; default from the topology"},
			&cli.StringFlag{Name: "admin", Usage: "serve the admin API for this node on this loopback address (off by default)"},
		},
		Action: runOne,
	})
}

func runOne(c *cli.Context) error {
	t, err := loadTopology(c.String("topology"))
	if err != nil {
		return err
	}
	svc, err := t.Service(c.String("role"), c.String("name"))
	if err != nil {
		return clikit.Wrap(clikit.ExitUsage, err, "see refnode run --help")
	}
	cl, err := cluster.New(t, cluster.Options{Scale: c.Float64("scale"), Select: func(s topo.Service) bool {
		return s.Role == svc.Role && s.Node == svc.Node
	}})
	if err != nil {
		return failed(err)
	}
	ctx, stop := signalContext()
	defer stop()
	if a := c.String("admin"); a != "" {
		srv, _, err := cl.ServeAdmin(a)
		if err != nil {
			return clikit.Wrap(clikit.ExitUsage, err, "")
		}
		defer srv.Close()
	}
	if err := cl.Start(ctx); err != nil {
		return failed(err)
	}
	fmt.Fprintf(c.App.Writer, "%s %s running on %s (%s), timer scale %g\n", svc.Role, svc.Node, svc.Address, svc.PortList(), cl.Timers.Scale)
	<-ctx.Done()
	if err := cl.Close(); err != nil {
		return failed(err)
	}
	return nil
}
