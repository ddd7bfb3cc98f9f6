// Package capturecli is tf-capture's command line: capture, --exec, links
// and why. It reaches the container engines only through Engines, so that
// the tf-capture binary links no engine client (Go initializes every
// linked package at start: the Docker and containerd clients cost ~5 ms
// of CPU per run, used or not). tf-capture's Engines runs the
// tf-capture-engines helper (helper.go); the helper links the real ones
// (internal/capturecli/engines).
package capturecli

import (
	"context"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/netdebug"
)

// Engines is what tf-capture asks of the container engines.
type Engines interface {
	// Resolve finds the network namespace of a pod (in namespace) or
	// container named name. Its errors are ready to return from an
	// action: one line (or none, when already printed) and the exit
	// status (Classify).
	Resolve(ctx context.Context, o netdebug.EngineOptions, name, namespace string) (netdebug.Target, error)
	// Why is the action of tf-capture why.
	Why(c *cli.Context) error
}

// tool is one run of the command line.
type tool struct {
	engines Engines
	// execArgv holds what followed "--" on the command line: the command
	// for --exec, or filter words.
	execArgv []string
}

// NewApp is tf-capture's command line over e; execArgv is what followed
// "--" (SplitDashDash).
func NewApp(e Engines, execArgv []string) *cli.App {
	t := &tool{engines: e, execArgv: execArgv}
	return &cli.App{
		Name:            "tf-capture",
		Usage:           "capture packets in a pod's network namespace; explain container exits",
		UsageText:       "tf-capture [flags] POD-OR-CONTAINER [BPF FILTER...]\ntf-capture [flags] POD-OR-CONTAINER --exec -- COMMAND [ARGS...]\ntf-capture why [flags] POD-OR-CONTAINER\ntf-capture links [flags] POD-OR-CONTAINER",
		Description:     captureHelp,
		Flags:           captureFlags(),
		Action:          t.captureAction,
		Commands:        []*cli.Command{WhyCommand(e.Why), t.linksCommand()},
		HideHelpCommand: true,
	}
}

// Main runs tf-capture over e on os.Args and exits with its status.
func Main(e Engines) {
	args, rest := SplitDashDash(os.Args)
	os.Exit(clikit.Run(NewApp(e, rest), args, clikit.Options{}))
}
