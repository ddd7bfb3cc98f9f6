package exitinfo

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tfkit/tfkit/engine"
)

// Evidence are the sources beyond an engine's own record; each is read at
// most once per run.
type Evidence struct {
	// CRIRoot is the containerd CRI plugin's directory ("" = do not look).
	CRIRoot string
	// KernelLog: read the kernel's OOM-kill records (root only).
	KernelLog bool

	once   sync.Once
	kernel *KernelOOM
}

func (ev *Evidence) kernelOOM() *KernelOOM {
	if ev == nil || !ev.KernelLog {
		return nil
	}
	ev.once.Do(func() { ev.kernel, _ = ReadKernelOOM() })
	return ev.kernel
}

// FromContainer reports one container from its engine record, completed
// by the CRI status (a Kubernetes container whose task is gone) and the
// kernel's OOM records.
func FromContainer(c engine.Container, ev *Evidence) Report {
	r := Report{
		Source:    c.Engine,
		Namespace: c.Labels[engine.LabelPodNamespace],
		Pod:       c.Labels[engine.LabelPodName],
		Container: DisplayName(c),
		ID:        c.ShortID(),
		State:     c.State,
		Restarts:  c.Restarts,
		StartedAt: timePtr(c.StartedAt),
		MemoryMiB: c.MemoryLimit >> 20,
		Logs:      logsCommand(c),
	}
	// A container Docker is restarting keeps the exit record of the run
	// that just ended; that record is what `why` is asked about.
	restarting := c.State == engine.StateRestarting && !c.FinishedAt.IsZero()
	switch {
	case c.State == engine.StateExited || c.State == engine.StateDead || restarting:
		r.fromEngineExit(c, ev)
	case c.State == engine.StateCreated:
		r.fromCreated(c, ev)
	default:
		r.Record = c.Engine
		r.Verdict = VerdictRunning
	}
	return r
}

// fromEngineExit reads the engine's exit record, and for a SIGKILL the
// OOM evidence the engine's flag may have missed.
func (r *Report) fromEngineExit(c engine.Container, ev *Evidence) {
	r.Terminated = true
	r.ExitCode = intPtr(c.ExitCode)
	r.Message = c.Error
	r.FinishedAt = timePtr(c.FinishedAt)
	r.Record = "docker inspect"
	oomSource := "docker State.OOMKilled"
	if c.Engine == engine.KindContainerd {
		r.Record, oomSource = "containerd task", "cgroup memory.events oom_kill"
	}
	t := Termination{ExitCode: c.ExitCode, OOMKilled: c.OOMKilled, Message: c.Error, MemoryLimit: c.MemoryLimit, Logs: r.Logs}
	switch {
	case c.OOMKilled:
		t.OOMEvidence = oomSource
	case signalOf(t) == 9:
		if k, ok := ev.kernelOOM().find(c.ID); ok {
			t.OOMKilled = true
			t.OOMEvidence = fmt.Sprintf("kernel log: oom-kill of %s in memory cgroup %s", k.task, k.memcg)
			if !k.at.IsZero() {
				t.OOMEvidence += " at " + k.at.UTC().Format(time.RFC3339)
			}
			t.OOMEvidence += "; " + oomSource + " missed it"
		} else {
			ran := c.FinishedAt.Sub(c.StartedAt)
			t.OOMEvidence = probableOOM(c.MemoryLimit, ran, !c.StartedAt.IsZero() && !c.FinishedAt.IsZero())
			t.OOMProbable = t.OOMEvidence != ""
		}
	}
	r.OOMKilled = t.OOMKilled
	switch {
	case t.OOMKilled:
		r.OOM = t.OOMEvidence
	case t.OOMProbable:
		r.OOM = "probable: " + t.OOMEvidence
	}
	r.finish(t)
}

// fromCreated reads a container with no running process: never started
// (Docker keeps the start error and the code it chose), a start failure
// nerdctl recorded, or — under containerd — a Kubernetes container whose
// task CRI deleted after it exited: then the CRI status has the exit.
func (r *Report) fromCreated(c engine.Container, ev *Evidence) {
	switch {
	case c.Engine == engine.KindDocker && (c.ExitCode != 0 || c.Error != ""):
		r.State = "created (start failed)"
		r.Terminated, r.StartFailed = true, true
		r.ExitCode, r.Message, r.Record = intPtr(c.ExitCode), c.Error, "docker inspect (State.Error)"
		r.finish(Termination{ExitCode: c.ExitCode, StartFailed: true, Message: c.Error, Logs: r.Logs})
		return
	case c.Engine == engine.KindDocker:
		r.Record, r.Verdict = "docker inspect", VerdictCreated
		return
	case c.Error != "":
		r.State = "created (start failed)"
		r.Terminated, r.StartFailed = true, true
		r.Message, r.Record = c.Error, "label "+engine.LabelNerdctlError+" (containerd keeps no exit code for a task it could not create)"
		r.finish(Termination{StartFailed: true, NoExitCode: true, Message: c.Error, Logs: r.Logs})
		return
	}
	if ev != nil && ev.CRIRoot != "" {
		if st, path, err := ReadCRIStatus(ev.CRIRoot, c.ID); err == nil {
			r.fromCRI(st, path)
			return
		}
	}
	r.State = "created (no task)"
	r.Record = "none"
	where := "containerd has no task for it"
	if ev != nil && ev.CRIRoot != "" {
		where += " and no CRI status under " + ev.CRIRoot
	}
	r.Message = "no exit record: " + where
	r.finish(Termination{NoRecord: true, Logs: r.Logs})
}

// fromCRI reads the CRI plugin's status of a container without a task.
func (r *Report) fromCRI(st CRIStatus, path string) {
	r.Record = "CRI status " + path
	r.StartedAt = timePtr(nanoTime(st.StartedAt))
	switch {
	case st.FinishedAt != 0:
		r.State = "exited"
		r.Terminated = true
		r.ExitCode, r.Reason, r.Message = intPtr(int(st.ExitCode)), st.Reason, st.Message
		r.FinishedAt = timePtr(nanoTime(st.FinishedAt))
		r.OOMKilled = st.Reason == "OOMKilled"
		if r.OOMKilled {
			r.OOM = "CRI reason OOMKilled"
		}
		r.StartFailed = st.Reason == "StartError"
		if r.StartFailed {
			r.State = "created (start failed)"
		}
		r.finish(Termination{ExitCode: int(st.ExitCode), OOMKilled: r.OOMKilled, OOMEvidence: r.OOM, Reason: st.Reason, Message: st.Message,
			StartFailed: r.StartFailed, Logs: r.Logs})
	case st.StartedAt != 0:
		// Started, never finished, and no task: containerd lost it.
		r.State, r.Reason = "unknown", "Unknown"
		r.Message = "CRI recorded a start and no exit, but containerd has no task"
		r.finish(Termination{Reason: "Unknown", Message: r.Message, Logs: r.Logs})
	default:
		r.Record += " (created, never started)"
		r.Verdict = VerdictCreated
	}
}

// logsCommand is the command that shows a container's last log lines.
func logsCommand(c engine.Container) string {
	if pod, ns := engine.PodOf(c); pod != "" {
		return fmt.Sprintf("kubectl logs -n %s %s -c %s --previous, or on the node: crictl logs %s", ns, pod, DisplayName(c), c.ShortID())
	}
	if c.Engine == engine.KindDocker {
		return "docker logs --tail 50 " + c.Name
	}
	ns := c.Namespace
	if ns == "" {
		ns = "default"
	}
	return fmt.Sprintf("nerdctl -n %s logs %s", ns, strings.TrimSpace(c.Name))
}
