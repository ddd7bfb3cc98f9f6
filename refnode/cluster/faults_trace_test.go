package cluster_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/cluster"
)

// TestDatapathFaultsAndSend drives every datapath fault and the simulated
// traffic through the admin API client: healthy traffic is delivered and
// answered; each fault drops it with its reason and drop counter; --clear
// heals it; bad arguments are 400, unknown names 404, refusals 409.
func TestDatapathFaultsAndSend(t *testing.T) {
	top := testTopology(t, 150)
	c := startCluster(t, top)
	srv, addr, err := c.ServeAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cl := cluster.NewClient(addr)
	ctx := context.Background()
	send := func(dport int) *cluster.SendResult {
		t.Helper()
		res, err := cl.Send(ctx, cluster.SendArgs{Src: "cirros-1", Dst: "cirros-2", Proto: "tcp", Sport: 40000, Dport: dport})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	testwait.For(t, "cirros-1 reaches cirros-2", 20*time.Second, func() bool { return send(80).Answered == 1 })
	vr2 := c.Node("vrouter-2").(*agent.Agent)
	vr1 := c.Node("vrouter-1").(*agent.Agent)

	t.Run("sg-deny", func(t *testing.T) {
		detail, err := cl.Fault(ctx, "sg-deny", cluster.FaultArgs{Target: "cirros-2", Protocol: "tcp", Port: 80}, false)
		if err != nil || !strings.Contains(detail, "ingress deny tcp/80") {
			t.Fatalf("fault: %q %v", detail, err)
		}
		before := vr2.DropStats().DsFlowActionDrop
		res := send(80)
		if res.Delivered != 0 || res.Last.Reason != "Flow drop SG" || res.Last.VRouter != "127.0.151.2" || vr2.DropStats().DsFlowActionDrop != before+1 {
			t.Fatalf("through the deny: %+v", res)
		}
		if res := send(81); res.Answered != 1 {
			t.Fatalf("tcp/81 is not denied: %+v", res)
		}
		if _, err := cl.Fault(ctx, "sg-deny", cluster.FaultArgs{Target: "cirros-2", Protocol: "tcp", Port: 80}, true); err != nil {
			t.Fatal(err)
		}
		if res := send(80); res.Answered != 1 {
			t.Fatalf("after clear: %+v", res)
		}
	})
	t.Run("kernel-route", func(t *testing.T) {
		if _, err := cl.Fault(ctx, "kernel-route", cluster.FaultArgs{Target: "vrouter-1", Pod: "cirros-2"}, false); err != nil {
			t.Fatal(err)
		}
		if res := send(82); res.Delivered != 0 || res.Last.Counter != "ds_discard" || res.Last.VRouter != "127.0.151.1" {
			t.Fatalf("kernel route missing: %+v", res)
		}
		if _, err := cl.Fault(ctx, "kernel-route", cluster.FaultArgs{Target: "vrouter-1", Pod: "cirros-2"}, true); err != nil {
			t.Fatal(err)
		}
		if res := send(82); res.Answered != 1 {
			t.Fatalf("after clear: %+v", res)
		}
	})
	t.Run("stale-label", func(t *testing.T) {
		detail, err := cl.Fault(ctx, "stale-label", cluster.FaultArgs{Target: "cirros-2"}, false)
		if err != nil || !strings.Contains(detail, "(not published)") {
			t.Fatalf("fault: %q %v", detail, err)
		}
		if res := send(83); res.Delivered != 0 || res.Last.Counter != "ds_invalid_label" {
			t.Fatalf("stale label: %+v", res)
		}
		if _, err := cl.Fault(ctx, "stale-label", cluster.FaultArgs{Target: "cirros-2"}, true); err != nil {
			t.Fatal(err)
		}
		testwait.For(t, "the new label reaches vrouter-1", 10*time.Second, func() bool { return send(83).Answered == 1 })
	})
	t.Run("flow-table-full", func(t *testing.T) {
		if _, err := cl.Fault(ctx, "flow-table-full", cluster.FaultArgs{Target: "vrouter-1", Capacity: 50}, false); err != nil {
			t.Fatal(err)
		}
		if res := send(84); res.Delivered != 0 || res.Last.Counter != "ds_flow_table_full" || vr1.DropStats().DsFlowTableFull == 0 {
			t.Fatalf("flow table full: %+v", res)
		}
		if _, err := cl.Fault(ctx, "flow-table-full", cluster.FaultArgs{Target: "vrouter-1"}, true); err != nil {
			t.Fatal(err)
		}
		if res := send(84); res.Answered != 1 {
			t.Fatalf("after clear: %+v", res)
		}
	})
	t.Run("errors", func(t *testing.T) {
		status := func(err error) int {
			var ae *cluster.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("not an API error: %v", err)
			}
			return ae.Status
		}
		if _, err := cl.Fault(ctx, "melt", cluster.FaultArgs{Target: "cirros-2"}, false); status(err) != http.StatusNotFound {
			t.Errorf("unknown fault: %v", err)
		}
		if _, err := cl.Fault(ctx, "stale-label", cluster.FaultArgs{Target: "nobody"}, false); status(err) != http.StatusNotFound {
			t.Errorf("unknown pod: %v", err)
		}
		if _, err := cl.Fault(ctx, "kernel-route", cluster.FaultArgs{Target: "vrouter-1", Pod: "cirros-2"}, true); status(err) != http.StatusConflict {
			t.Errorf("clear of a fault not in force: %v", err)
		}
		if _, err := cl.Send(ctx, cluster.SendArgs{Src: "cirros-1", Dst: "cirros-2", Proto: "sctpx"}); status(err) != http.StatusBadRequest {
			t.Errorf("bad protocol: %v", err)
		}
		if _, err := cl.Send(ctx, cluster.SendArgs{Src: "cirros-1", Dst: "nowhere", Proto: "udp"}); status(err) != http.StatusNotFound {
			t.Errorf("unknown destination: %v", err)
		}
	})
	st := c.State()
	n := 0
	for _, e := range st.Events {
		if e.Op == "fault" || e.Op == "clear" {
			n++
		}
	}
	if n < 8 {
		t.Fatalf("fault events logged: %d", n)
	}
}
