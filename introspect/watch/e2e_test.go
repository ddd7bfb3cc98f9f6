package watch_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/query"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/introspect/watch"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

// bgpWatch is `ist --host <host> watch ctr nei [peer] -t BGP -f json`.
func bgpWatch(t *testing.T, host, peer string, out *testwait.Buffer, until string, deadline time.Duration) watch.Config {
	t.Helper()
	var args []string
	if peer != "" {
		args = []string{peer}
	}
	q, err := query.New("ctr", catalog.Lookup("ctr", "nei"), query.Params{Strings: map[string]string{"type": "BGP"}, Args: args}, query.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := client.New(client.Config{Hosts: []string{host}, Port: 8083, Timeout: 2 * time.Second, Policy: readonly.Check})
	if err != nil {
		t.Fatal(err)
	}
	cfg := watch.Config{Query: q, Client: cl, Interval: 300 * time.Millisecond, Deadline: deadline, Format: "json", Out: out}
	if until != "" {
		if cfg.Until, err = watch.ParseUntil(until, "help"); err != nil {
			t.Fatal(err)
		}
	}
	return cfg
}

// events reads the JSON lines written so far.
func events(t *testing.T, out *testwait.Buffer) []watch.Event {
	var evs []watch.Event
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" {
			continue
		}
		var e watch.Event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		evs = append(evs, e)
	}
	return evs
}

// TestWatchTransitions: watching control-1's BGP neighbors prints the
// state at the start, then only transitions: a flap of the session with
// control-2 shows as control-2's row changing (flap_count up, even when
// the session is Established again by the next poll); --until
// state=Established returns once a partitioned session is healed; an
// --until that never holds ends at the deadline with exit 1.
func TestWatchTransitions(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := clustertest.Topology(t, 165, 166, nil)
	c := clustertest.Start(t, top, cluster.Options{})
	ctl1, ctl2 := top.Controls[0], top.Controls[1]

	// --until on a converging cluster: returns once both peers are up.
	out := &testwait.Buffer{}
	if err := watch.Run(context.Background(), bgpWatch(t, ctl1.Address, "", out, "state=Established", 60*time.Second)); err != nil {
		t.Fatalf("until: %v\n%s", err, out)
	}
	if evs := events(t, out); evs[len(evs)-1].Event != "until" {
		t.Fatalf("no until event:\n%s", out)
	}

	// A flap between polls: control-2's row changes, flap_count rising.
	out = &testwait.Buffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- watch.Run(ctx, bgpWatch(t, ctl1.Address, "", out, "", 0)) }()
	testwait.Until(t, "the initial rows", 10*time.Second, func() error {
		if n := strings.Count(out.String(), `"event":"initial"`); n != 2 {
			return fmt.Errorf("%d initial rows:\n%s", n, out)
		}
		return nil
	})
	initial := events(t, out)
	if err := c.SessionOp(ctl1.Name, ctl2.Name, "flap", cluster.FlapOptions{Count: 1, Interval: 100 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "control-2's flap_count rising", 30*time.Second, func() error {
		for _, e := range events(t, out) {
			if e.Event != "changed" || e.Key != ctl2.Name {
				continue
			}
			for _, ch := range e.Changes {
				b, _ := strconv.Atoi(ch.Before)
				if a, err := strconv.Atoi(ch.After); ch.Column == "flap_count" && err == nil && a > b {
					return nil
				}
			}
		}
		return fmt.Errorf("no flap_count change for %s yet:\n%s", ctl2.Name, out)
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("watch ended with %v", err)
	}
	for _, e := range events(t, out)[len(initial):] {
		if e.Event == "initial" || (e.Event == "changed" && e.Key != ctl2.Name) {
			t.Errorf("an event that is no transition of control-2: %+v", e)
		}
	}

	// A partition: --until waits, then returns once healed.
	if err := c.Partition(ctl1.Name, ctl2.Name); err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "the partition seen", 30*time.Second, func() error {
		o := &testwait.Buffer{}
		cfg := bgpWatch(t, ctl1.Address, ctl2.Name, o, "state!=Established", 2*time.Second)
		return watch.Run(context.Background(), cfg)
	})
	out = &testwait.Buffer{}
	done = make(chan error, 1)
	go func() {
		done <- watch.Run(context.Background(), bgpWatch(t, ctl1.Address, ctl2.Name, out, "state=Established", 60*time.Second))
	}()
	testwait.Until(t, "the watch started", 10*time.Second, func() error {
		if !strings.Contains(out.String(), `"event":"initial"`) {
			return fmt.Errorf("nothing yet")
		}
		return nil
	})
	select {
	case err := <-done:
		t.Fatalf("the watch ended during the partition: %v\n%s", err, out)
	case <-time.After(time.Second): // a second during which the condition must not hold
	}
	if err := c.Heal(ctl1.Name, ctl2.Name); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("after heal: %v\n%s", err, out)
	}

	// A condition that never holds: exit 1 at the deadline.
	start := time.Now()
	err := watch.Run(context.Background(), bgpWatch(t, ctl1.Address, "", &testwait.Buffer{}, "state=Bogus", 1500*time.Millisecond))
	if clikit.ExitCode(err) != 1 || !strings.Contains(err.Error(), "state=Bogus not met within 1.5s") || time.Since(start) > 10*time.Second {
		t.Errorf("deadline: exit %d: %v", clikit.ExitCode(err), err)
	}
}
