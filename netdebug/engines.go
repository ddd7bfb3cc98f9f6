package netdebug

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tfkit/tfkit/engine"
)

// EngineOptions says which engines to ask.
type EngineOptions struct {
	Kind              string // auto (both), docker, containerd
	ContainerdAddress string
	Timeout           time.Duration // per engine
}

// ErrNoEngine means no engine answered (an environment error, exit 2).
var ErrNoEngine = errors.New("no container engine answers")

// ListContainers asks every engine that answers (Docker and containerd for
// auto) and returns their containers together. A container that Docker
// reports and that also shows in containerd's "moby" namespace (Docker on
// the system containerd) is kept once, as Docker's.
func ListContainers(ctx context.Context, o EngineOptions) ([]engine.Container, error) {
	kinds := []string{engine.KindDocker, engine.KindContainerd}
	if o.Kind != "" && o.Kind != engine.KindAuto {
		kinds = []string{o.Kind}
	}
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	var all []engine.Container
	var failures []string
	answered := 0
	for _, k := range kinds {
		cs, err := listOne(ctx, k, o)
		if err != nil {
			failures = append(failures, strings.TrimPrefix(err.Error(), engine.ErrNoEngine.Error()+": "))
			continue
		}
		answered++
		all = append(all, cs...)
	}
	if answered == 0 {
		hint := "start dockerd or containerd, or use --pid/--netns"
		if strings.Contains(strings.Join(failures, " "), "permission denied") {
			hint = "permission denied: run as root (or a member of the docker group)"
		}
		return nil, fmt.Errorf("%w (%s): %s", ErrNoEngine, strings.Join(failures, "; "), hint)
	}
	return dedupeMoby(all), nil
}

func listOne(ctx context.Context, kind string, o EngineOptions) ([]engine.Container, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	rt, err := engine.Open(ctx, engine.Options{Kind: kind, ContainerdAddress: o.ContainerdAddress, ProbeTimeout: o.Timeout})
	if err != nil {
		return nil, err
	}
	defer rt.Close()
	return rt.List(ctx)
}

func dedupeMoby(all []engine.Container) []engine.Container {
	docker := map[string]bool{}
	for _, c := range all {
		if c.Engine == engine.KindDocker {
			docker[c.ID] = true
		}
	}
	out := all[:0]
	for _, c := range all {
		if c.Engine == engine.KindContainerd && c.Namespace == "moby" && docker[c.ID] {
			continue
		}
		out = append(out, c)
	}
	return out
}
