package cluster

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// KeepMemoryLimit sets the floor while the live heap is small, follows
// the live heap above it, and leaves an operator's GOMEMLIMIT alone.
func TestKeepMemoryLimit(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	// Cancelled: each call sets the limit once and its follower returns
	// at once (none may change the limit after this test).
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	KeepMemoryLimit(ctx, 1<<40)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Fatalf("limit %d with a floor of 1 TiB, want the floor", got)
	}
	// A floor of one byte: the live heap (some MB here, as of the last
	// collection) decides.
	keep := make([]byte, 4<<20)
	runtime.GC()
	KeepMemoryLimit(ctx, 1)
	runtime.KeepAlive(keep)
	got := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(math.MaxInt64)
	if got < 1<<20 || got >= 1<<40 {
		t.Fatalf("limit %d with a floor of 1 byte, want 1.6 × the live heap", got)
	}
	t.Setenv("GOMEMLIMIT", "8GiB")
	KeepMemoryLimit(ctx, 1<<30)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit %d with GOMEMLIMIT set, want it untouched", got)
	}
}
