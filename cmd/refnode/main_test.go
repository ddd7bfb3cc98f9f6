package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/clikit/clitest"

	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/topo"
)

// bin is refnode built once by TestMain: the tree test runs it, so the
// status checked is the one main() exits with.
var bin string

func TestMain(m *testing.M) { clitest.Main(m, "github.com/tfkit/tfkit/cmd/refnode", &bin) }

// TestUsageErrorsOnEveryCommand tries a bad flag on every command, an
// unknown subcommand on every group and a bad format wherever there is
// -f: each is exit 2, one line on stderr, nothing on stdout.
func TestUsageErrorsOnEveryCommand(t *testing.T) {
	clitest.CheckUsageErrors(t, bin, newApp(), 20)
	for _, args := range [][]string{{"run", "--name", "control-1"}, {"up", "a.yaml", "b.yaml"}, {"ctl", "stop"}, {"ctl", "--timeout", "soon", "state"}} {
		clitest.CheckUsage(t, "refnode", args, clitest.Exec(t, bin, args...))
	}
}

// run executes the refnode command line in process, through the same
// clikit.Run as main, and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errw bytes.Buffer
	app := newApp()
	app.Writer, app.ErrWriter = &out, &errw
	code := clikit.Run(app, append([]string{"refnode"}, args...), clikit.Options{})
	return out.String(), errw.String(), code
}

func TestTopologyValidateAndPrint(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("controls: [{name: c1, address: 10.0.0.1}, {name: c1, address: 127.0.1.2}]\n"), 0o644)
	out, errs, code := run(t, "topology", "validate", "builtin:k8s.yaml", bad)
	if code != clikit.ExitFailure || !strings.Contains(out, "builtin:k8s.yaml: ok: 3 control nodes, 2 vRouters") {
		t.Errorf("code %d out %q", code, out)
	}
	if strings.Count(errs, "\n") != 2 || !strings.Contains(errs, "controls[0].address: 10.0.0.1 is not in 127.0.0.0/8") ||
		!strings.Contains(errs, `controls[1].name: "c1" is already used`) {
		t.Errorf("errors %q", errs)
	}
	out, _, code = run(t, "topology", "print", "builtin:minimal.yaml")
	if code != 0 || !strings.Contains(out, "name: web-2") {
		t.Fatalf("print: %d %q", code, out)
	}
	if _, err := topo.Parse([]byte(out), "printed"); err != nil {
		t.Errorf("printed topology does not load: %v", err)
	}
	if _, errs, code := run(t, "topology", "print", "builtin:nope.yaml"); code != clikit.ExitUsage || !strings.Contains(errs, "choose one of k8s.yaml, minimal.yaml, scale-980.yaml") {
		t.Errorf("unknown builtin: %d %q", code, errs)
	}
}

func TestRunRejectsUnknownRoleOrName(t *testing.T) {
	_, errs, code := run(t, "run", "--role", "controller", "--name", "control-1")
	if code != clikit.ExitUsage || !strings.Contains(errs, `unknown role "controller": use one of control, vrouter`) {
		t.Errorf("%d %q", code, errs)
	}
	_, errs, code = run(t, "run", "--role", "vrouter", "--name", "control-1")
	if code != clikit.ExitUsage || !strings.Contains(errs, `no vrouter named "control-1"`) {
		t.Errorf("%d %q", code, errs)
	}
}

// idle is a Node that does nothing: the ctl tests need a cluster to talk
// to, not real daemons.
type idle struct{}

func (idle) Start(context.Context) error { return nil }
func (idle) Stop() error                 { return nil }
func (idle) Pause() error                { return nil }
func (idle) Resume() error               { return nil }

func TestCtlAgainstAdminAPI(t *testing.T) {
	c, err := cluster.New(topo.Default(), cluster.Options{Build: func(cluster.Service) (cluster.Node, error) { return idle{}, nil }})
	if err != nil {
		t.Fatal(err)
	}
	c.Start(context.Background())
	srv, addr, err := c.ServeAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if _, errs, code := run(t, "ctl", "--admin", addr, "stop", "control-3"); code != 0 {
		t.Fatalf("stop: %d %q", code, errs)
	}
	if _, errs, code := run(t, "ctl", "--admin", addr, "stop", "control-3"); code != clikit.ExitFailure || !strings.Contains(errs, "refnode: wrong state: control-3 is stopped") {
		t.Errorf("second stop: %d %q", code, errs)
	}
	if _, errs, code := run(t, "ctl", "--admin", addr, "pause", "nope"); code != clikit.ExitUsage || !strings.Contains(errs, `unknown node "nope"`) {
		t.Errorf("unknown node: %d %q", code, errs)
	}
	if _, _, code := run(t, "ctl", "--admin", addr, "cut", "control-1"); code != clikit.ExitUsage {
		t.Errorf("cut with one name: %d", code)
	}
	out, _, code := run(t, "ctl", "--admin", addr, "state", "-f", "json")
	var st cluster.State
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || len(st.Nodes) != 16 || st.Nodes[2].State != "stopped" {
		t.Errorf("state json: %d %q", code, out)
	}
	out, _, _ = run(t, "ctl", "--admin", addr, "state")
	if !strings.Contains(out, "control-3") || !strings.Contains(out, "stopped") || !strings.Contains(out, "stop ") {
		t.Errorf("state table %q", out)
	}
	if _, _, code := run(t, "ctl", "--admin", addr, "state", "-f", "xml"); code != clikit.ExitUsage {
		t.Errorf("bad format: %d", code)
	}
	if _, errs, code := run(t, "ctl", "--admin", "127.0.0.1:1", "state"); code != clikit.ExitUsage || !strings.Contains(errs, "is `refnode up` running") {
		t.Errorf("no cluster: %d %q", code, errs)
	}
}
