package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/engine/enginetest"
)

// TestUsageErrors checks that bad input gives one line on stderr, nothing
// on stdout and exit code 2.
func TestUsageErrors(t *testing.T) {
	bin, err := enginetest.StaticBinary("./cmd/tf-status")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--engine", "podman"}, `engine "podman": use auto, docker or containerd`},
		{[]string{"--timeout", "soon"}, `timeout "soon"`},
		{[]string{"-f", "yaml"}, `format "yaml"`},
		{[]string{"--label", "novalue"}, `--label "novalue": give key=value`},
		{[]string{"--engine", "containerd", "--containerd-address", "/nonexistent/c.sock"}, "no container engine answers"},
		{[]string{"--bogus"}, "flag provided but not defined"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	} {
		cmd := exec.Command(bin, tc.args...)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 {
			t.Errorf("%v: %v, want exit 2", tc.args, err)
		}
		msg := strings.TrimSpace(stderr.String())
		if !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 0 || !strings.HasPrefix(msg, "tf-status: ") {
			t.Errorf("%v: stderr %q, want one line starting tf-status: with %q", tc.args, msg, tc.want)
		}
		if stdout.Len() != 0 {
			t.Errorf("%v: wrote %q on stdout", tc.args, stdout.String())
		}
	}
	out, err := exec.Command(bin, "--help").Output()
	if err != nil || !strings.Contains(string(out), "EXAMPLES:") {
		t.Errorf("--help: %v", err)
	}
}
