package clikit

import (
	"bufio"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
	"github.com/tfkit/tfkit/internal/clikit/guard"
)

// TestGuardSpeaksTheKit: the guard, which cannot import the kit, uses its
// exit statuses and the variable the kit reads in the child.
func TestGuardSpeaksTheKit(t *testing.T) {
	if guard.ExitOK != ExitOK || guard.ExitFailure != ExitFailure || guard.ExitCrash != ExitCrash || guard.Env != crashEnv {
		t.Errorf("guard: %d %d %d %q; kit: %d %d %d %q", guard.ExitOK, guard.ExitFailure, guard.ExitCrash, guard.Env, ExitOK, ExitFailure, ExitCrash, crashEnv)
	}
}

// TestMainGuardsCrashes runs a program on Main: its own exit statuses pass
// through, and every kind of crash exits 70, never 2.
func TestMainGuardsCrashes(t *testing.T) {
	bin, cleanup, err := clitest.Build("github.com/tfkit/tfkit/internal/clikit/testdata/guarded")
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	for _, tc := range []struct {
		cmd    string
		code   int
		stderr string
	}{
		{"ok", 0, ""},
		{"exit3", 3, ""},
		{"usage", 2, "guarded: bad: see guarded --help"},
		{"nosuch", 2, `guarded: unknown command "nosuch"`},
		{"panic", ExitCrash, "guarded: internal error: panic: in the action"},
		{"goroutine-panic", ExitCrash, "panic: in another goroutine"},
		{"fatal", ExitCrash, "fatal error: sync: unlock of unlocked mutex"},
	} {
		r := clitest.Exec(t, bin, tc.cmd)
		if r.Code != tc.code || !strings.Contains(r.Stderr, tc.stderr) {
			t.Errorf("guarded %s: exit %d, stderr %q; want %d and %q", tc.cmd, r.Code, r.Stderr, tc.code, tc.stderr)
		}
	}
	if r := clitest.ExecInput(t, bin, []byte("through\n"), "cat"); r.Code != 0 || r.Stdout != "through\n" {
		t.Errorf("stdin/stdout: %+v", r)
	}
	if r := clitest.Exec(t, bin, "env"); r.Stdout != "true\n" {
		t.Errorf("the guard's variable reaches the program's commands: %q", r.Stdout)
	}
}

// TestMainGuardPassesSignals: a signal sent to the process reaches the
// program, and the process dies of it as the program did.
func TestMainGuardPassesSignals(t *testing.T) {
	bin, cleanup, err := clitest.Build("github.com/tfkit/tfkit/internal/clikit/testdata/guarded")
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	cmd := exec.Command(bin, "wait")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "waiting\n" {
		t.Fatalf("got %q", line)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("SIGTERM did not end the program")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGTERM {
		t.Errorf("want death by SIGTERM, got %v", err)
	}
}

// TestMainGuardParentInitsLittle: the guard's parent leaves at the guard
// package's initialization, before the program's dependencies are
// initialized (regexp, urfave/cli's templates; in the real binaries the
// Docker and containerd clients): with GODEBUG=inittrace=1 both processes
// trace os's initialization, the parent stops in the guard's (a package
// is traced when its initialization ends), and only the child traces
// regexp's, urfave/cli's and the program's own.
func TestMainGuardParentInitsLittle(t *testing.T) {
	bin, cleanup, err := clitest.Build("github.com/tfkit/tfkit/internal/clikit/testdata/guarded")
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	cmd := exec.Command(bin, "ok")
	cmd.Env = append(cmd.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	count := func(pkg string) int {
		n := 0
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "init "+pkg+" @") {
				n++
			}
		}
		return n
	}
	for pkg, want := range map[string]int{
		"os": 2, // parent and child
		"github.com/tfkit/tfkit/internal/clikit/guard": 1,
		"regexp":                   1,
		"main":                     1, // the program's own init
		"github.com/urfave/cli/v2": 1,
	} {
		if got := count(pkg); got != want {
			t.Errorf("init %s traced %d times, want %d:\n%s", pkg, got, want, out)
		}
	}
}
