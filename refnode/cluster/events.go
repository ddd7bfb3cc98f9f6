package cluster

import (
	"sync"
	"time"
)

// Event is one entry of the cluster's event log: a node or session
// operation (or a start of the whole cluster) and its outcome.
type Event struct {
	Time   time.Time `json:"time"`
	Op     string    `json:"op"`     // start, stop, pause, resume, cut, partition, heal, flap, up, down
	Target string    `json:"target"` // node name, or "a/b" for a session
	Detail string    `json:"detail,omitempty"`
	Error  string    `json:"error,omitempty"`
}

// maxEvents bounds the log; older entries are dropped first.
const maxEvents = 1000

// eventLog is a bounded, concurrency-safe list of events.
type eventLog struct {
	mu     sync.Mutex
	events []Event
}

func (l *eventLog) add(op, target, detail string, err error) Event {
	e := Event{Time: time.Now().UTC(), Op: op, Target: target, Detail: detail}
	if err != nil {
		e.Error = err.Error()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) == maxEvents {
		copy(l.events, l.events[1:])
		l.events = l.events[:maxEvents-1]
	}
	l.events = append(l.events, e)
	return e
}

func (l *eventLog) list() []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Event(nil), l.events...)
}
