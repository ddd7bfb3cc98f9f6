// Package exitinfo explains why containers stopped: from the container
// engines (Docker's inspect record, a containerd task, the status the
// containerd CRI plugin keeps for Kubernetes containers, the nerdctl error
// label), from the kernel's OOM records, and from kubectl pod JSON. Each
// container gets a Report: its state, how it ended, where that record
// came from, a verdict, and an explanation with the next step.
//
// The verdict rule, the same for every exit code and source, decides the
// exit status of tf-capture why (Abnormal):
//
//	running        running now, no earlier exit known          ok
//	created        created, never started, no error            ok
//	completed      exit 0                                      ok
//	stopped        128+SIGTERM or 128+SIGINT: a stop was       ok
//	               requested and the program honoured it
//	               (not when Kubernetes restarted it in place:
//	               that is a failed probe -> failed)
//	waiting        kubelet waits with a reason (CrashLoopBack- abnormal
//	               Off, ImagePullBackOff, CreateContainerConfig-
//	               Error...); ContainerCreating/PodInitializing ok
//	failed         any other exit code, an OOM kill (known or  abnormal
//	               probable)
//	start-failed   the runtime could not start the command     abnormal
//	lost           the runtime lost the container (255         abnormal
//	               Unknown, ContainerStatusUnknown)
//	no-record      not running and no exit record anywhere     abnormal
package exitinfo

import (
	"time"

	"github.com/tfkit/tfkit/engine"
)

// Verdicts (Report.Verdict).
const (
	VerdictRunning     = "running"
	VerdictCreated     = "created"
	VerdictCompleted   = "completed"
	VerdictStopped     = "stopped"
	VerdictWaiting     = "waiting"
	VerdictFailed      = "failed"
	VerdictStartFailed = "start-failed"
	VerdictLost        = "lost"
	VerdictNoRecord    = "no-record"
)

// Report is one container's state and, when it has ended (now or before
// its last restart), how it ended and what that means.
type Report struct {
	Source    string `json:"source"` // docker, containerd, kubernetes
	Namespace string `json:"namespace,omitempty"`
	Pod       string `json:"pod,omitempty"`
	Container string `json:"container"`
	ID        string `json:"id,omitempty"`
	State     string `json:"state"` // running, exited, created, waiting, terminated, ...
	// Waiting is the kubelet's current waiting reason and message; it
	// comes before an older exit.
	Waiting *Waiting `json:"waiting,omitempty"`
	// Terminated: the exit fields below hold a termination (a start
	// failure included); LastState: the one before the last restart.
	Terminated  bool `json:"terminated"`
	LastState   bool `json:"last_state,omitempty"`
	StartFailed bool `json:"start_failed,omitempty"`
	// ExitCode is nil when no code was recorded (a containerd task that
	// could not be created has none).
	ExitCode  *int   `json:"exit_code"`
	Signal    int    `json:"signal,omitempty"`
	OOMKilled bool   `json:"oom_killed"`        // confirmed: engine flag, kernel log or cgroup counter
	OOM       string `json:"oom,omitempty"`     // the evidence, or why an OOM kill is probable
	Reason    string `json:"reason,omitempty"`  // Kubernetes/CRI reason: Completed, Error, OOMKilled, StartError, Unknown...
	Message   string `json:"message,omitempty"` // termination message, start error
	Record    string `json:"record,omitempty"`  // where the exit record came from
	Logs      string `json:"logs,omitempty"`    // the command that shows its last log lines
	MemoryMiB int64  `json:"memory_limit_mib,omitempty"`

	StartedAt   *time.Time   `json:"started_at,omitempty"`
	FinishedAt  *time.Time   `json:"finished_at,omitempty"`
	Restarts    int          `json:"restart_count"`
	Verdict     string       `json:"verdict"`
	Explanation *Explanation `json:"explanation,omitempty"`
}

// Waiting is why the kubelet has not (re)started a container.
type Waiting struct {
	Reason  string `json:"reason"`
	Message string `json:"message,omitempty"`
}

// Abnormal is true when the report shows a failure worth a non-zero exit
// status (the package comment has the rule).
func (r Report) Abnormal() bool {
	switch r.Verdict {
	case VerdictRunning, VerdictCreated, VerdictCompleted, VerdictStopped:
		return false
	case VerdictWaiting:
		return r.Waiting == nil || !transientWaiting(r.Waiting.Reason)
	}
	return true
}

// transientWaiting reasons are steps of a normal start, not failures.
func transientWaiting(reason string) bool {
	return reason == "ContainerCreating" || reason == "PodInitializing"
}

// Code is the exit code, or -1 when none was recorded.
func (r Report) Code() int {
	if r.ExitCode == nil {
		return -1
	}
	return *r.ExitCode
}

func intPtr(n int) *int { return &n }

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// DisplayName is how a container is named in reports: its Kubernetes
// container name, else its engine name, else its short id.
func DisplayName(c engine.Container) string {
	if n := c.Labels[engine.LabelContainerName]; n != "" {
		return n
	}
	if c.Name != "" {
		return c.Name
	}
	return c.ShortID()
}

// finish sets the verdict and explanation of a report whose exit fields
// are filled, from the evidence t.
func (r *Report) finish(t Termination) {
	e := Explain(t)
	r.Explanation = &e
	if r.Signal == 0 && e.Signal != "" && r.ExitCode != nil {
		r.Signal = *r.ExitCode - 128
	}
	r.Verdict = verdictOf(t)
}

// verdictOf classifies a termination (the package comment's rule).
func verdictOf(t Termination) string {
	switch {
	case t.StartFailed || startFailureReason(t.Reason):
		return VerdictStartFailed
	case t.Reason == "Unknown" || t.Reason == "ContainerStatusUnknown":
		return VerdictLost
	case t.NoRecord:
		return VerdictNoRecord
	case t.OOMKilled || t.OOMProbable || t.Reason == "OOMKilled":
		return VerdictFailed
	case t.ExitCode == 0 && t.Signal == 0:
		return VerdictCompleted
	case gracefulSignal(signalOf(t)) && !t.RestartedInPlace:
		return VerdictStopped
	}
	return VerdictFailed
}
