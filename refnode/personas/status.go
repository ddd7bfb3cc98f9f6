package personas

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// Process states as a nodemgr reports them (supervisor names).
const (
	processRunning = "PROCESS_STATE_RUNNING"
	processStopped = "PROCESS_STATE_STOPPED"
)

// watchedProcess follows the daemon a nodemgr watches and keeps the
// counters a nodemgr shows (start_count, stop_count, last_start_time…).
type watchedProcess struct {
	name string // contrail-control, contrail-vrouter-agent

	mu        sync.Mutex
	state     string // "" until first observed
	starts    uint32
	stops     uint32
	lastStart time.Time
	lastStop  time.Time
}

// observe records the watched node's state (running, paused, stopped):
// a paused process is still running for its nodemgr, as with a hung
// daemon under supervisord.
func (w *watchedProcess) observe(nodeState string, now time.Time) schema.ProcessInfo {
	w.mu.Lock()
	defer w.mu.Unlock()
	st := processRunning
	if nodeState == "stopped" || nodeState == "" {
		st = processStopped
	}
	if st != w.state {
		if st == processRunning {
			w.starts++
			w.lastStart = now
		} else if w.state != "" {
			w.stops++
			w.lastStop = now
		}
		w.state = st
	}
	pi := schema.ProcessInfo{ProcessName: w.name, ProcessState: st, StartCount: w.starts, StopCount: w.stops}
	if !w.lastStart.IsZero() {
		pi.LastStartTime = usec(w.lastStart)
	}
	if !w.lastStop.IsZero() {
		pi.LastStopTime = usec(w.lastStop)
	}
	return pi
}

// usec is the nodemgr time format: microseconds since the epoch, as text.
func usec(t time.Time) string { return strconv.FormatInt(t.UnixMicro(), 10) }

// collectorUp is the one connection every persona reports: refnode has no
// collector, so it is shown as the healthy default.
func collectorUp() schema.ConnectionInfo {
	return schema.ConnectionInfo{Type: "Collector", Name: "", ServerAddrs: []string{"127.0.0.1:8086"}, Status: "Up", Description: ptr("Established")}
}

func ptr[T any](v T) *T { return &v }

// nodeStatus builds the NodeStatus of a persona: its own process status
// (always Functional while it answers) and, for a nodemgr, the process
// table of the daemon it watches.
func nodeStatus(host, module string, watched *schema.ProcessInfo, version string) schema.NodeStatus {
	ns := schema.NodeStatus{
		Name: host,
		ProcessStatus: []schema.ProcessStatus{{
			ModuleID: module, InstanceID: "0", State: "Functional",
			ConnectionInfos: []schema.ConnectionInfo{collectorUp()},
			FlagInfos:       []schema.FlagInfo{},
			Description:     ptr(""),
		}},
		BuildInfo: fmt.Sprintf(`{"build-info":[{"build-version":%q,"build-hostname":"refnode"}]}`, version),
	}
	if watched != nil {
		ns.ProcessInfo = []schema.ProcessInfo{*watched}
	}
	return ns
}
