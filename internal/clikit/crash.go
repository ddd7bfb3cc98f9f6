package clikit

import (
	"os"
	"runtime/debug"
)

// crashEnv is guard.Env: set in the child package guard started, to the
// file descriptor of the pipe the parent reads crash reports from. Not
// imported from there: importing package guard is what guards a binary,
// and each binary's main package chooses it.
const crashEnv = "TFKIT_CLIKIT_CRASH_FD"

// In the guard's child, the runtime also writes its crash report to the
// pipe, so that the parent exits 70 on it. Here and not in package guard,
// whose initialization must not wait for runtime/debug (see there).
func init() {
	fd := os.Getenv(crashEnv)
	if fd == "" {
		return
	}
	os.Unsetenv(crashEnv) // not for the commands the program runs
	if f := os.NewFile(3, "crash"); f != nil && fd == "3" {
		debug.SetCrashOutput(f, debug.CrashOptions{}) // keeps a close-on-exec copy
		f.Close()
	}
}
