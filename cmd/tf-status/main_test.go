package main

import (
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// bin is tf-status built once by TestMain, so the exit status checked is
// the one main() exits with.
var bin string

func TestMain(m *testing.M) { clitest.Main(m, "github.com/tfkit/tfkit/cmd/tf-status", &bin) }

// TestUsageErrors checks that bad input gives one line on stderr, nothing
// on stdout and exit code 2.
func TestUsageErrors(t *testing.T) {
	clitest.CheckUsageErrors(t, bin, newApp(), 2)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--engine", "podman"}, `bad --engine "podman": use auto, docker or containerd`},
		{[]string{"--timeout", "soon"}, `--timeout: bad duration "soon": give seconds (2, 1.5) or a duration (2s, 500ms)`},
		{[]string{"-t", "0"}, `--timeout: bad duration "0": give a positive time`},
		{[]string{"-f", "yaml"}, `bad --format "yaml": use table, text or json`},
		{[]string{"--label", "novalue"}, `bad --label "novalue": give key=value`},
		{[]string{"--engine", "containerd", "--containerd-address", "/nonexistent/c.sock"}, "no container engine answers"},
		{[]string{"--bogus"}, "flag provided but not defined"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"extra", "-f", "json"}, `unexpected argument "extra"`},
	} {
		clitest.CheckUsage(t, "tf-status", tc.args, clitest.Exec(t, bin, tc.args...), tc.want)
	}
	r := clitest.Exec(t, bin, "--help")
	if r.Code != 0 || !strings.Contains(r.Stdout, "EXAMPLES:") {
		t.Errorf("--help: %+v", r)
	}
}
