package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/refnode/topo"
	"github.com/tfkit/tfkit/refnode/topologies"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "topology",
		Usage: "print or validate a topology file",
		Description: `Built-in topologies: ` + strings.Join(topologies.Names(), ", ") + ` (name them builtin:<file>).

Examples:
   refnode topology print                       # the embedded default, expanded
   refnode topology print builtin:scale-980.yaml | head
   refnode topology validate my-lab.yaml`,
		Subcommands: []*cli.Command{
			{Name: "print", ArgsUsage: "[topology.yaml | builtin:<name>]",
				Usage:       "print the topology with defaults filled and generate blocks expanded",
				Description: "Example:\n   refnode topology print builtin:minimal.yaml",
				Action: func(c *cli.Context) error {
					t, err := loadTopology(c.Args().First())
					if err != nil {
						return err
					}
					out, err := t.Marshal()
					if err != nil {
						return clikit.Failf("", "printing topology: %v", err)
					}
					_, err = c.App.Writer.Write(out)
					return err
				}},
			{Name: "validate", ArgsUsage: "FILE...",
				Usage:       "check topology files; list every problem with its key path",
				Description: "Exit code 1 when a file has problems.\n\nExample:\n   refnode topology validate lab.yaml builtin:k8s.yaml",
				Action:      validateTopologies},
		},
	})
}

func validateTopologies(c *cli.Context) error {
	if c.NArg() == 0 {
		return clikit.Usagef("e.g. refnode topology validate lab.yaml", "topology validate needs at least one file")
	}
	bad := 0
	for _, path := range c.Args().Slice() {
		t, err := topo.Load(path)
		if err != nil {
			bad++
			var es topo.Errors
			if errors.As(err, &es) {
				for _, e := range es {
					fmt.Fprintf(c.App.ErrWriter, "refnode: %s: %s\n", path, e.Error())
				}
			} else {
				fmt.Fprintf(c.App.ErrWriter, "refnode: %v\n", err)
			}
			continue
		}
		fmt.Fprintf(c.App.Writer, "%s: ok: %d control nodes, %d vRouters, %d networks, %d pods\n",
			path, len(t.Controls), len(t.VRouters), len(t.Networks), len(t.Pods))
	}
	if bad > 0 {
		return clikit.Exit(clikit.ExitFailure)
	}
	return nil
}
