// Package profile writes a CPU profile of a whole command run when the
// environment asks for one (TFKIT_CPUPROFILE=FILE), so benchmarks
// (bench/capture.sh PROFILE=DIR) can profile the real binary on real
// traffic without a flag in every command's help.
package profile

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// EnvCPU names the file the CPU profile is written to.
const EnvCPU = "TFKIT_CPUPROFILE"

// StartFromEnv starts CPU profiling when EnvCPU is set; the returned
// function stops it and must run before the process exits.
func StartFromEnv() (stop func()) {
	path := os.Getenv(EnvCPU)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s=%s: %v\n", EnvCPU, path, err)
		if f != nil {
			f.Close()
		}
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
