package exitinfo

import (
	"fmt"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Termination is the evidence about how a container ended, from whichever
// source has it (Docker, containerd, CRI, a kubectl pod JSON, the kernel).
type Termination struct {
	ExitCode    int
	Signal      int    // signal the kubelet reported; 0 when unknown
	OOMKilled   bool   // confirmed: engine flag, kernel log, cgroup counter, reason OOMKilled
	OOMProbable bool   // not confirmed, but SIGKILL under a memory limit (see OOMEvidence)
	OOMEvidence string // what confirmed it, or why it is probable
	Reason      string // Kubernetes/CRI reason: Completed, Error, OOMKilled, ContainerCannotRun, StartError, ...
	Message     string // Kubernetes message, Docker State.Error, CRI message, nerdctl error
	// HasLivenessProbe comes from the pod spec, when known.
	HasLivenessProbe bool
	// StartFailed: the runtime could not start the command (no exit
	// code of its own; ExitCode is the runtime's, if any).
	StartFailed bool
	NoExitCode  bool // StartFailed without a code (containerd keeps none)
	// NoRecord: the container is not running and no source kept how it
	// ended.
	NoRecord bool
	// RestartedInPlace: the kubelet restarted this container after the
	// exit (lastState of a container that runs or waits again).
	RestartedInPlace bool
	MemoryLimit      int64  // bytes; 0 none or unknown
	Logs             string // the command that shows the last log lines
}

// Explanation says what an exit means and what to look at next.
type Explanation struct {
	Signal  string `json:"signal,omitempty"` // SIGKILL, … when the code is 128+N or a signal was reported
	Meaning string `json:"meaning"`
	Next    string `json:"next"`
}

// SignalName is the signal's name (SIGKILL) or "signal N" when unknown.
func SignalName(n int) string {
	if s := unix.SignalName(syscall.Signal(n)); s != "" {
		return s
	}
	return fmt.Sprintf("signal %d", n)
}

// signalOf is the signal that ended the process: the one reported, else
// the one 128+N says.
func signalOf(t Termination) int {
	if t.Signal != 0 {
		return t.Signal
	}
	if t.ExitCode > 128 && t.ExitCode < 128+65 {
		return t.ExitCode - 128
	}
	return 0
}

// gracefulSignal: the process was asked to stop and did.
func gracefulSignal(sig int) bool {
	return sig == int(syscall.SIGTERM) || sig == int(syscall.SIGINT)
}

// startFailureReason: the reasons runtimes give when the command never ran.
func startFailureReason(reason string) bool {
	switch reason {
	case "ContainerCannotRun", "StartError", "CreateContainerError", "RunContainerError":
		return true
	}
	return false
}

// Explain reads the exit code with the evidence at hand and quotes the
// message the runtime or kubelet left, which usually names the culprit.
func Explain(t Termination) Explanation {
	e := explainCode(t)
	if t.Message != "" {
		e.Next += "; message: " + t.Message
	}
	return e
}

// logsHint is the last-log-lines advice with the command when known.
func logsHint(t Termination) string {
	if t.Logs != "" {
		return "read the last log lines (" + t.Logs + ")"
	}
	return "read the last log lines (docker logs / kubectl logs --previous)"
}

// explainCode does the reading. A start failure and the runtime's own
// reasons come first: their exit code is the runtime's, not the program's.
func explainCode(t Termination) Explanation {
	if t.StartFailed || startFailureReason(t.Reason) {
		return explainStartFailure(t)
	}
	switch t.Reason {
	case "Unknown":
		return Explanation{Meaning: "the runtime lost the container: containerd (or the node) restarted while it ran and found no task afterwards; exit 255 is the runtime's mark, not the program's exit(-1)",
			Next: "look at when containerd or the node restarted (journalctl -u containerd, last reboot), not at the application"}
	case "ContainerStatusUnknown":
		return Explanation{Meaning: "the kubelet could not find the container any more (evicted, removed, or the runtime lost its state); the 137 is the kubelet's, not a real kill",
			Next: "kubectl describe pod: events around the time; the node's disk and memory pressure; crictl ps -a on the node"}
	case "DeadlineExceeded":
		return Explanation{Meaning: "activeDeadlineSeconds passed and the kubelet stopped the pod",
			Next: "raise activeDeadlineSeconds or find out why the job is slow"}
	case "Evicted":
		return Explanation{Meaning: "the node evicted the pod under resource pressure",
			Next: "check the node conditions (kubectl describe node) and the pod's requests/limits"}
	}
	if t.NoRecord {
		return Explanation{Meaning: "not running, and no exit record exists anywhere: the engine has no task for it (containerd deletes the task after an exit), the CRI plugin keeps no status for it, and no kubectl JSON was given",
			Next: "give the pod's status: kubectl get pod POD -o json | tf-capture why POD -; or look at the node's kubelet and containerd logs (journalctl -u kubelet -u containerd)"}
	}
	code := t.ExitCode
	sig := signalOf(t)
	e := Explanation{}
	if sig > 0 {
		e.Signal = SignalName(sig)
	}
	switch {
	case t.OOMKilled || t.Reason == "OOMKilled":
		e.Meaning = "killed by the kernel OOM killer: the container reached its cgroup memory limit"
		if t.OOMEvidence != "" {
			e.Meaning += " (" + t.OOMEvidence + ")"
		}
		e.Next = "raise the memory limit or find the leak (memory graphs, heap profile); " + logsHint(t) + " to see what it was doing"
	case code == 0 && sig == 0:
		e.Meaning = "exited normally"
		e.Next = "nothing failed; if it keeps restarting, check restartPolicy and the liveness probe; a Job is simply done"
	case code == 1:
		e.Meaning = "the application exited with a generic error"
		e.Next = logsHint(t) + "; check config and env"
	case code == 2:
		e.Meaning = "exit 2: a Go program's panic or fatal error, or a shell usage error (bad arguments); a Go program running as PID 1 without an init also exits 2 when stopped, since it cannot die of the SIGTERM it does not handle"
		e.Next = logsHint(t) + ": 'panic:' or 'fatal error:' with goroutine stacks is a Go crash; otherwise check the command and args; if it was only being stopped, run it under an init (docker run --init, tini) or handle SIGTERM"
	case code == 126:
		e.Meaning = "the command was found but could not be executed"
		e.Next = "check the file mode, the binary's architecture and noexec mounts"
	case code == 127:
		e.Meaning = "the command was not found"
		e.Next = "check the entrypoint/command path and that the binary exists in the image"
	case sig == int(syscall.SIGKILL):
		e.Meaning, e.Next = explainSIGKILL(t)
	case sig == int(syscall.SIGTERM):
		if t.RestartedInPlace {
			e.Meaning = "stopped by SIGTERM and restarted in place by the kubelet: a failed liveness or startup probe is the usual cause"
			e.Next = "kubectl describe pod: events 'Liveness probe failed'; check the probe's timeout and the app's health endpoint"
		} else {
			e.Meaning = "stopped by SIGTERM: a graceful stop was requested (docker stop, rolling update, eviction, scale down) and the program honoured it"
			e.Next = "expected during a stop; if nobody stopped it, look for who did (docker events, kubectl get events, deployment history); an app that ignores SIGTERM gets 137 after the grace period"
		}
	case sig == int(syscall.SIGSEGV):
		e.Meaning = "crashed with a segmentation fault (SIGSEGV) in native code"
		e.Next = "look for a core dump (TF: /var/crashes) and " + logsHint(t) + "; check library versions in the image"
	case sig == int(syscall.SIGABRT):
		e.Meaning = "aborted (SIGABRT): an assertion or abort() in the program"
		e.Next = logsHint(t) + " for the assertion; look for a core dump"
	case sig == int(syscall.SIGINT):
		e.Meaning = "interrupted (SIGINT), usually by an operator's Ctrl-C"
		e.Next = "nothing failed unless nobody interrupted it"
	case sig > 0:
		e.Meaning = fmt.Sprintf("killed by signal %d (%s)", sig, e.Signal)
		e.Next = "find who sent the signal (kill -l " + fmt.Sprint(sig) + "); " + logsHint(t)
	case code == 255:
		e.Meaning = "exit status 255: exit(-1) or an out-of-range code (also SSH/remote failures)"
		e.Next = "treat as a generic error: " + logsHint(t)
	default:
		e.Meaning = fmt.Sprintf("the application exited with its own code %d", code)
		e.Next = "look the code up in the application's documentation; " + logsHint(t)
	}
	return e
}

// explainStartFailure words a command that never ran, from the code the
// runtime chose (126 cannot execute, 127 not found, 128 other) or, when
// it chose none, from its message.
func explainStartFailure(t Termination) Explanation {
	kind := t.ExitCode
	if t.NoExitCode || kind == 0 || kind == 128 {
		msg := strings.ToLower(t.Message)
		switch {
		case strings.Contains(msg, "no such file") || strings.Contains(msg, "not found"):
			kind = 127
		case strings.Contains(msg, "permission denied") || strings.Contains(msg, "is a directory") || strings.Contains(msg, "exec format error"):
			kind = 126
		}
	}
	reason := t.Reason
	if reason == "" {
		reason = "start failed"
	}
	e := Explanation{}
	switch kind {
	case 127:
		e.Meaning = "the runtime could not start the container (" + reason + "): the command was not found (127)"
		e.Next = "check the entrypoint/command path, $PATH, and that the binary (and its shell or libc) exists in the image; a bind mount of a file onto a directory fails the same way"
	case 126:
		e.Meaning = "the runtime could not start the container (" + reason + "): the command cannot be executed (126)"
		e.Next = "check the file mode and owner, that it is not a directory, the binary's architecture ('exec format error') and noexec mounts"
	default:
		e.Meaning = "the runtime could not start the container (" + reason + ")"
		e.Next = "read the message: a missing entrypoint binary, a bad mount, a cgroup or seccomp problem; fix the image or pod spec"
	}
	return e
}

// explainSIGKILL separates the sources of a 137. A confirmed OOM kill is
// handled before; under a memory limit an unconfirmed one is still the
// likely cause (Docker misses OOM kills that happen right at start), so
// the answer is "probably OOM", never "not OOM".
func explainSIGKILL(t Termination) (string, string) {
	if t.OOMProbable {
		meaning := "killed by SIGKILL, probably by the OOM killer: " + t.OOMEvidence
		next := "raise the memory limit and watch its usage (docker stats, kubectl top); dmesg | grep -i oom on the node confirms it; if not OOM: docker kill, the stop timeout, or a supervisor"
		return meaning, next
	}
	meaning := "killed by SIGKILL, with no memory limit: not a cgroup OOM kill"
	if t.MemoryLimit > 0 {
		meaning = "killed by SIGKILL; OOM not confirmed"
	}
	next := "someone or something killed it: docker kill / kubectl delete --grace-period=0, the runtime after the stop timeout, or the host OOM killer (dmesg | grep -i oom)"
	if t.HasLivenessProbe {
		next = "it has a liveness probe: a failed probe is the likely cause (kubectl describe pod: events 'Liveness probe failed'); otherwise " + next
	}
	return meaning, next
}

// probableOOM says why a SIGKILL under a memory limit, not confirmed as
// an OOM kill, is probably one: "" when there is no limit.
func probableOOM(limit int64, ran time.Duration, timed bool) string {
	if limit <= 0 {
		return ""
	}
	s := fmt.Sprintf("memory limit %d MiB", limit>>20)
	if timed && ran < 2*time.Second {
		s += fmt.Sprintf(", killed %s after it started (OOM kills right at start are the ones the engine's flag misses)", ran.Round(time.Millisecond))
	}
	return s + ", OOMKilled flag not set"
}
