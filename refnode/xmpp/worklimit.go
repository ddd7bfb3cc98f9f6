package xmpp

import "runtime"

// routeWork bounds how many agent channels of this process take in route
// updates at once: one per CPU. A cluster of hundreds of agents in one
// process otherwise has a thousand goroutines decoding and installing
// routes at the same time, and Go's scheduler, which has no priorities,
// gives each a turn before it comes back to the few that must run on time:
// keep-alive senders, GoBGP's sessions, hold timers. With the busy work
// queued here instead of on the CPUs, those run at once, and nothing
// misses a keep-alive because the process is busy. A channel waits for
// its turn with a whole stanza read and no read pending, so the wait never
// counts against its hold timer, and a turn never waits on the network.
var routeWork = make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))

func acquireRouteWork() { routeWork <- struct{}{} }
func releaseRouteWork() { <-routeWork }
