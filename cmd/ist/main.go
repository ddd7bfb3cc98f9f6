// Command ist reads the Sandesh introspect pages of Tungsten Fabric daemons.
package main

import (
	"os"

	"github.com/urfave/cli/v2"
)

// commands is filled by the init functions of the other files of this package.
var commands []*cli.Command

func main() {
	app := &cli.App{
		Name:     "ist",
		Usage:    "read Tungsten Fabric / OpenSDN introspect pages",
		Commands: commands,
	}
	if err := app.Run(os.Args); err != nil {
		os.Exit(exitCode(err))
	}
}
