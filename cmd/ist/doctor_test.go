package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testnet"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

// TestDoctorCommand runs `ist doctor` as main does against a refnode
// cluster: exit 0 and "Findings: none" when healthy, exit 1 with the
// finding after a fault, JSON on request, flags after the command; 2 on
// usage errors, 3 when the starting control node refuses.
func TestDoctorCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a refnode cluster")
	}
	top := clustertest.Topology(t, 146, 147, nil)
	c := clustertest.Start(t, top, cluster.Options{})
	ctl := top.Controls[0].Address
	ports := fmt.Sprintf("ctr=%d,vr=%d", top.Cluster.Ports.ControlIntrospect, top.Cluster.Ports.AgentIntrospect)
	testwait.Until(t, "healthy doctor", 30*time.Second, func() error {
		out, errOut, code := runMain(t, "--host", ctl, "doctor", "--ports", ports, "--timeout", "2s")
		if code != 0 || !strings.Contains(out, "Findings:       none\n") || !strings.Contains(out, "Control nodes:  3/3 answering") {
			return fmt.Errorf("exit %d (%s):\n%s", code, errOut, out)
		}
		return nil
	})
	if err := c.StopNode("control-3"); err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "finding after the fault", 30*time.Second, func() error {
		out, errOut, code := runMain(t, "doctor", "-f", "json", "--host", ctl, "--ports", ports)
		var rep struct {
			Findings []struct{ Node, Check, Severity string }
		}
		if jerr := json.Unmarshal([]byte(out), &rep); jerr != nil || code != 1 || errOut == "" {
			return fmt.Errorf("exit %d (%s), json %v:\n%s", code, errOut, jerr, out)
		}
		for _, f := range rep.Findings {
			if f.Node == "control-3" && f.Check == "node.unreachable" && f.Severity == "error" {
				return nil
			}
		}
		return fmt.Errorf("no node.unreachable on control-3: %s", out)
	})
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--host", ctl, "doctor", "-f", "yaml"}, 2},
		{[]string{"--host", ctl, "doctor", "--ports", "vr"}, 2},
		{[]string{"--host", ctl, "doctor", "--ports", "nope=1"}, 2},
		{[]string{"--host", ctl, "doctor", "extra"}, 2},
		{[]string{"--host", ctl, "--file", "x.xml", "doctor"}, 2},
		{[]string{"--host", ctl, "doctor", "--hosts", "/nonexistent"}, 2},
		{[]string{"--host", testnet.DeadAddr(t), "doctor"}, 3},
	} {
		out, errOut, code := runMain(t, tc.args...)
		if code != tc.code || out != "" || strings.Count(errOut, "\n") != 1 {
			t.Errorf("ist %s: exit %d, stderr %q, stdout %q; want exit %d, one stderr line and no output", strings.Join(tc.args, " "), code, errOut, out, tc.code)
		}
	}
}
