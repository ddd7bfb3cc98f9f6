// Command tf-capture captures packets in a pod's or container's network
// namespace, runs host commands there, and explains why containers exited.
package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
)

// commands is filled by the init functions of the other files of this
// package; rootFlags and rootAction (the capture itself) by capture.go.
var (
	commands   []*cli.Command
	rootFlags  []cli.Flag
	rootAction cli.ActionFunc
	rootHelp   string
)

func newApp() *cli.App {
	return &cli.App{
		Name:            "tf-capture",
		Usage:           "capture packets in a pod's network namespace; explain container exits",
		UsageText:       "tf-capture [flags] POD-OR-CONTAINER [BPF FILTER...]\ntf-capture [flags] POD-OR-CONTAINER --exec -- COMMAND [ARGS...]\ntf-capture why [flags] POD-OR-CONTAINER\ntf-capture links [flags] POD-OR-CONTAINER",
		Description:     rootHelp,
		Flags:           rootFlags,
		Action:          rootAction,
		Commands:        commands,
		HideHelpCommand: true,
	}
}

func main() {
	args, rest := splitDashDash(os.Args)
	execArgv = rest
	os.Exit(clikit.Run(newApp(), args, clikit.Options{}))
}
