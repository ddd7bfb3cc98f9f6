// Command refnode runs a reference Tungsten Fabric cluster (control nodes
// and vRouter agents) that serves the same introspect XML as the real
// daemons, in one process or as containers.
package main

import (
	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	_ "github.com/tfkit/tfkit/internal/clikit/guard" // crashes exit 70: runs the program as a child of itself
)

// commands is filled by the init functions of the other files of this
// package (up.go, run.go, ctl.go, deploy.go, topology.go).
var commands []*cli.Command

func newApp() *cli.App {
	return &cli.App{
		Name:  "refnode",
		Usage: "reference Tungsten Fabric cluster for tests, demos and rehearsals",
		Description: `Control nodes with real BGP between them and vRouter agents with real XMPP
sessions, serving the same introspect XML as the real daemons, on
127.0.x.y addresses.

Examples:
   refnode up --scale 0.1                 # the getting-started cluster, fast timers
   ist --host 127.0.1.1 ctr nei           # in another shell
   refnode ctl stop control-1             # a fault; refnode ctl state shows it
   refnode run --role control --name control-2 --topology lab.yaml
   refnode topology print builtin:scale-980.yaml

Flags may follow the arguments. Exit codes: 0 ok, 1 failure or refused
operation, 2 usage or environment error.`,
		Commands: commands,
	}
}

func main() { clikit.Main(newApp(), clikit.Options{}) }
