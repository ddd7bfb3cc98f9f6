package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/refnode/topo"
)

// Exit codes shared by every refnode command (docs/ARCHITECTURE.md).
const (
	exitFailure = 1 // the operation failed or the state is bad
	exitUsage   = 2 // bad flag or argument, or no environment to work in
)

// fail returns an error that main prints on one line before exiting with
// code.
func fail(code int, format string, a ...any) error {
	return cli.Exit("refnode: "+fmt.Sprintf(format, a...), code)
}

// loadTopology reads the topology named by a path, "builtin:<name>" or
// nothing (the embedded default).
func loadTopology(path string) (*topo.Topology, error) {
	t, err := topo.Load(path)
	if err != nil {
		return nil, fail(exitUsage, "topology: %v", err)
	}
	return t, nil
}

// signalContext is cancelled by Ctrl-C or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

var formatFlag = &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output format: table, text or json"}

func checkFormat(c *cli.Context) (string, error) {
	f := c.String("format")
	switch f {
	case "table", "text", "json":
		return f, nil
	}
	return "", fail(exitUsage, "--format %q: use table, text or json", f)
}
