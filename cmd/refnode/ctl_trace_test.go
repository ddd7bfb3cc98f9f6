package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

// ctl runs `refnode ctl --admin addr args…` as main does and returns
// stdout and the exit code.
func ctl(t *testing.T, addr string, args ...string) (string, int) {
	t.Helper()
	out, _, code := run(t, append([]string{"ctl", "--admin", addr}, args...)...)
	return out, code
}

// TestCtlFaultAndSend drives `refnode ctl fault` and `refnode ctl send`
// against a running cluster: flags after the arguments, the fate of the
// packets in JSON, exit 1 while they are dropped, --clear, bad arguments.
func TestCtlFaultAndSend(t *testing.T) {
	c := clustertest.Start(t, clustertest.Topology(t, 162, 163, nil), cluster.Options{})
	srv, addr, err := c.ServeAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	testwait.Until(t, "cirros-1 reaches cirros-2", 20*time.Second, func() error {
		if out, code := ctl(t, addr, "send", "cirros-1", "cirros-2", "tcp", "80"); code != 0 {
			return errors.New(out)
		}
		return nil
	})
	out, code := ctl(t, addr, "fault", "sg-deny", "cirros-2", "--protocol", "tcp", "--port", "80")
	if code != 0 || !strings.Contains(out, "ingress deny tcp/80") {
		t.Fatalf("fault: exit %d: %s", code, out)
	}
	out, code = ctl(t, addr, "send", "cirros-1", "cirros-2", "tcp", "40001", "80", "--count", "2", "-f", "json")
	var res cluster.SendResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 1 || res.Sent != 2 || res.Delivered != 0 || res.Last.Reason != "Flow drop SG" {
		t.Fatalf("send through the deny: exit %d (%v): %s", code, err, out)
	}
	if out, code = ctl(t, addr, "send", "cirros-1", "cirros-2", "udp", "53"); code != 0 || !strings.Contains(out, "1 answered") {
		t.Fatalf("udp is not denied: exit %d: %s", code, out)
	}
	if out, code = ctl(t, addr, "fault", "sg-deny", "cirros-2", "--clear"); code != 0 || !strings.Contains(out, "removed") {
		t.Fatalf("clear: exit %d: %s", code, out)
	}
	if out, code = ctl(t, addr, "send", "cirros-1", "cirros-2", "tcp", "80"); code != 0 {
		t.Fatalf("after clear: exit %d: %s", code, out)
	}
	for _, bad := range [][]string{
		{"fault", "sg-deny"},                                // no pod
		{"fault", "sg-deny", "cirros-2", "--port"},          // flag without its value
		{"fault", "sg-deny", "cirros-2", "--colour", "red"}, // unknown flag
		{"fault", "stale-label", "nobody"},                  // unknown pod: 404
		{"send", "cirros-1", "cirros-2", "tcp", "eighty"},   // bad port
		{"send", "cirros-1", "cirros-2", "tcp", "80", "-f", "xml"},
	} {
		if out, code := ctl(t, addr, bad...); code != 2 {
			t.Errorf("refnode ctl %s: exit %d, want 2: %s", strings.Join(bad, " "), code, out)
		}
	}
	if _, code := ctl(t, addr, "fault", "kernel-route", "vrouter-1", "cirros-2", "--clear"); code != 1 {
		t.Errorf("clearing a fault not in force: exit %d, want 1 (refused)", code)
	}
}
