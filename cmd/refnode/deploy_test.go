package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/internal/clikit/clitest"
	"github.com/tfkit/tfkit/internal/testwait"
)

// TestDeployWithPlainGoBuild is README's path: `go build` (cgo on, so
// refnode is dynamically linked: bin is built that way by TestMain), then
// `refnode deploy up` with this binary, here for one node's share
// (--node-filter); the control node answers on its address from its
// container, list shows the share running, down removes it.
func TestDeployWithPlainGoBuild(t *testing.T) {
	enginetest.Docker(t)
	if files, _, err := engine.ExecutableFiles(bin, "/refnode"); err != nil || len(files) < 3 {
		t.Fatalf("go build gave a binary that packs %d files (%v): the test wants a dynamically linked one (cgo on, gcc installed)", len(files), err)
	}
	lab := filepath.Join("..", "..", "testdata", "deploy", "cli.yaml")
	args := []string{"--engine", "docker", "--image", "tfkit-engines-refnode:cli"}
	t.Cleanup(func() { clitest.Exec(t, bin, append([]string{"deploy", "down"}, append(args[:2:2], lab)...)...) })

	r := clitest.Exec(t, bin, append(append([]string{"deploy", "up"}, args...), "--node-filter", "control-*", "-f", "json", lab)...)
	var up []struct{ Name, Role, Node, State string }
	if r.Code != 0 || json.Unmarshal([]byte(r.Stdout), &up) != nil || len(up) != 4 {
		t.Fatalf("deploy up: exit %d, %d containers, stdout %q stderr %q; want the control node's 4", r.Code, len(up), r.Stdout, r.Stderr)
	}
	for _, c := range up {
		if c.Node != "control-1" {
			t.Errorf("--node-filter control-* deployed %s of %s", c.Role, c.Node)
		}
	}
	testwait.Until(t, "control-1 answers from its container", time.Minute, func() error {
		resp, err := http.Get("http://127.0.79.11:8083/Snh_SandeshUVECacheReq?x=NodeStatus")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if !strings.Contains(string(b), "<NodeStatus>") {
			return fmt.Errorf("answer %.200s", b)
		}
		return nil
	})
	r = clitest.Exec(t, bin, "deploy", "list", "--engine", "docker", "-f", "json", lab)
	var list []struct{ State string }
	if r.Code != 0 || json.Unmarshal([]byte(r.Stdout), &list) != nil || len(list) != 4 {
		t.Errorf("deploy list: exit %d stdout %q", r.Code, r.Stdout)
	}
	for _, c := range list {
		if c.State != engine.StateRunning {
			t.Errorf("deploy list: a container is %s", c.State)
		}
	}
	if r = clitest.Exec(t, bin, "deploy", "down", "--engine", "docker", lab); r.Code != 0 {
		t.Errorf("deploy down: exit %d stderr %q", r.Code, r.Stderr)
	}
	if r = clitest.Exec(t, bin, "deploy", "list", "--engine", "docker", "-f", "json", lab); strings.TrimSpace(r.Stdout) != "[]" {
		t.Errorf("deploy list after down: %q", r.Stdout)
	}
}
