// Package lookup finds containers and pods by name in the container
// engines (Docker, containerd) for tf-capture: the namespace a capture
// enters, the containers why reports. It is the part of tf-capture that
// links the engine clients; only tf-capture-engines links it.
package lookup

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/netdebug"
)

// noEngine is engine.Search's "no engine answered" with what to do; it is
// also netdebug.ErrNoEngine, the classification callers without the
// engine package test for.
type noEngine struct{ err error }

func (e noEngine) Error() string {
	return e.err.Error() + ": start dockerd or containerd, pick one with --engine/--containerd-address, or use --pid/--netns"
}

func (e noEngine) Unwrap() []error { return []error{e.err, netdebug.ErrNoEngine} }

// SearchContainers asks every engine o selects (engine.Search) and
// returns what they list, with the engines asked.
func SearchContainers(ctx context.Context, o netdebug.EngineOptions) (engine.Listing, error) {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	l, err := engine.Search(ctx, engine.SearchOptions{Kind: o.Kind, ContainerdAddress: o.ContainerdAddress, Timeout: o.Timeout})
	if errors.Is(err, engine.ErrNoEngine) {
		return l, noEngine{err}
	}
	if err != nil {
		return l, err
	}
	if o.Warnings != nil {
		for _, w := range l.Warnings() {
			fmt.Fprintf(o.Warnings, "tf-capture: warning: %s\n", w)
		}
	}
	return l, nil
}

// FindTarget resolves a pod or container name to its network namespace.
// Errors wrap netdebug.ErrNotFound or ErrAmbiguous (the user's mistake),
// ErrNoEngine (the environment), or are failures (a container that is not
// running).
func FindTarget(ctx context.Context, o netdebug.EngineOptions, name, namespace string) (netdebug.Target, error) {
	l, err := SearchContainers(ctx, o)
	if err != nil {
		return netdebug.Target{}, err
	}
	t, err := Resolve(l.Containers, name, namespace)
	return t, Searched(err, l)
}

// FindForWhy lists the containers of every engine and picks those whose
// exits `tf-capture why` reports for name (SelectForWhy); a name found
// nowhere says which engines were searched.
func FindForWhy(ctx context.Context, o netdebug.EngineOptions, name, namespace string) ([]engine.Container, error) {
	l, err := SearchContainers(ctx, o)
	if err != nil {
		return nil, err
	}
	cs, err := SelectForWhy(l.Containers, name, namespace)
	return cs, Searched(err, l)
}

// Searched adds to a lookup that found nothing the engines that were
// searched; other errors pass unchanged.
func Searched(err error, l engine.Listing) error {
	if errors.Is(err, netdebug.ErrNotFound) {
		return fmt.Errorf("%w (searched %s)", err, l.Searched())
	}
	return err
}
