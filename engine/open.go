package engine

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Options selects and reaches an engine.
type Options struct {
	Kind              string   // auto (default), docker, containerd
	ContainerdAddress string   // "" = DefaultContainerdAddress
	Namespaces        []string // containerd namespaces; nil = DefaultNamespaces
	// ProbeTimeout bounds each engine's connection check (default 3 s), so
	// that a dead socket cannot hold a run up.
	ProbeTimeout time.Duration
}

// ErrNoEngine is returned (wrapped) by Open when no engine answers.
var ErrNoEngine = errors.New("no container engine answers")

// Open connects to the engine opts names. With auto it tries Docker, then
// containerd, and returns the first that answers; the error then lists why
// each failed.
func Open(ctx context.Context, opts Options) (Runtime, error) {
	probe := opts.ProbeTimeout
	if probe <= 0 {
		probe = 3 * time.Second
	}
	try := func(kind string) (Runtime, error) {
		pctx, cancel := context.WithTimeout(ctx, probe)
		defer cancel()
		if kind == KindDocker {
			return OpenDocker(pctx)
		}
		return OpenContainerd(pctx, opts.ContainerdAddress, opts.Namespaces)
	}
	switch opts.Kind {
	case "", KindAuto:
		d, derr := try(KindDocker)
		if derr == nil {
			return d, nil
		}
		c, cerr := try(KindContainerd)
		if cerr == nil {
			return c, nil
		}
		return nil, fmt.Errorf("%w: %v; %v", ErrNoEngine, derr, cerr)
	case KindDocker, KindContainerd:
		r, err := try(opts.Kind)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoEngine, err)
		}
		return r, nil
	}
	return nil, fmt.Errorf("engine %q: use auto, docker or containerd", opts.Kind)
}
