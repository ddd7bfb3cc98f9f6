package diff

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// table streams n routes in prefix order, the routes in skip left out
// and the ones in change with another next hop.
func table(n int, skip, change map[int]bool) func(context.Context, func(Item) error) error {
	return func(_ context.Context, send func(Item) error) error {
		for i := range n {
			if skip[i] {
				continue
			}
			nh := "tunnel 127.0.2.1"
			if change[i] {
				nh = "tunnel 127.0.2.9"
			}
			if err := send(Item{Key: fmt.Sprintf("vn1.inet.0\x0010.%d.%d.%d/32", i>>16, (i>>8)&255, i&255), Value: "XMPP vrouter-1 nh " + nh + " label 17"}); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestJoinBoundedMemory: two tables in the same order, a few routes
// added, removed and changed: every difference is found, and the items
// held at once do not grow with the table (100k and 400k routes hold the
// same few), only with the differences.
func TestJoinBoundedMemory(t *testing.T) {
	var held []int
	for _, n := range []int{100_000, 400_000} {
		removed, added, changed := map[int]bool{10: true, n / 2: true}, map[int]bool{77: true}, map[int]bool{5: true, n - 1: true}
		var got []string
		maxPending, err := Join(context.Background(), table(n, added, changed), table(n, removed, nil), func(p Pair) {
			switch {
			case p.Added:
				got = append(got, "added "+p.Key[11:])
			case p.Removed:
				got = append(got, "removed "+p.Key[11:])
			default:
				got = append(got, "changed "+p.Key[11:])
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		want := []string{"added 10.0.0.77/32", "changed 10.0.0.5/32", fmt.Sprintf("changed 10.%d.%d.%d/32", (n-1)>>16, ((n-1)>>8)&255, (n-1)&255),
			fmt.Sprintf("removed 10.%d.%d.%d/32", (n/2)>>16, ((n/2)>>8)&255, (n/2)&255), "removed 10.0.0.10/32"}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%d routes: got %v, want %v", n, got, want)
		}
		held = append(held, maxPending)
	}
	if held[0] > 16 || held[1] > 16 {
		t.Errorf("items held at once: %v; want a few, the same for 100k and 400k routes", held)
	}
}

// TestJoinAnyOrder: matching does not depend on the order of the two
// streams (one reversed): the result is the same, held items grow.
func TestJoinAnyOrder(t *testing.T) {
	rev := func(n int) func(context.Context, func(Item) error) error {
		return func(_ context.Context, send func(Item) error) error {
			for i := n - 1; i >= 0; i-- {
				if err := send(Item{Key: fmt.Sprint(i), Value: "v"}); err != nil {
					return err
				}
			}
			return nil
		}
	}
	fwd := func(_ context.Context, send func(Item) error) error {
		for i := range 1000 {
			v := "v"
			if i == 500 {
				v = "w"
			}
			if err := send(Item{Key: fmt.Sprint(i), Value: v}); err != nil {
				return err
			}
		}
		return nil
	}
	var got []Pair
	if _, err := Join(context.Background(), rev(1000), fwd, func(p Pair) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Key != "500" || got[0].Before != "v" || got[0].After != "w" {
		t.Errorf("got %+v", got)
	}
}

// BenchmarkJoin100k diffs two 100k-route tables that differ in one route.
func BenchmarkJoin100k(b *testing.B) {
	for b.Loop() {
		if _, err := Join(context.Background(), table(100_000, nil, nil), table(100_000, nil, map[int]bool{3: true}), func(Pair) {}); err != nil {
			b.Fatal(err)
		}
	}
}
