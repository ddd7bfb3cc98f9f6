package capturecli

import (
	"errors"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/netdebug"
)

// DefaultContainerdAddress is engine.DefaultContainerdAddress, which this
// package cannot name without linking the engine clients (a test in
// internal/capturecli/engines keeps the two equal).
const DefaultContainerdAddress = "/run/containerd/containerd.sock"

// EngineFlags select the container engines; capture, links, why and the
// helper's resolve share them.
func EngineFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "namespace", Aliases: []string{"n"}, Value: "default", Usage: "Kubernetes namespace of the pod"},
		&cli.StringFlag{Name: "engine", Value: "auto", Usage: "auto (Docker and containerd), docker or containerd"},
		&cli.StringFlag{Name: "containerd-address", Value: DefaultContainerdAddress, Usage: "containerd socket"},
		clikit.DurationFlag("engine-timeout", nil, 5*time.Second, "time allowed to each engine"),
	}
}

// EngineOptions are the engine flags of c.
func EngineOptions(c *cli.Context) netdebug.EngineOptions {
	return netdebug.EngineOptions{Kind: c.String("engine"), ContainerdAddress: c.String("containerd-address"),
		Timeout: clikit.Duration(c, "engine-timeout"), Warnings: c.App.ErrWriter}
}

// Classify gives a failed lookup its exit status: the user's naming
// mistakes and a missing engine exit 2, anything else (a stopped
// container) 1.
func Classify(err error) error {
	if errors.Is(err, netdebug.ErrNoEngine) {
		return Environment(err)
	}
	if netdebug.IsUserError(err) {
		return Usage("%v", err)
	}
	return Failure(err)
}

// resolveTarget finds the network namespace from --pid, --netns or a
// name; only a name asks the engines.
func (t *tool) resolveTarget(c *cli.Context, name string) (netdebug.Target, error) {
	netns, pid := c.String("netns"), c.Int("pid")
	if netdebug.NeedsEngine(netns, pid, name) {
		return t.engines.Resolve(c.Context, EngineOptions(c), name, c.String("namespace"))
	}
	tg, err := netdebug.LocalTarget(netns, pid)
	if err != nil {
		return tg, Classify(err)
	}
	return tg, nil
}
