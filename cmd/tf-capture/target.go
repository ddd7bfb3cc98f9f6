package main

import (
	"errors"
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

// lookupError classifies a failed lookup: the user's naming mistakes and
// a missing engine exit 2, anything else (a stopped container) 1.
func lookupError(err error) error {
	if errors.Is(err, netdebug.ErrNoEngine) {
		return environment(err)
	}
	if netdebug.IsUserError(err) {
		return usage("%v", err)
	}
	return failure(err)
}

// resolveTarget finds the network namespace from --pid, --netns or a name.
func resolveTarget(c *cli.Context, name string) (netdebug.Target, error) {
	t, err := netdebug.FindTarget(c.Context, netdebug.TargetSpec{
		Netns: c.String("netns"), Pid: c.Int("pid"), Name: name, Namespace: c.String("namespace"), Engines: engineOptions(c)})
	if err != nil {
		return t, lookupError(err)
	}
	return t, nil
}
