package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/netdebug"
)

// engineFlags select the container engines; capture and why share them.
var engineFlags = []cli.Flag{
	&cli.StringFlag{Name: "namespace", Aliases: []string{"n"}, Value: "default", Usage: "Kubernetes namespace of the pod"},
	&cli.StringFlag{Name: "engine", Value: "auto", Usage: "auto (Docker and containerd), docker or containerd"},
	&cli.StringFlag{Name: "containerd-address", Value: engine.DefaultContainerdAddress, Usage: "containerd socket"},
	clikit.DurationFlag("engine-timeout", nil, 5*time.Second, "time allowed to each engine"),
}

func engineOptions(c *cli.Context) netdebug.EngineOptions {
	return netdebug.EngineOptions{Kind: c.String("engine"), ContainerdAddress: c.String("containerd-address"),
		Timeout: clikit.Duration(c, "engine-timeout"), Warnings: c.App.ErrWriter}
}

// listContainers asks the engines; no engine is an environment error.
func listContainers(c *cli.Context) (engine.Listing, error) {
	l, err := netdebug.SearchContainers(c.Context, engineOptions(c))
	if err != nil {
		return l, environment(err)
	}
	return l, nil
}

// lookupError classifies a failed lookup: unknown or ambiguous names are
// usage errors, anything else (a stopped container) a failure.
func lookupError(err error) error {
	if errors.Is(err, netdebug.ErrNotFound) || errors.Is(err, netdebug.ErrAmbiguous) {
		return usage("%v", err)
	}
	return failure(err)
}

// resolveTarget finds the network namespace from --pid, --netns or a name.
func resolveTarget(c *cli.Context, name string) (netdebug.Target, error) {
	switch {
	case c.IsSet("netns"):
		p := c.String("netns")
		if _, err := os.Stat(p); err != nil {
			return netdebug.Target{}, usage("network namespace %s: %v: %s", p, err, statHint(err, "give a file like /proc/PID/ns/net or /var/run/netns/NAME"))
		}
		return netdebug.Target{Netns: p, Description: "netns " + p}, nil
	case c.IsSet("pid"):
		pid := c.Int("pid")
		p := netdebug.NetnsOfPid(pid)
		if _, err := os.Stat(p); err != nil {
			return netdebug.Target{}, usage("process %d: %v: %s", pid, err, statHint(err, "give the PID of a running process"))
		}
		return netdebug.Target{Netns: p, Pid: pid, Description: fmt.Sprintf("pid %d", pid)}, nil
	case name == "":
		return netdebug.Target{}, usage("give a pod or container name, --pid PID or --netns PATH")
	}
	l, err := listContainers(c)
	if err != nil {
		return netdebug.Target{}, err
	}
	t, err := netdebug.Resolve(l.Containers, name, c.String("namespace"))
	if err != nil {
		return t, lookupError(netdebug.Searched(err, l))
	}
	return t, nil
}

// statHint says what to do about a namespace file that cannot be read.
func statHint(err error, otherwise string) string {
	if errors.Is(err, os.ErrPermission) {
		return "run as root: entering a network namespace needs CAP_SYS_ADMIN"
	}
	return otherwise
}
