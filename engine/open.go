package engine

import (
	"context"
	"fmt"
	"time"
)

// Options select and reach one engine for its lifecycle side (Runtime):
// refnode deploy and the tests. Listing containers across engines is
// Search's job.
type Options struct {
	Kind              string   // docker or containerd
	ContainerdAddress string   // "" = DefaultContainerdAddress
	Namespaces        []string // containerd namespaces; nil = DefaultNamespaces
	// ProbeTimeout bounds the connection check (default 3 s), so that a
	// dead socket cannot hold a run up.
	ProbeTimeout time.Duration
}

// Open connects to the one engine opts names. `auto` is not accepted: a
// Runtime is one engine, and auto means both (Search).
func Open(ctx context.Context, opts Options) (Runtime, error) {
	probe := opts.ProbeTimeout
	if probe <= 0 {
		probe = probeTimeout
	}
	pctx, cancel := context.WithTimeout(ctx, probe)
	defer cancel()
	var r Runtime
	var err error
	switch opts.Kind {
	case KindDocker:
		r, err = OpenDocker(pctx)
	case KindContainerd:
		r, err = OpenContainerd(pctx, opts.ContainerdAddress, opts.Namespaces)
	default:
		return nil, fmt.Errorf("engine %q: use docker or containerd", opts.Kind)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoEngine, err)
	}
	return r, nil
}
