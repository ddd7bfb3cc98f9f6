package client

import (
	"context"
	"errors"
	"sync"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// maxParallel bounds the hosts queried at the same time.
const maxParallel = 16

// EachTarget runs req against every target in parallel; sink(i, t) gives
// the callback that receives target i's records as they parse. The
// returned error joins the failures of all targets (one line each).
func (c *Client) EachTarget(ctx context.Context, req Request, sink func(i int, t Target) func(*sandesh.Node) error) error {
	ts := c.targets
	budget := c.newBudget() // one request: every host's records count together
	if len(ts) == 1 {
		return c.stream(ctx, ts[0], req, sink(0, ts[0]), budget)
	}
	errs := make([]error, len(ts))
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	for i, t := range ts {
		fn := sink(i, t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = c.stream(ctx, t, req, fn, budget)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Each runs req against every target and calls fn for each record, tagged
// with its target, targets in the order given. One target is streamed as
// it parses. Several targets are fetched in parallel, each into its own
// list, and delivered only when all succeeded; when any fails, fn is not
// called at all.
func (c *Client) Each(ctx context.Context, req Request, fn func(Target, *sandesh.Node) error) error {
	ts := c.targets
	if len(ts) == 1 {
		return c.Stream(ctx, ts[0], req, func(n *sandesh.Node) error { return fn(ts[0], n) })
	}
	recs := make([][]*sandesh.Node, len(ts))
	req.Transient = false // the records are kept until every target is done
	err := c.EachTarget(ctx, req, func(i int, _ Target) func(*sandesh.Node) error {
		return func(n *sandesh.Node) error {
			recs[i] = append(recs[i], n)
			return nil
		}
	})
	if err != nil {
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
