package netdebug

import (
	"fmt"
	"syscall"

	"golang.org/x/sys/unix"
)

// Termination is the evidence about how a container ended, from whichever
// source has it (Docker, containerd, a kubectl pod JSON).
type Termination struct {
	ExitCode         int
	Signal           int    // signal the kubelet reported; 0 when unknown
	OOMKilled        bool   // Docker State.OOMKilled or Kubernetes reason OOMKilled
	Reason           string // Kubernetes reason: Completed, Error, OOMKilled, ContainerCannotRun, ...
	Message          string // Kubernetes message or Docker State.Error
	HasLivenessProbe bool   // from the pod spec, when known
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

// Explain reads the exit code with the evidence at hand and quotes the
// message the runtime or kubelet left, which usually names the culprit.
func Explain(t Termination) Explanation {
	e := explainCode(t)
	if t.Message != "" {
		e.Next += "; message: " + t.Message
	}
	return e
}

// explainCode does the reading. Runtime reasons (the container never ran)
// come first: their exit code says nothing.
func explainCode(t Termination) Explanation {
	switch t.Reason {
	case "ContainerCannotRun", "CreateContainerError", "StartError", "RunContainerError", "CreateContainerConfigError":
		return Explanation{Meaning: "the runtime could not start the container (" + t.Reason + ")",
			Next: "read the message: a missing entrypoint binary, a bad mount, or a permission problem; fix the image or pod spec"}
	case "DeadlineExceeded":
		return Explanation{Meaning: "activeDeadlineSeconds passed and the kubelet stopped the pod",
			Next: "raise activeDeadlineSeconds or find out why the job is slow"}
	case "Evicted":
		return Explanation{Meaning: "the node evicted the pod under resource pressure",
			Next: "check the node conditions (kubectl describe node) and the pod's requests/limits"}
	}
	code := t.ExitCode
	sig := t.Signal
	if sig == 0 && code > 128 && code < 128+65 {
		sig = code - 128
	}
	e := Explanation{}
	if sig > 0 {
		e.Signal = SignalName(sig)
	}
	switch {
	case t.OOMKilled || t.Reason == "OOMKilled":
		e.Meaning = "killed by the kernel OOM killer: the container reached its cgroup memory limit"
		e.Next = "raise the memory limit or find the leak (memory graphs, heap profile); the previous logs (kubectl logs --previous) show what it was doing"
	case code == 0 && sig == 0:
		e.Meaning = "exited normally"
		e.Next = "nothing failed; if it keeps restarting, check restartPolicy and the liveness probe; a Job is simply done"
	case code == 1:
		e.Meaning = "the application exited with a generic error"
		e.Next = "read the last log lines (docker logs / kubectl logs --previous); check config and env"
	case code == 2:
		e.Meaning = "bad usage: a shell builtin misused or wrong command-line arguments"
		e.Next = "check the command and args in the container spec"
	case code == 126:
		e.Meaning = "the command was found but could not be executed"
		e.Next = "check the file mode, the binary's architecture and noexec mounts"
	case code == 127:
		e.Meaning = "the command was not found"
		e.Next = "check the entrypoint/command path and that the binary exists in the image"
	case sig == int(syscall.SIGKILL):
		e.Meaning, e.Next = explainSIGKILL(t)
	case sig == int(syscall.SIGTERM):
		e.Meaning = "stopped by SIGTERM: a graceful stop was requested (docker stop, rolling update, eviction, scale down)"
		e.Next = "expected during a stop; if nobody stopped it, look for who did (events, deployment history); an app that ignores SIGTERM gets 137 after the grace period"
	case sig == int(syscall.SIGSEGV):
		e.Meaning = "crashed with a segmentation fault (SIGSEGV) in native code"
		e.Next = "look for a core dump and the last log lines; check library versions in the image"
	case sig == int(syscall.SIGABRT):
		e.Meaning = "aborted (SIGABRT): an assertion or abort() in the program"
		e.Next = "read the last log lines for the assertion; look for a core dump"
	case sig == int(syscall.SIGINT):
		e.Meaning = "interrupted (SIGINT), usually by an operator's Ctrl-C"
		e.Next = "nothing failed unless nobody interrupted it"
	case sig > 0:
		e.Meaning = fmt.Sprintf("killed by signal %d (%s)", sig, e.Signal)
		e.Next = "find who sent the signal (kill -l " + fmt.Sprint(sig) + "); read the last log lines"
	case code == 255:
		e.Meaning = "exit status 255: exit(-1) or an out-of-range code (also SSH/remote failures)"
		e.Next = "treat as a generic error: read the logs"
	default:
		e.Meaning = fmt.Sprintf("the application exited with its own code %d", code)
		e.Next = "look the code up in the application's documentation; read the last log lines"
	}
	return e
}

// explainSIGKILL separates the usual sources of a 137 with the evidence we
// have: no OOM flag here (that case is handled before).
func explainSIGKILL(t Termination) (string, string) {
	meaning := "killed by SIGKILL, not by the cgroup OOM killer (OOMKilled is false)"
	next := "someone or something killed it: docker kill / kubectl delete --grace-period=0, the runtime after the stop timeout, or the host OOM killer (dmesg | grep -i oom)"
	if t.HasLivenessProbe {
		next = "it has a liveness probe: a failed probe is the likely cause (kubectl describe pod: events 'Liveness probe failed'); otherwise " + next
	}
	return meaning, next
}
