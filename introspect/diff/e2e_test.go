package diff_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/bundle"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/diff"
	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

// TestDiffAcrossAFault: a bundle of the converged default cluster
// (vrouter-2 uses control-2 and control-3 only), then control-1 stopped:
// the diff of the bundle and the live cluster lists control-1
// unreachable, the BGP sessions to it on the other control nodes (no
// other BGP change), vrouter-1's XMPP session to it (and its failover to
// control-3), the routes the control nodes learned anew, and nothing
// else: no change on vrouter-2, which had no session with control-1, nor
// on any interface. The bundle against itself has no difference.
func TestDiffAcrossAFault(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := clustertest.Topology(t, 163, 164, func(y string) string {
		return strings.Replace(y, "{name: vrouter-2, address: 127.0.164.2, controls: all}", "{name: vrouter-2, address: 127.0.164.2, controls: [control-2, control-3]}", 1)
	})
	c := clustertest.Start(t, top, cluster.Options{})
	ctl1, ctl2 := top.Controls[0], top.Controls[1]
	// The whole collection's deadline is generous: under -race on a
	// loaded machine two timeouts (the default) can end a bundle's
	// follow-up pages before they are asked, which this test is not about.
	opts := collect.Options{Client: client.Config{Timeout: 3 * time.Second}, Deadline: time.Minute}
	ctx := context.Background()
	live := func() *diff.Source {
		s, err := diff.Live(ctx, opts, []string{ctl2.Address}, "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	// Converged: doctor finds nothing, and the cluster compared with
	// itself a moment later shows no change.
	testwait.Until(t, "the cluster converged", 60*time.Second, func() error {
		d, err := doctor.Run(ctx, doctor.Config{Collect: opts, Hosts: []string{ctl2.Address}})
		if err != nil {
			return err
		}
		if len(d.Findings) > 0 {
			return fmt.Errorf("doctor: %+v", d.Findings)
		}
		rep, err := diff.Compare(ctx, live(), live(), 0)
		if err != nil {
			return err
		}
		if rep.Different() || rep.Nodes != 13 {
			return fmt.Errorf("%d nodes, %d changes between two reads: %+v", rep.Nodes, len(rep.Changes), rep.Changes)
		}
		return nil
	})
	out := filepath.Join(t.TempDir(), "before.tar.gz")
	if _, _, err := bundle.Write(ctx, bundle.Config{Collect: opts, Hosts: []string{ctl2.Address}, Output: out}); err != nil {
		t.Fatal(err)
	}
	before, err := diff.FromBundle(out)
	if err != nil {
		t.Fatal(err)
	}
	defer before.Close()
	same, err := diff.Compare(ctx, before, before, 0)
	if err != nil || same.Different() || len(same.NotCompared) > 0 {
		t.Fatalf("the bundle against itself: %v %+v %v", err, same.Changes, same.NotCompared)
	}
	// A bundle without the vRouters' tables: their VRFs' routes are listed
	// as not compared, one line each, never as routes removed.
	none, _ := bundle.ParseTableSelection("none")
	out2 := filepath.Join(t.TempDir(), "none.tar.gz")
	if _, _, err := bundle.Write(ctx, bundle.Config{Collect: opts, Hosts: []string{ctl2.Address}, Output: out2, Tables: none}); err != nil {
		t.Fatal(err)
	}
	noTables, err := diff.FromBundle(out2)
	if err != nil {
		t.Fatal(err)
	}
	defer noTables.Close()
	partial, err := diff.Compare(ctx, before, noTables, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range partial.Changes {
		if ch.Kind == diff.KindRoute && ch.Role == "vr" {
			t.Errorf("a route of a VRF the bundle did not collect: %+v", ch)
		}
	}
	if n := len(partial.NotCompared); n < 2 || !strings.Contains(strings.Join(partial.NotCompared, "\n"), "vrouter-2: routes of ") {
		t.Errorf("not compared: %v", partial.NotCompared)
	}
	if err := c.StopNode(ctl1.Name); err != nil {
		t.Fatal(err)
	}
	var rep *diff.Report
	testwait.Until(t, "the fault seen on every peer of control-1", 60*time.Second, func() error {
		rep, err = diff.Compare(ctx, before, live(), 0)
		if err != nil {
			return err
		}
		kinds := map[string]bool{}
		for _, ch := range rep.Changes {
			kinds[ch.Node+" "+ch.Kind] = true
		}
		for _, want := range []string{ctl1.Name + " node", top.Controls[1].Name + " bgp", top.Controls[2].Name + " bgp", top.Controls[1].Name + " route", top.Controls[2].Name + " route"} {
			if !kinds[want] {
				return fmt.Errorf("no %s change yet: %v", want, kinds)
			}
		}
		xmpp := 0
		for k := range kinds {
			if strings.HasSuffix(k, " xmpp") && strings.HasPrefix(k, "vrouter-") {
				xmpp++
			}
		}
		if xmpp == 0 {
			return fmt.Errorf("no vRouter's XMPP session changed yet: %v", kinds)
		}
		return nil
	})
	for _, ch := range rep.Changes {
		names1 := strings.Contains(ch.Key, ctl1.Name) || strings.Contains(ch.Key, ctl1.Address)
		switch {
		case ch.Node == "vrouter-2", ch.Kind == diff.KindInterface,
			ch.Kind == diff.KindBGP && !names1,
			ch.Node == ctl1.Name && ch.Kind != diff.KindNode && ch.Role != "nodemgr_ctr",
			ch.Role == "dns" && ch.Node != ctl1.Name:
			t.Errorf("a change that is not control-1's or its peers': %+v", ch)
		}
	}
	if len(rep.NotCompared) > 0 {
		t.Errorf("not compared: %v", rep.NotCompared)
	}
	var buf bytes.Buffer
	if err := diff.Write(&buf, rep, "table"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "unreachable: connection refused") || !strings.HasPrefix(buf.String(), "A: "+out) {
		t.Errorf("output:\n%s", buf.String())
	}
	t.Logf("\n%s", buf.String())
}
