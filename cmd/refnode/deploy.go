package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
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
		Description: `Builds a "refnode" image FROM scratch out of this static refnode binary
(no registry, nothing pulled) and starts one container per service of the
topology: control nodes, vRouter agents and the control-nodemgr, dns, named
and vrouter-nodemgr stand-ins. Every container uses the host network and
listens on its node's 127.0.x.y address, with the labels and env of a real
Contrail deployment (net.juniper.contrail.pod/.service/.container.name,
version, NODE_TYPE, SERVICE_NAME, CONTAINER_NAME, CONTRAIL_VERSION,
*_INTROSPECT_PORT), so tf-status and tf-capture work on it.

Examples:
   refnode deploy up                                  # default topology, Docker
   refnode deploy up --scale 0.1 lab.yaml
   refnode deploy up --engine containerd --namespace k8s.io builtin:minimal.yaml
   refnode deploy list -f json
   refnode deploy down`,
		Subcommands: []*cli.Command{
			{
				Name:      "up",
				Usage:     "build the image and start the containers",
				ArgsUsage: "[topology.yaml|builtin:<name>]",
				Flags: append(append([]cli.Flag{}, engineFlags...),
					&cli.StringFlag{Name: "binary", Usage: "static refnode binary to ship (default: this executable)"},
					&cli.Float64Flag{Name: "scale", Usage: "timer scale for every node; default from the topology"},
					&cli.StringFlag{Name: "vendor-domain", Value: deploy.DefaultVendor, Usage: "label prefix of the containers"},
					formatFlag),
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
				Flags:     append(append([]cli.Flag{}, engineFlags...), formatFlag),
				Action:    deployList,
			},
		},
	})
}

func openRuntime(c *cli.Context) (engine.Runtime, error) {
	kind := c.String("engine")
	if kind != engine.KindDocker && kind != engine.KindContainerd {
		return nil, fail(exitUsage, "--engine %q: use docker or containerd", kind)
	}
	ctx, cancel := context.WithTimeout(c.Context, 10*time.Second)
	defer cancel()
	rt, err := engine.Open(ctx, engine.Options{Kind: kind, ContainerdAddress: c.String("containerd-address"), Namespaces: []string{c.String("namespace")}})
	if err != nil {
		return nil, fail(exitUsage, "%v: start the engine or pick another with --engine", err)
	}
	return rt, nil
}

// deployTopology loads the topology named by the only argument (none =
// the embedded default) and returns it with the argument.
func deployTopology(c *cli.Context) (*topo.Topology, string, error) {
	if c.NArg() > 1 {
		return nil, "", fail(exitUsage, "one topology at most, got %d arguments (see refnode deploy --help)", c.NArg())
	}
	arg := c.Args().First()
	t, err := loadTopology(arg)
	return t, arg, err
}

func deployUp(c *cli.Context) error {
	format, err := checkFormat(c)
	if err != nil {
		return err
	}
	t, arg, err := deployTopology(c)
	if err != nil {
		return err
	}
	bin := c.String("binary")
	if bin == "" {
		if bin, err = os.Executable(); err != nil {
			return fail(exitUsage, "cannot find this executable: %v: pass --binary", err)
		}
	}
	if err := deploy.CheckStatic(bin); err != nil {
		return fail(exitUsage, "%v", err)
	}
	rt, err := openRuntime(c)
	if err != nil {
		return err
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(c.Context, 5*time.Minute)
	defer cancel()
	if _, err := deploy.Up(ctx, rt, bin, deploy.Options{Topology: t, TopologyArg: arg, Scale: c.Float64("scale"), Vendor: c.String("vendor-domain")}); err != nil {
		return fail(exitFailure, "%v", err)
	}
	cs, err := deploy.Containers(ctx, rt, t.Cluster.Name)
	if err != nil {
		return fail(exitFailure, "%v", err)
	}
	return printContainers(c.App.Writer, cs, format)
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
		return fail(exitFailure, "%v", err)
	}
	return nil
}

func deployList(c *cli.Context) error {
	format, err := checkFormat(c)
	if err != nil {
		return err
	}
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
		return fail(exitFailure, "%v", err)
	}
	return printContainers(c.App.Writer, cs, format)
}

// printContainers writes the deployed containers as a table, text lines
// or JSON records.
func printContainers(w io.Writer, cs []engine.Container, format string) error {
	type rec struct {
		Name    string `json:"name"`
		ID      string `json:"id"`
		Role    string `json:"role"`
		Node    string `json:"node"`
		State   string `json:"state"`
		Status  string `json:"status"`
		Address string `json:"address"`
	}
	var recs []rec
	for _, c := range cs {
		recs = append(recs, rec{c.Name, c.ShortID(), c.Labels[deploy.LabelRole], c.Labels[deploy.LabelNode], c.State, c.Status, c.Labels[deploy.LabelAddress]})
	}
	switch format {
	case "json":
		if recs == nil {
			recs = []rec{}
		}
		b, err := json.MarshalIndent(recs, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, string(b))
		return err
	case "text":
		var b strings.Builder
		for _, r := range recs {
			fmt.Fprintf(&b, "%s %s %s %s %s %s\n", r.Name, r.ID, r.Role, r.Node, r.Address, r.State)
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tID\tROLE\tNODE\tADDRESS\tSTATE\tSTATUS")
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.ID, r.Role, r.Node, r.Address, r.State, r.Status)
	}
	tw.Flush()
	_, err := io.WriteString(w, b.String())
	return err
}
