package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

// TestTraceCommand runs `ist trace` against a refnode cluster: PATH OK
// (exit 0) on a healthy pair, the verdict in JSON and exit 1 under a
// security-group deny, flags after the arguments, and usage errors (exit 2,
// nothing on stdout).
func TestTraceCommand(t *testing.T) {
	for _, args := range [][]string{
		{"trace", "cirros-1"},
		{"trace", "cirros-1", "cirros-2", "tcp"},
		{"trace", "cirros-1", "cirros-2", "sctp", "80"},
		{"trace", "cirros-1", "cirros-2", "-f", "xml"},
		{"trace", "--vrouter", "a,b", "cirros-1", "cirros-2"},
	} {
		out, errs, code := runMain(t, args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("ist %s: exit %d (%q), stdout %q; want 2, one line on stderr and nothing on stdout", strings.Join(args, " "), code, errs, out)
		}
	}
	top := clustertest.Topology(t, 160, 161, nil)
	c := clustertest.Start(t, top, cluster.Options{})
	ctl := "127.0.160.1"
	testwait.Until(t, "cirros-1 reaches cirros-2", 20*time.Second, func() error {
		out, errs, code := runMain(t, "--host", ctl, "trace", "cirros-1", "cirros-2", "tcp", "80")
		if code != 0 || !strings.Contains(out, "VERDICT PATH OK") {
			return fmt.Errorf("exit %d: %s%s", code, out, errs)
		}
		return nil
	})
	if _, err := c.Fault("sg-deny", cluster.FaultArgs{Target: "cirros-2", Protocol: "tcp", Port: 80}, false); err != nil {
		t.Fatal(err)
	}
	// Flags after the arguments, ist.py style; --probe sends the packets.
	out, errs, code := runMain(t, "trace", "cirros-1", "cirros-2", "tcp", "80", "--host", ctl, "--probe", "-f", "json")
	var rep struct {
		Verdict struct {
			Result, Stage string
			ExitCode      int `json:"exit_code"`
		}
		Next []string
	}
	if jerr := json.Unmarshal([]byte(out), &rep); jerr != nil || code != 1 || rep.Verdict.Result != "DROPPED" || rep.Verdict.Stage != "flow" ||
		rep.Verdict.ExitCode != 1 || len(rep.Next) == 0 || errs != "ist: trace: DROPPED at flow\n" {
		t.Fatalf("exit %d (%q), json error %v:\n%s", code, errs, jerr, out)
	}
	out, _, code = runMain(t, "--host", ctl, "trace", "cirros-1", "cirros-2", "tcp", "80", "-f", "text")
	if code != 1 || !strings.Contains(out, "DROPPED (Flow drop SG)") || !strings.Contains(out, "\nnext: ist --host 127.0.161.2:8085 vr acl ") {
		t.Fatalf("text: exit %d\n%s", code, out)
	}
}
