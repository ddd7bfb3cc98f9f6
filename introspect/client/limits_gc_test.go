package client

import (
	"runtime/debug"
	"testing"
)

// TestMemoryBackstopSetsPace checks the collector's pace a command runs
// at, and that GOGC, when the user sets it, wins.
func TestMemoryBackstopSetsPace(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	old := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(old); debug.SetMemoryLimit(oldLimit) })

	MemoryBackstop(0)
	if got := debug.SetGCPercent(100); got != CommandGCPercent {
		t.Errorf("GC percent after MemoryBackstop = %d, want %d", got, CommandGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != 3*DefaultMaxBytes+512<<20 {
		t.Errorf("memory limit = %d, want %d", got, 3*DefaultMaxBytes+512<<20)
	}

	t.Setenv("GOGC", "50")
	MemoryBackstop(0)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, GC percent = %d, want the value before (100)", got)
	}
}
