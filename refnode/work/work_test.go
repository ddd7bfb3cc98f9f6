package work

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
)

// waiters counts the goroutines queued on l.
func (l *limiter) waiters() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, q := range l.waiting {
		n += len(q)
	}
	return n
}

// TestEarlierStageFirst: with the one turn taken, waiters queued in the
// order Agent, Send, Control, Agent get it in the order Control, Send,
// Agent, Agent (first come first served within a stage).
func TestEarlierStageFirst(t *testing.T) {
	l := newLimiter(1)
	l.begin(Agent)
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	queue := func(s Stage, name string) {
		want := l.waiters() + 1 // before the goroutine can queue
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.begin(s)
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			l.end()
		}()
		testwait.For(t, "waiter "+name+" queued", 5*time.Second, func() bool { return l.waiters() == want })
	}
	queue(Agent, "agent-1")
	queue(Send, "send")
	queue(Control, "control")
	queue(Agent, "agent-2")
	l.end()
	wg.Wait()
	want := []string{"control", "send", "agent-1", "agent-2"}
	if len(order) != len(want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
}

// TestTurnsBounded: never more than n holders at once, and every waiter
// gets its turn.
func TestTurnsBounded(t *testing.T) {
	const n = 3
	l := newLimiter(n)
	var in, peak, done atomic.Int32
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.begin(Stage(i % int(stages)))
			v := in.Add(1)
			for {
				p := peak.Load()
				if v <= p || peak.CompareAndSwap(p, v) {
					break
				}
			}
			time.Sleep(time.Microsecond)
			in.Add(-1)
			done.Add(1)
			l.end()
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > n || p < 1 {
		t.Errorf("peak holders %d, want 1..%d", p, n)
	}
	if d := done.Load(); d != 200 {
		t.Errorf("%d turns, want 200", d)
	}
	if l.free != n {
		t.Errorf("free %d after all ended, want %d", l.free, n)
	}
}
