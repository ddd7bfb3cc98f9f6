// Package engines is the side of tf-capture that links the container
// engine clients: the tf-capture-engines helper, which tf-capture runs
// for name lookups (resolve) and for why (protocol: capturecli.HelperName).
// Only cmd/tf-capture-engines links it.
package engines

import (
	"encoding/json"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/capturecli"
	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/netdebug/lookup"
)

// NewApp is tf-capture-engines. Its name in messages is tf-capture's:
// they are tf-capture's errors, shown as tf-capture shows them.
func NewApp() *cli.App {
	return &cli.App{
		Name:     "tf-capture",
		HelpName: capturecli.HelperName,
		Usage:    "tf-capture's container engine lookups and why, run by tf-capture (see tf-capture --help)",
		Commands: []*cli.Command{
			{
				Name:      "resolve",
				Usage:     "print the network namespace of a pod or container as JSON",
				ArgsUsage: "POD-OR-CONTAINER",
				Flags:     capturecli.EngineFlags(),
				Action:    resolve,
			},
			capturecli.WhyCommand(Why),
		},
		HideHelpCommand: true,
	}
}

// Main runs tf-capture-engines on os.Args and exits with its status.
func Main() {
	os.Exit(clikit.Run(NewApp(), os.Args, clikit.Options{}))
}

func resolve(c *cli.Context) error {
	if c.NArg() != 1 {
		return capturecli.Usage("give one pod or container name, got %d", c.NArg())
	}
	t, err := lookup.FindTarget(c.Context, capturecli.EngineOptions(c), c.Args().First(), c.String("namespace"))
	if err != nil {
		return capturecli.Classify(err)
	}
	out, err := json.Marshal(t)
	if err != nil {
		return capturecli.Failure(err)
	}
	if _, err := os.Stdout.Write(append(out, '\n')); err != nil {
		return capturecli.Failure(err)
	}
	return nil
}
