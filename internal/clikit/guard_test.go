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
)

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
