package netdebug

import (
	"time"

	"github.com/tfkit/tfkit/engine"
)

// ExitReport is one container's state and, when it has ended (now or
// before its last restart), how it ended and what that means.
type ExitReport struct {
	Source      string       `json:"source"` // docker, containerd, kubernetes
	Namespace   string       `json:"namespace,omitempty"`
	Pod         string       `json:"pod,omitempty"`
	Container   string       `json:"container"`
	ID          string       `json:"id,omitempty"`
	State       string       `json:"state"`      // running, exited, waiting (CrashLoopBackOff), ...
	Terminated  bool         `json:"terminated"` // the exit fields below hold a termination
	LastState   bool         `json:"last_state,omitempty"`
	ExitCode    int          `json:"exit_code"`
	Signal      int          `json:"signal,omitempty"`
	OOMKilled   bool         `json:"oom_killed"`
	Reason      string       `json:"reason,omitempty"`
	Message     string       `json:"message,omitempty"`
	StartedAt   *time.Time   `json:"started_at,omitempty"`
	FinishedAt  *time.Time   `json:"finished_at,omitempty"`
	Restarts    int          `json:"restart_count"`
	Explanation *Explanation `json:"explanation,omitempty"`
}

// Abnormal is true when the report shows a failure worth a non-zero exit:
// a termination other than a clean exit 0, or a container stuck waiting.
func (r ExitReport) Abnormal() bool {
	if r.Terminated {
		return r.ExitCode != 0 || r.OOMKilled || (r.Reason != "" && r.Reason != "Completed")
	}
	return r.Reason != "" // waiting with a reason (CrashLoopBackOff, ImagePullBackOff)
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// ReportFromContainer turns an engine's inspect data into a report. A
// running container's previous exit is not kept by Docker or containerd, so
// only its restart count says it ended before.
func ReportFromContainer(c engine.Container) ExitReport {
	r := ExitReport{
		Source:    c.Engine,
		Namespace: c.Labels[engine.LabelPodNamespace],
		Pod:       c.Labels[engine.LabelPodName],
		Container: displayName(c),
		ID:        c.ShortID(),
		State:     c.State,
		Restarts:  c.Restarts,
		StartedAt: timePtr(c.StartedAt),
	}
	// A container Docker is restarting keeps the exit record of the run
	// that just ended; that record is what `why` is asked about.
	restarting := c.State == engine.StateRestarting && !c.FinishedAt.IsZero()
	switch {
	case c.State == engine.StateExited || c.State == engine.StateDead || restarting:
		r.Terminated = true
		r.ExitCode = c.ExitCode
		r.OOMKilled = c.OOMKilled
		r.Message = c.Error
		r.FinishedAt = timePtr(c.FinishedAt)
		e := Explain(Termination{ExitCode: c.ExitCode, OOMKilled: c.OOMKilled, Message: c.Error})
		r.Explanation = &e
		if e.Signal != "" {
			r.Signal = c.ExitCode - 128
		}
	}
	return r
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
