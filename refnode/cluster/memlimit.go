package cluster

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// MemoryFloor is the soft memory limit KeepMemoryLimit holds while the
// live heap is small: the 980-vRouter lab (builtin:scale-980.yaml) has
// about 0.7 GB live at convergence, and the collector's default (grow to
// twice the live heap) let it peak at 1.75 GiB; under this limit it peaks
// at about 1.4 GiB, for a few more CPU-seconds of collection.
const MemoryFloor = 1400 << 20

// liveHeapFactor: above the floor, the limit follows the live heap with
// this much room, so a lab bigger than the 980 one never makes the
// collector run back to back (and starve keep-alives).
const liveHeapFactor = 1.6

// KeepMemoryLimit sets the Go runtime's soft memory limit to the larger of
// floor and liveHeapFactor × the live heap, and follows the live heap every
// second until ctx ends. It does nothing when GOMEMLIMIT is set (the
// operator's choice wins). It is a process setting, for refnode up.
func KeepMemoryLimit(ctx context.Context, floor int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	set := func() {
		metrics.Read(sample)
		limit := floor
		if sample[0].Value.Kind() == metrics.KindUint64 {
			limit = max(floor, int64(float64(sample[0].Value.Uint64())*liveHeapFactor))
		}
		debug.SetMemoryLimit(limit)
	}
	set()
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				set()
			}
		}
	}()
}
