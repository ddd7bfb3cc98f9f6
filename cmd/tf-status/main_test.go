package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/engine/enginetest"
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

// TestEnvironmentSwitches: the variables contrail-status reads choose
// the engine's socket and namespaces as the flags do.
func TestEnvironmentSwitches(t *testing.T) {
	t.Setenv("CONTAINERD_ADDRESS", "/nonexistent/tfkit-engines.sock")
	t.Setenv("CONTAINERD_NAMESPACE", "tfkit-engines-a,tfkit-engines-b")
	r := clitest.Exec(t, bin, "--engine", "containerd")
	clitest.CheckUsage(t, "tf-status", []string{"--engine", "containerd"}, r,
		"no container engine answers", "containerd at /nonexistent/tfkit-engines.sock (namespaces tfkit-engines-a, tfkit-engines-b)")
}

// TestNothingSelected: an engine that answers with no Contrail container
// is a failure (exit 1) that says what was searched, with nothing on
// stdout.
func TestNothingSelected(t *testing.T) {
	host := enginetest.FakeDocker(t, enginetest.FakeContainer{ID: "0123456789abcdef", Name: "nginx", Labels: map[string]string{"app": "web"}})
	for _, args := range [][]string{{"--engine", "docker"}, {"--engine", "docker", "-f", "json", "-l", "app=web"}} {
		r := clitest.Exec(t, bin, args...)
		if r.Code != 1 || r.Stdout != "" || !strings.Contains(r.Stderr, "tf-status: no Contrail container") ||
			!strings.Contains(r.Stderr, "(searched docker at "+host+")") || strings.Count(r.Stderr, "\n") != 1 {
			t.Errorf("tf-status %v: exit %d, stdout %q, stderr %q; want exit 1, one line naming what was searched", args, r.Code, r.Stdout, r.Stderr)
		}
	}
	r := clitest.Exec(t, bin, "--engine", "docker", "-l", "tier=db")
	if r.Code != 1 || !strings.Contains(r.Stderr, "none of the 1 containers carries the labels tier=db") {
		t.Errorf("-l tier=db: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// TestAutoJSONRedactedWithWarning: with --engine auto and containerd
// absent, Docker's containers are reported and containerd is one warning
// line on stderr; -f json masks the secrets of the containers' env;
// INTROSPECT_SSL_ENABLE from tf-status's own environment asks over HTTPS.
func TestAutoJSONRedactedWithWarning(t *testing.T) {
	enginetest.FakeDocker(t,
		enginetest.FakeContainer{ID: "aaaa0000aaaa0000", Name: "contrail-controller-config-api", State: "exited",
			Labels: map[string]string{"net.juniper.contrail.pod": "config", "net.juniper.contrail.service": "api", "net.juniper.contrail.container.name": "contrail-controller-config-api"},
			Env:    []string{"KEYSTONE_AUTH_ADMIN_PASSWORD=contrail123", "RABBITMQ_PASSWORD=rabbit-pw", "KEYSTONE_AUTH_HOST=10.0.0.9"}},
		enginetest.FakeContainer{ID: "bbbb0000bbbb0000", Name: "contrail-controller-control-control",
			Labels: map[string]string{"net.juniper.contrail.pod": "control", "net.juniper.contrail.service": "control", "net.juniper.contrail.container.name": "contrail-controller-control-control"},
			Env:    []string{"CONTROL_INTROSPECT_PORT=1"}})
	t.Setenv("CONTAINERD_ADDRESS", "/nonexistent/tfkit-engines.sock")
	t.Setenv("INTROSPECT_SSL_ENABLE", "yes")
	r := clitest.Exec(t, bin, "-f", "json", "-d", "--timeout", "1")
	if r.Code != 1 {
		t.Errorf("exit %d, want 1 (config api exited)", r.Code)
	}
	if !strings.Contains(r.Stderr, "tf-status: warning: containerd at /nonexistent/tfkit-engines.sock") || !strings.Contains(r.Stderr, "its containers are not listed") {
		t.Errorf("stderr %q: want a warning naming containerd", r.Stderr)
	}
	for _, secret := range []string{"contrail123", "rabbit-pw"} {
		if strings.Contains(r.Stdout, secret) {
			t.Errorf("-f json prints the secret %q", secret)
		}
	}
	var doc struct {
		Containers map[string]struct{ Env []string }                 `json:"containers"`
		Details    map[string]map[string]struct{ Introspect string } `json:"details"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.Stdout)
	}
	env := strings.Join(doc.Containers["config.api"].Env, " ")
	if !strings.Contains(env, "KEYSTONE_AUTH_ADMIN_PASSWORD=***") || !strings.Contains(env, "KEYSTONE_AUTH_HOST=10.0.0.9") {
		t.Errorf("config.api Env %q: want the password masked and the host kept", env)
	}
	if u := doc.Details["control"]["control"].Introspect; !strings.HasPrefix(u, "https://") {
		t.Errorf("control asked at %q: INTROSPECT_SSL_ENABLE=yes in tf-status's environment wants https", u)
	}
}
