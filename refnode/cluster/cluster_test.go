package cluster

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/topo"
)

// recorder is a Node that records what the cluster asked of it.
type recorder struct {
	name string
	mu   *sync.Mutex
	log  *[]string
	fail map[string]bool
}

func (r *recorder) rec(op string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	*r.log = append(*r.log, r.name+" "+op)
	if r.fail[op] {
		return fmt.Errorf("%s failed", op)
	}
	return nil
}
func (r *recorder) Start(context.Context) error { return r.rec("start") }
func (r *recorder) Stop() error                 { return r.rec("stop") }
func (r *recorder) Pause() error                { return r.rec("pause") }
func (r *recorder) Resume() error               { return r.rec("resume") }

// controlRec and agentRec add the session faults of their roles.
type controlRec struct{ recorder }

func (r *controlRec) CutBGP(p string) error  { return r.rec("cutbgp " + p) }
func (r *controlRec) CutXMPP(a string) error { return r.rec("cutxmpp " + a) }
func (r *controlRec) Block(p string, on bool) error {
	return r.rec(fmt.Sprintf("block %s %v", p, on))
}

type agentRec struct{ recorder }

func (r *agentRec) CutControl(c string) error { return r.rec("cutcontrol " + c) }

type fixture struct {
	c    *Cluster
	mu   sync.Mutex
	log  []string
	svcs map[string]Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{svcs: map[string]Service{}}
	c, err := New(topo.Default(), Options{Scale: 0.1, Build: func(s Service) (Node, error) {
		f.svcs[s.ID()] = s
		r := recorder{name: s.ID(), mu: &f.mu, log: &f.log}
		switch s.Role {
		case topo.RoleControl:
			return &controlRec{r}, nil
		case topo.RoleVRouter:
			return &agentRec{r}, nil
		}
		return &r, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	f.c = c
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return f
}

func (f *fixture) took() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.log
	f.log = nil
	return out
}

func TestStartsEveryServiceInOrderWithScaledTimers(t *testing.T) {
	f := newFixture(t)
	got := f.took()
	want := []string{"control-1 start", "control-2 start", "control-3 start", "vrouter-1 start", "vrouter-2 start",
		"control-nodemgr@control-1 start", "dns@control-1 start", "named@control-1 start"}
	if len(got) != 16 || !slices.Equal(got[:8], want) {
		t.Errorf("start order %v", got)
	}
	if s := f.svcs["control-1"]; s.Timers.XMPPHold != 9*time.Second || s.Address != "127.0.1.1" || s.Topo == nil {
		t.Errorf("control-1 service %+v", s)
	}
	if f.svcs["control-1"].Watch != nil {
		t.Error("a control node watches nothing")
	}
	w := f.svcs["vrouter-nodemgr@vrouter-2"].Watch
	if w == nil || w() != StateRunning {
		t.Fatal("vrouter-nodemgr does not follow vrouter-2")
	}
	if err := f.c.StopNode("vrouter-2"); err != nil {
		t.Fatal(err)
	}
	if w() != StateStopped {
		t.Errorf("watched state after stop = %s", w())
	}
}

func TestNodeOperationsCheckState(t *testing.T) {
	f := newFixture(t)
	f.took()
	steps := []struct {
		op   string
		want error
	}{{"pause", nil}, {"pause", ErrState}, {"stop", nil}, {"stop", ErrState}, {"resume", ErrState},
		{"start", nil}, {"start", ErrState}, {"reboot", ErrUnknown}}
	for _, s := range steps {
		err := f.c.NodeOp(context.Background(), "control-2", s.op)
		if !errors.Is(err, s.want) && !(err == nil && s.want == nil) {
			t.Errorf("%s: err %v, want %v", s.op, err, s.want)
		}
	}
	// Stopping a paused node resumes it first, as killing a paused process does.
	if got := f.took(); !slices.Equal(got, []string{"control-2 pause", "control-2 resume", "control-2 stop", "control-2 start"}) {
		t.Errorf("calls %v", got)
	}
	if err := f.c.StopNode("control-9"); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown node: %v", err)
	}
	ev := f.c.State().Events
	if len(ev) != 1+len(steps) || ev[1].Op != "pause" || ev[1].Target != "control-2" || ev[2].Error == "" {
		t.Errorf("events %+v", ev)
	}
}

func TestSessionFaultsReachTheRightEnd(t *testing.T) {
	f := newFixture(t)
	f.took()
	c := f.c
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.Cut("control-1", "control-3"))
	must(c.Cut("vrouter-1", "control-2"))
	must(c.Partition("control-2", "vrouter-2"))
	if st := c.State(); len(st.Sessions) != 1 || st.Sessions[0] != (SessionState{"control-2", "vrouter-2", "partitioned"}) {
		t.Errorf("sessions %+v", st.Sessions)
	}
	must(c.Heal("vrouter-2", "control-2"))
	if err := c.Heal("vrouter-2", "control-2"); !errors.Is(err, ErrState) {
		t.Errorf("second heal: %v", err)
	}
	if err := c.Cut("vrouter-1", "vrouter-2"); !errors.Is(err, ErrUnknown) {
		t.Errorf("vrouter/vrouter: %v", err)
	}
	want := []string{"control-1 cutbgp control-3", "control-2 cutxmpp vrouter-1",
		"control-2 block vrouter-2 true", "control-2 cutxmpp vrouter-2", "control-2 block vrouter-2 false"}
	if got := f.took(); !slices.Equal(got, want) {
		t.Errorf("calls\n got %v\nwant %v", got, want)
	}
	must(c.SessionOp("control-3", "vrouter-1", "flap", FlapOptions{Count: 3, Interval: 10 * time.Millisecond}))
	if err := c.SessionOp("control-3", "vrouter-1", "flap", FlapOptions{Count: 1}); !errors.Is(err, ErrState) {
		t.Errorf("flap while flapping: %v", err)
	}
	testwait.For(t, "the flap to end", 5*time.Second, func() bool { return len(c.State().Sessions) == 0 })
	if got := f.took(); !slices.Equal(got, []string{"control-3 cutxmpp vrouter-1", "control-3 cutxmpp vrouter-1", "control-3 cutxmpp vrouter-1"}) {
		t.Errorf("flap calls %v", got)
	}
}

func TestAdminAPIAndClient(t *testing.T) {
	f := newFixture(t)
	srv, addr, err := f.c.ServeAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cl := NewClient(addr)
	ctx := context.Background()
	if err := cl.NodeOp(ctx, "control-1", "stop"); err != nil {
		t.Fatal(err)
	}
	var ae *APIError
	if err := cl.NodeOp(ctx, "control-1", "stop"); !errors.As(err, &ae) || ae.Status != http.StatusConflict || !strings.Contains(ae.Msg, "control-1 is stopped") {
		t.Errorf("second stop: %v", err)
	}
	if err := cl.NodeOp(ctx, "nope", "stop"); !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		t.Errorf("unknown node: %v", err)
	}
	if err := cl.SessionOp(ctx, "control-2", "vrouter-1", "flap", FlapOptions{Count: 2, Interval: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post("http://"+addr+"/v1/sessions/control-2/vrouter-1/flap?count=x", "", nil)
	if err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad count: %v %v", resp.StatusCode, err)
	}
	st, err := cl.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var c1 NodeState
	for _, n := range st.Nodes {
		if n.Name == "control-1" {
			c1 = n
		}
	}
	if c1.State != StateStopped || c1.Role != "control" || c1.Ports != "bgp 179, xmpp 5269, introspect 8083" || st.Scale != 0.1 || st.Timers["xmpp_hold"] != "9s" {
		t.Errorf("state %+v / %+v", c1, st)
	}
	if len(st.Nodes) != 16 || len(st.Events) < 3 || st.Events[1].Op != "stop" {
		t.Errorf("state has %d nodes, events %+v", len(st.Nodes), st.Events)
	}
	if _, _, err := f.c.ServeAdmin("10.1.2.3:9880"); err == nil {
		t.Error("admin API must refuse a non-loopback address")
	}
	down := NewClient("127.0.0.1:1")
	if _, err := down.State(ctx); err == nil || !strings.Contains(err.Error(), "is `refnode up` running") {
		t.Errorf("no server: %v", err)
	}
}

func TestStartFailureStopsWhatStarted(t *testing.T) {
	var mu sync.Mutex
	var log []string
	_, err := func() (*Cluster, error) {
		c, err := New(topo.Default(), Options{Build: func(s Service) (Node, error) {
			r := &recorder{name: s.ID(), mu: &mu, log: &log}
			if s.ID() == "vrouter-1" {
				r.fail = map[string]bool{"start": true}
			}
			return r, nil
		}})
		if err != nil {
			return nil, err
		}
		return c, c.Start(context.Background())
	}()
	if err == nil || !strings.Contains(err.Error(), "starting vrouter-1 (127.0.2.1 introspect 8085)") {
		t.Fatalf("err %v", err)
	}
	if got := log[len(log)-3:]; !slices.Equal(got, []string{"control-3 stop", "control-2 stop", "control-1 stop"}) {
		t.Errorf("rollback %v", log)
	}
}

func TestSelectRunsASubset(t *testing.T) {
	c, err := New(topo.Default(), Options{Build: func(s Service) (Node, error) {
		return &recorder{name: s.ID(), mu: &sync.Mutex{}, log: new([]string)}, nil
	},
		Select: func(s topo.Service) bool { return s.Role == topo.RoleDNS && s.Node == "control-2" }})
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Services(); len(s) != 1 || s[0].ID() != "dns@control-2" || s[0].Watch != nil {
		t.Errorf("services %+v", s)
	}
	if _, err := New(topo.Default(), Options{Select: func(topo.Service) bool { return false }}); err == nil {
		t.Error("empty selection must fail")
	}
}
