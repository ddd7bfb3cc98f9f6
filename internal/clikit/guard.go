package clikit

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"
)

// guardEnv marks the guarded child process; its value is the file
// descriptor of the crash pipe.
const guardEnv = "TFKIT_CLIKIT_CRASH_FD"

// forwarded are the signals the guard passes to the program. Job control
// (SIGTSTP, SIGCONT …) is left alone: both processes stop and go on with
// their process group.
var forwarded = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2}

// guard makes sure a crash never exits with a documented code. Run
// recovers a panic of the action's goroutine, but the Go runtime ends the
// process with status 2 (the usage code) for a panic in any other
// goroutine and for fatal errors such as running out of memory. So Main
// runs the program as a child of itself, whose runtime also writes its
// crash report to a pipe (debug.SetCrashOutput); the parent passes
// signals on, waits, and exits with the child's status, or ExitCrash when
// the pipe got a crash report, or dies of the signal that killed the
// child. stdin, stdout and stderr are the child's own, so nothing is
// copied.
//
// In the child (or when the child cannot be started) guard returns false
// and the program runs in this process.
func guard() (code int, done bool) {
	if fd := os.Getenv(guardEnv); fd != "" {
		os.Unsetenv(guardEnv) // not for the commands the program runs
		if f := os.NewFile(3, "crash"); f != nil && fd == "3" {
			debug.SetCrashOutput(f, debug.CrashOptions{}) // keeps a close-on-exec copy
			f.Close()
		}
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
	cmd := exec.Command(exe)
	cmd.Args = os.Args
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{w} // fd 3
	cmd.Env = append(os.Environ(), guardEnv+"=3")
	// The child dies with this thread: keep it for the process's life.
	runtime.LockOSThread()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, forwarded...)
	if err := cmd.Start(); err != nil {
		signal.Stop(sigs)
		w.Close()
		return 0, false
	}
	w.Close()
	crashed := make(chan bool, 1)
	go func() {
		n, _ := io.Copy(io.Discard, r) // EOF when the child is gone
		crashed <- n > 0
	}()
	go func() {
		for s := range sigs {
			cmd.Process.Signal(s)
		}
	}()
	err = cmd.Wait()
	signal.Stop(sigs)
	select {
	case c := <-crashed:
		if c {
			return ExitCrash, true
		}
	case <-time.After(time.Second): // a grandchild holds the pipe: no report came
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		if err != nil {
			return ExitFailure, true
		}
		return ExitOK, true
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if ok && ws.Signaled() {
		// Die the same way, so a shell sees "killed by SIGINT" and stops
		// its loop; 128+N if the signal does not end this process.
		signal.Reset(ws.Signal())
		syscall.Kill(os.Getpid(), ws.Signal())
		time.Sleep(100 * time.Millisecond)
		return 128 + int(ws.Signal()), true
	}
	return ee.ExitCode(), true
}
