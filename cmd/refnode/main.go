// Command refnode runs a reference Tungsten Fabric cluster (control nodes
// and vRouter agents) that serves the same introspect XML as the real
// daemons, in one process or as containers.
package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

// commands is filled by the init functions of the other files of this
// package (up.go, run.go, ctl.go, deploy.go).
var commands []*cli.Command

func main() {
	app := &cli.App{
		Name:     "refnode",
		Usage:    "reference Tungsten Fabric cluster for tests, demos and rehearsals",
		Commands: commands,
	}
	if err := app.Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "refnode:", err)
		os.Exit(1)
	}
}
