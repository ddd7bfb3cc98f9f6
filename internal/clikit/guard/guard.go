// Package guard makes sure a crash of a tfkit binary never exits with a
// documented status. Run (internal/clikit) recovers a panic of the
// action's goroutine, but the Go runtime ends the process with status 2
// (the usage code) for a panic in any other goroutine and for fatal
// errors such as running out of memory. So a binary whose main package
// imports this one (every binary on the kit: `import _`) runs as a child
// of itself, whose runtime also writes its crash report to a
// pipe (debug.SetCrashOutput); the parent passes signals on, waits, and
// exits with the child's status, or ExitCrash when the pipe got a crash
// report, or dies of the signal that killed the child. stdin, stdout and
// stderr are the child's own, so nothing is copied. The child finds the
// pipe as file descriptor 3, named by the variable Env (internal/clikit
// hands it to the runtime).
//
// The parent does this from this package's init, and never returns from
// it: packages are initialized in the order of their import paths as far
// as their imports allow (the Go spec), and this one imports only a few
// standard packages that sort before most others (not runtime/debug,
// which would wait for regexp and what needs it), so it runs before the
// heavy initialization of the program's dependencies (the Docker and
// containerd clients' regular expressions and protobuf descriptors, 5-8
// ms of CPU), which only the child pays. A parent that ran main would pay
// it twice.
package guard

import (
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// Exit statuses the parent uses: the kit's (internal/clikit, which
// checks they are the same).
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitCrash   = 70 // a crash: a bug (sysexits' EX_SOFTWARE)
)

// Env marks the guarded child process; its value is the file descriptor
// of the crash pipe (internal/clikit hands it to the runtime).
const Env = "TFKIT_CLIKIT_CRASH_FD"

// forwarded are the signals the guard passes to the program. Job control
// (SIGTSTP, SIGCONT …) is left alone: both processes stop and go on with
// their process group.
var forwarded = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2}

func init() {
	if testBinary() {
		return // go test runs packages in process: nothing to guard
	}
	if code, done := guard(); done {
		os.Exit(code)
	}
}

// testBinary: a test binary of a package that imports the kit (named
// pkg.test, or given -test.* flags). No strings package: see above.
func testBinary() bool {
	if a := os.Args[0]; len(a) >= 5 && a[len(a)-5:] == ".test" {
		return true
	}
	for _, a := range os.Args[1:] {
		if len(a) > 6 && a[:6] == "-test." {
			return true
		}
	}
	return false
}

// guard runs the program as a guarded child and returns its status with
// done; in the child (or when the child cannot be started) it returns
// false and the program runs in this process. syscall.ForkExec and
// Wait4, not os/exec (which imports path/filepath: it and strings sort
// after most packages, and this init would wait for them) nor
// os.StartProcess (which forks a throwaway child first to probe for
// pidfd support).
func guard() (code int, done bool) {
	if os.Getenv(Env) != "" {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	r, w, err := os.Pipe()
	if err != nil {
		return 0, false
	}
	defer r.Close()
	// The child dies with this thread: keep it for the process's life.
	runtime.LockOSThread()
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, forwarded...)
	pid, err := syscall.ForkExec(exe, os.Args, &syscall.ProcAttr{
		Env:   append(os.Environ(), Env+"=3"),
		Files: []uintptr{0, 1, 2, w.Fd()}, // the crash pipe is fd 3
		Sys:   &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL},
	})
	w.Close()
	if err != nil {
		signal.Stop(sigs)
		return 0, false
	}
	crashed := make(chan bool, 1)
	go func() {
		n, _ := io.Copy(io.Discard, r) // EOF when the child is gone
		crashed <- n > 0
	}()
	go func() {
		for s := range sigs {
			syscall.Kill(pid, s.(syscall.Signal))
		}
	}()
	var ws syscall.WaitStatus
	for {
		_, err = syscall.Wait4(pid, &ws, 0, nil)
		if err != syscall.EINTR {
			break
		}
	}
	signal.Stop(sigs)
	select {
	case c := <-crashed:
		if c {
			return ExitCrash, true
		}
	case <-time.After(time.Second): // a grandchild holds the pipe: no report came
	}
	switch {
	case err != nil:
		return ExitFailure, true
	case ws.Signaled():
		// Die the same way, so a shell sees "killed by SIGINT" and stops
		// its loop; 128+N if the signal does not end this process.
		signal.Reset(ws.Signal())
		syscall.Kill(os.Getpid(), ws.Signal())
		time.Sleep(100 * time.Millisecond)
		return 128 + int(ws.Signal()), true
	}
	return ws.ExitStatus(), true
}
