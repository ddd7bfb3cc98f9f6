package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/refnode/topo"
)

// loadTopology reads the topology named by a path, "builtin:<name>" or
// nothing (the embedded default); its errors say what to do.
func loadTopology(path string) (*topo.Topology, error) {
	t, err := topo.Load(path)
	if err != nil {
		return nil, clikit.Wrap(clikit.ExitUsage, err, "")
	}
	return t, nil
}

// failed is a failed operation (exit 1); the package's error says where.
func failed(err error) error { return clikit.Wrap(clikit.ExitFailure, err, "") }

// signalContext is cancelled by Ctrl-C or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
