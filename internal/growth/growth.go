// Package growth lets tests assert that a cost grows linearly with the
// size of the input, without timing anything against a wall clock: f runs
// at n and at 4n, and the allocated bytes and the CPU time of the process
// may grow at most 8× (linear is 4×, quadratic 16×, so noise on a shared
// machine does not decide the outcome).
package growth

import (
	"runtime"
	"syscall"
	"testing"
	"time"
)

// Cost is what one run of f cost.
type Cost struct {
	Bytes uint64        // bytes allocated
	CPU   time.Duration // user+system CPU of the process (the minimum of 3 runs)
}

// Measure runs f three times and returns the bytes it allocates and its
// smallest CPU time.
func Measure(f func()) Cost {
	var c Cost
	for i := 0; i < 3; i++ {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		t0 := cpu()
		f()
		d := cpu() - t0
		runtime.ReadMemStats(&m1)
		if i == 0 || d < c.CPU {
			c.CPU = d
		}
		c.Bytes = m1.TotalAlloc - m0.TotalAlloc
	}
	return c
}

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// MaxRatio is the largest growth from n to 4n accepted as linear.
const MaxRatio = 8

// Linear fails t unless f(4n) costs at most MaxRatio times f(n), in bytes
// and in CPU time. Costs too small to measure (under 64 KiB, under 5 ms)
// are raised to that floor, so a cost that does not grow passes.
func Linear(t testing.TB, n int, f func(n int)) {
	t.Helper()
	small := Measure(func() { f(n) })
	big := Measure(func() { f(4 * n) })
	t.Logf("n=%d: %d bytes, %v CPU; 4n: %d bytes, %v CPU", n, small.Bytes, small.CPU, big.Bytes, big.CPU)
	if r := float64(big.Bytes) / float64(max(small.Bytes, 64<<10)); r > MaxRatio {
		t.Errorf("allocations grew %.1f× from n=%d to 4n (linear: 4×): %d → %d bytes", r, n, small.Bytes, big.Bytes)
	}
	if r := float64(big.CPU) / float64(max(small.CPU, 5*time.Millisecond)); r > MaxRatio {
		t.Errorf("CPU time grew %.1f× from n=%d to 4n (linear: 4×): %v → %v", r, n, small.CPU, big.CPU)
	}
}
