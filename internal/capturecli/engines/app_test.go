package engines

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/exitinfo"
	"github.com/tfkit/tfkit/internal/capturecli"
	"github.com/tfkit/tfkit/internal/clikit"
)

// TestDefaultsMatch: capturecli repeats two defaults it cannot import
// without linking the engine clients.
func TestDefaultsMatch(t *testing.T) {
	if capturecli.DefaultContainerdAddress != engine.DefaultContainerdAddress {
		t.Errorf("capturecli.DefaultContainerdAddress %q, engine's %q", capturecli.DefaultContainerdAddress, engine.DefaultContainerdAddress)
	}
	if capturecli.DefaultCRIRoot != exitinfo.DefaultCRIRoot {
		t.Errorf("capturecli.DefaultCRIRoot %q, exitinfo's %q", capturecli.DefaultCRIRoot, exitinfo.DefaultCRIRoot)
	}
}

// TestResolveProtocolErrors: resolve's failures are tf-capture's lines
// and statuses, nothing on stdout.
func TestResolveProtocolErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"resolve", "web", "--engine=containerd", "--containerd-address=/nonexistent.sock", "--engine-timeout=1s"}, 2,
			"tf-capture: no container engine answers (containerd at /nonexistent.sock"},
		{[]string{"resolve"}, 2, "tf-capture: give one pod or container name, got 0"},
		{[]string{"resolve", "web", "--engine-timeout=x"}, 2, "tf-capture: "},
	} {
		var stdout, stderr bytes.Buffer
		app := NewApp()
		app.Writer, app.ErrWriter = &stdout, &stderr
		code := clikit.Run(app, append([]string{"tf-capture-engines"}, c.args...), clikit.Options{})
		if code != c.code || !strings.HasPrefix(stderr.String(), c.want) || strings.Count(stderr.String(), "\n") != 1 || stdout.Len() != 0 {
			t.Errorf("%v: status %d, stdout %q, stderr %q", c.args, code, stdout.String(), stderr.String())
		}
	}
}
