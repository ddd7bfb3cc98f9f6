package client

import (
	"context"
	"errors"
	"sync"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// maxParallel bounds the hosts queried at the same time.
const maxParallel = 16

// Each runs req against every target and calls fn for each record, tagged
// with its target, targets in the order given. One target is streamed as
// it parses. Several targets are fetched in parallel, each into its own
// list, and delivered only when all succeeded; when any fails, fn is not
// called at all and the error holds one line per failed target.
func (c *Client) Each(ctx context.Context, req Request, fn func(Target, *sandesh.Node) error) error {
	ts := c.targets
	if len(ts) == 1 {
		return c.Stream(ctx, ts[0], req, func(n *sandesh.Node) error { return fn(ts[0], n) })
	}
	recs := make([][]*sandesh.Node, len(ts))
	errs := make([]error, len(ts))
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	for i, t := range ts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = c.Stream(ctx, t, req, func(n *sandesh.Node) error {
				recs[i] = append(recs[i], n)
				return nil
			})
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, t := range ts {
		for _, n := range recs[i] {
			if err := fn(t, n); err != nil {
				return err
			}
		}
	}
	return nil
}
