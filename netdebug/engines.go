package netdebug

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tfkit/tfkit/engine"
)

// EngineOptions says which engines to ask (engine.Search's meaning of
// auto: Docker and containerd together).
type EngineOptions struct {
	Kind              string // auto (both), docker, containerd
	ContainerdAddress string
	Timeout           time.Duration // per engine
	// Warnings receives one line per engine that did not answer while
	// another did (nil: not shown).
	Warnings io.Writer
}

// ErrNoEngine means no engine answered (an environment error, exit 2).
var ErrNoEngine = engine.ErrNoEngine

// SearchContainers asks every engine o selects (engine.Search) and
// returns what they list, with the engines asked.
func SearchContainers(ctx context.Context, o EngineOptions) (engine.Listing, error) {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	l, err := engine.Search(ctx, engine.SearchOptions{Kind: o.Kind, ContainerdAddress: o.ContainerdAddress, Timeout: o.Timeout})
	if errors.Is(err, ErrNoEngine) {
		return l, fmt.Errorf("%w: start dockerd or containerd, pick one with --engine/--containerd-address, or use --pid/--netns", err)
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

// FindForWhy lists the containers of every engine and picks those whose
// exits `tf-capture why` reports for name (SelectForWhy); a name found
// nowhere says which engines were searched.
func FindForWhy(ctx context.Context, o EngineOptions, name, namespace string) ([]engine.Container, error) {
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
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%w (searched %s)", err, l.Searched())
	}
	return err
}
