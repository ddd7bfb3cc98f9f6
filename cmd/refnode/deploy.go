package main

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/refnode/deploy"
	"github.com/tfkit/tfkit/refnode/topo"
)

func init() {
	engineFlags := []cli.Flag{
		&cli.StringFlag{Name: "engine", Value: engine.KindDocker, Usage: "docker or containerd"},
		&cli.StringFlag{Name: "containerd-address", Value: engine.DefaultContainerdAddress, Usage: "containerd socket (with --engine containerd)"},
		&cli.StringFlag{Name: "namespace", Value: "k8s.io", Usage: "containerd namespace (with --engine containerd)"},
	}
	commands = append(commands, &cli.Command{
		Name:  "deploy",
		Usage: "run the cluster as containers (one per service) in Docker or containerd",
		Description: `Builds a "refnode" image FROM scratch out of this refnode binary (no
registry, nothing pulled; a plain "go build" binary brings its loader and
libraries, a static one nothing else) and starts one container per service of
the topology: control nodes, vRouter agents and the control-nodemgr, dns,
named and vrouter-nodemgr stand-ins. Every container uses the host network and
listens on its node's address, with the labels and env of a real Contrail
deployment (net.juniper.contrail.pod/.service/.container.name, version,
NODE_TYPE, SERVICE_NAME, CONTAINER_NAME, CONTRAIL_VERSION, *_INTROSPECT_PORT),
so tf-status and tf-capture work on it.

A lab larger than one machine is one topology file deployed in shares: give
each node an address of the host that runs it (routed between the hosts) and
run "refnode deploy up --node-filter ..." on each host for its nodes.

Examples:
   refnode deploy up                                  # default topology, Docker
   refnode deploy up --scale 0.1 lab.yaml
   refnode deploy up --engine containerd --namespace k8s.io builtin:minimal.yaml
   refnode deploy up --node-filter 'control-*' lab.yaml      # host A: the control nodes
   refnode deploy up --node-filter 'vrouter-*' lab.yaml      # host B: the vRouters
   refnode deploy list -f json
   refnode deploy down`,
		Subcommands: []*cli.Command{
			{
				Name:      "up",
				Usage:     "build the image and start the containers",
				ArgsUsage: "[topology.yaml|builtin:<name>]",
				Flags: append(append([]cli.Flag{}, engineFlags...),
					&cli.StringFlag{Name: "binary", Usage: "refnode binary to ship (default: this executable)"},
					&cli.StringSliceFlag{Name: "node-filter", Usage: "deploy only the nodes matching these names or shell patterns (control-*,vrouter-1): this host's share of the lab"},
					&cli.StringFlag{Name: "image", Value: deploy.ImageRef, Usage: "reference of the image to build and run"},
					&cli.Float64Flag{Name: "scale", Usage: "timer scale for every node; default from the topology"},
					&cli.StringFlag{Name: "vendor-domain", Value: deploy.DefaultVendor, Usage: "label prefix of the containers"},
					clikit.FormatFlag(records.Table)),
				Action: deployUp,
			},
			{
				Name:      "down",
				Usage:     "remove the containers of the cluster",
				ArgsUsage: "[topology.yaml|builtin:<name>]",
				Flags:     append(append([]cli.Flag{}, engineFlags...), &cli.BoolFlag{Name: "all", Usage: "remove the containers of every refnode cluster"}),
				Action:    deployDown,
			},
			{
				Name:      "list",
				Usage:     "list the containers of the cluster",
				ArgsUsage: "[topology.yaml|builtin:<name>]",
				Flags:     append(append([]cli.Flag{}, engineFlags...), clikit.FormatFlag(records.Table)),
				Action:    deployList,
			},
		},
	})
}

func openRuntime(c *cli.Context) (engine.Runtime, error) {
	kind := c.String("engine")
	if kind != engine.KindDocker && kind != engine.KindContainerd {
		return nil, clikit.Usagef("use docker or containerd", "bad --engine %q", kind)
	}
	ctx, cancel := context.WithTimeout(c.Context, 10*time.Second)
	defer cancel()
	rt, err := engine.Open(ctx, engine.Options{Kind: kind, ContainerdAddress: c.String("containerd-address"), Namespaces: []string{c.String("namespace")}})
	if err != nil {
		return nil, clikit.Wrap(clikit.ExitUsage, err, "start the engine or pick another with --engine")
	}
	return rt, nil
}

// deployTopology loads the topology named by the only argument (none =
// the embedded default) and returns it with the argument.
func deployTopology(c *cli.Context) (*topo.Topology, string, error) {
	if c.NArg() > 1 {
		return nil, "", clikit.Usagef("see "+c.Command.HelpName+" --help", "one topology at most, got %d arguments", c.NArg())
	}
	arg := c.Args().First()
	t, err := loadTopology(arg)
	return t, arg, err
}

func deployUp(c *cli.Context) error {
	t, arg, err := deployTopology(c)
	if err != nil {
		return err
	}
	bin := c.String("binary")
	if bin == "" {
		if bin, err = os.Executable(); err != nil {
			return clikit.Usagef("pass --binary", "cannot find this executable: %v", err)
		}
	}
	only, err := deploy.NodeFilter(t, c.StringSlice("node-filter"))
	if err != nil {
		return clikit.Usagef("give node names or patterns of the topology (refnode topology print lists them)", "%v", err)
	}
	rt, err := openRuntime(c)
	if err != nil {
		return err
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(c.Context, 5*time.Minute)
	defer cancel()
	if _, err := deploy.Up(ctx, rt, bin, deploy.Options{Topology: t, TopologyArg: arg, Scale: c.Float64("scale"),
		Vendor: c.String("vendor-domain"), Image: c.String("image"), Only: only}); err != nil {
		return failed(err)
	}
	cs, err := deploy.Containers(ctx, rt, t.Cluster.Name)
	if err != nil {
		return failed(err)
	}
	return printContainers(c.App.Writer, cs, c.String("format"))
}

// clusterName is the cluster of the topology argument when one is wanted,
// "" (every refnode cluster) otherwise.
func clusterName(c *cli.Context, wanted bool) (string, error) {
	if !wanted {
		return "", nil
	}
	t, _, err := deployTopology(c)
	if err != nil {
		return "", err
	}
	return t.Cluster.Name, nil
}

func deployDown(c *cli.Context) error {
	cluster, err := clusterName(c, !c.Bool("all"))
	if err != nil {
		return err
	}
	rt, err := openRuntime(c)
	if err != nil {
		return err
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(c.Context, 2*time.Minute)
	defer cancel()
	if err := deploy.Down(ctx, rt, cluster); err != nil {
		return failed(err)
	}
	return nil
}

func deployList(c *cli.Context) error {
	cluster, err := clusterName(c, c.NArg() > 0) // no argument: every refnode cluster
	if err != nil {
		return err
	}
	rt, err := openRuntime(c)
	if err != nil {
		return err
	}
	defer rt.Close()
	cs, err := deploy.Containers(c.Context, rt, cluster)
	if err != nil {
		return failed(err)
	}
	return printContainers(c.App.Writer, cs, c.String("format"))
}

// printContainers writes the deployed containers as a table, text
// records or JSON.
func printContainers(w io.Writer, cs []engine.Container, format string) error {
	type rec struct {
		Name    string `json:"name"`
		ID      string `json:"id"`
		Role    string `json:"role"`
		Node    string `json:"node"`
		Address string `json:"address"`
		State   string `json:"state"`
		Status  string `json:"status"`
	}
	recs := []rec{}
	set := records.Set{Columns: []string{"name", "id", "role", "node", "address", "state", "status"}}
	for _, c := range cs {
		r := rec{c.Name, c.ShortID(), c.Labels[deploy.LabelRole], c.Labels[deploy.LabelNode], c.Labels[deploy.LabelAddress], c.State, c.Status}
		recs = append(recs, r)
		set.Rows = append(set.Rows, []string{r.Name, r.ID, r.Role, r.Node, r.Address, r.State, r.Status})
	}
	return records.Write(w, format, recs, set)
}
