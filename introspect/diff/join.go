package diff

import (
	"context"
	"errors"
)

// Item is one keyed record of an aspect (a route, a peer, …) and the
// value compared.
type Item struct {
	Key   string
	Value string
}

// Pair is one key whose value differs: Before "" is added, After ""
// removed.
type Pair struct {
	Key           string
	Before, After string
	Added         bool
	Removed       bool
}

// Join reads both streams at once and calls out for every key whose
// value differs between them. Items are matched by key whatever their
// order; only the items not yet matched are held (pending), so two
// streams in the same order need memory for their differences, not
// their size. A stream's function sends its items and returns its
// error; the first error stops both. maxPending is the most items held
// at once (what the memory of a join grows with).
func Join(ctx context.Context, a, b func(ctx context.Context, send func(Item) error) error, out func(Pair)) (maxPending int, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type side struct {
		ch   chan Item
		err  error
		done bool
	}
	run := func(f func(context.Context, func(Item) error) error) *side {
		s := &side{ch: make(chan Item, 64)}
		go func() {
			defer close(s.ch)
			s.err = f(ctx, func(it Item) error {
				select {
				case s.ch <- it:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
		}()
		return s
	}
	sa, sb := run(a), run(b)
	pa, pb := map[string]string{}, map[string]string{}
	take := func(s *side, mine, other map[string]string, fromA bool) {
		it, ok := <-s.ch
		if !ok {
			s.done = true
			return
		}
		v, matched := other[it.Key]
		if !matched {
			mine[it.Key] = it.Value
			return
		}
		delete(other, it.Key)
		if v != it.Value {
			if fromA {
				out(Pair{Key: it.Key, Before: it.Value, After: v})
			} else {
				out(Pair{Key: it.Key, Before: v, After: it.Value})
			}
		}
	}
	// Alternate so that neither stream runs ahead of the other: pending
	// stays at the differences (plus the skew of the two orders).
	for !sa.done || !sb.done {
		if !sa.done {
			take(sa, pa, pb, true)
		}
		if !sb.done {
			take(sb, pb, pa, false)
		}
		maxPending = max(maxPending, len(pa)+len(pb))
	}
	if err := errors.Join(sa.err, sb.err); err != nil {
		if sa.err != nil {
			return maxPending, sa.err
		}
		return maxPending, sb.err
	}
	for k, v := range pa {
		out(Pair{Key: k, Before: v, Removed: true})
	}
	for k, v := range pb {
		out(Pair{Key: k, After: v, Added: true})
	}
	return maxPending, nil
}
