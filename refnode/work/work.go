// Package work bounds how much route processing runs at once in a refnode
// process: one turn per CPU, shared by every node of the process.
//
// A cluster of hundreds of agents and a dozen control nodes in one process
// otherwise has a thousand goroutines decoding, installing and fanning out
// routes at the same time, and Go's scheduler, which has no priorities,
// gives each a turn before it comes back to the few that must run on time:
// keep-alive senders, GoBGP's sessions and hold timers, the BGP gates'
// relays. With the busy work queued here instead of on the CPUs, those run
// at once, and no session misses a keep-alive because the process is busy.
//
// Rules that keep it free of deadlocks: a turn is taken before any node
// lock and never while holding one, and never held across network I/O (a
// turn that waited for a peer which waits for a turn would stop the
// process).
package work

import "runtime"

var turns = make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))

// Begin waits for a turn; End gives it back.
func Begin() { turns <- struct{}{} }

// End gives back the turn taken by Begin.
func End() { <-turns }
