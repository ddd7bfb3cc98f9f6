// Package work bounds how much route processing runs at once in a refnode
// process: one turn per CPU, shared by every node of the process, handed
// out by stage of the route pipeline.
//
// A cluster of hundreds of agents and a dozen control nodes in one process
// otherwise has a thousand goroutines decoding, installing and fanning out
// routes at the same time, and Go's scheduler, which has no priorities,
// gives each a turn before it comes back to the few that must run on time:
// keep-alive senders, GoBGP's sessions and hold timers, the BGP gates'
// relays. With the busy work queued here instead of on the CPUs, those run
// at once, and no session misses a keep-alive because the process is busy.
//
// Turns go to the earliest stage of the pipeline first: a control node's
// route input (agents' publishes, BGP-learned routes), then the building
// of its messages to agents, then the agents taking those in. With one
// queue for all (the first version) a BGP-learned route waited behind a
// thousand agents' updates, the 980-agent run took minutes to spread its
// routes between control nodes, and every route reached the agents once
// per path instead of once. Earlier stages cannot starve the later ones
// for long: they run only on what arrives from outside, and a control
// node's senders give their turn back before writing to an agent.
//
// Rules that keep it free of deadlocks: a turn is taken before any node
// lock and never while holding one, and never held across network I/O (a
// turn that waited for a peer which waits for a turn would stop the
// process).
package work

import (
	"runtime"
	"sync"
)

// Stage is the part of the route pipeline a turn is for; lower runs first.
type Stage int

const (
	// Control is a control node taking in routes and sessions: agents'
	// publishes, subscribes and session ends, BGP-learned routes.
	Control Stage = iota
	// Send is a control node building its messages to an agent.
	Send
	// Agent is an agent taking in a control node's message.
	Agent
	stages
)

// limiter hands out turns; waiters are queued per stage, first come first
// served within a stage.
type limiter struct {
	mu      sync.Mutex
	free    int
	waiting [stages][]chan struct{}
}

var turns = newLimiter(max(runtime.GOMAXPROCS(0), 1))

func newLimiter(n int) *limiter { return &limiter{free: n} }

// wakeups are the channels waiters sleep on, reused.
var wakeups = sync.Pool{New: func() any { return make(chan struct{}, 1) }}

func (l *limiter) begin(s Stage) {
	l.mu.Lock()
	if l.free > 0 {
		l.free--
		l.mu.Unlock()
		return
	}
	ch := wakeups.Get().(chan struct{})
	l.waiting[s] = append(l.waiting[s], ch)
	l.mu.Unlock()
	<-ch // the turn is handed over by end
	wakeups.Put(ch)
}

func (l *limiter) end() {
	l.mu.Lock()
	for s := range l.waiting {
		if q := l.waiting[s]; len(q) > 0 {
			ch := q[0]
			q[0] = nil
			l.waiting[s] = q[1:]
			if len(l.waiting[s]) == 0 {
				l.waiting[s] = q[:0] // reuse the array from its start
			}
			l.mu.Unlock()
			ch <- struct{}{}
			return
		}
	}
	l.free++
	l.mu.Unlock()
}

// Begin waits for a turn for stage s; End gives it back.
func Begin(s Stage) { turns.begin(s) }

// End gives back the turn taken by Begin.
func End() { turns.end() }
