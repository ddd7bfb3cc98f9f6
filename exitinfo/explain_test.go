package exitinfo

import (
	"strings"
	"testing"
)

func TestExplainExitCodes(t *testing.T) {
	for _, tc := range []struct {
		in      Termination
		signal  string
		meaning string // substring
		next    string // substring
		verdict string
	}{
		{Termination{ExitCode: 0}, "", "exited normally", "restartPolicy", VerdictCompleted},
		{Termination{ExitCode: 1, Logs: "docker logs --tail 50 web"}, "", "generic error", "docker logs --tail 50 web", VerdictFailed},
		{Termination{ExitCode: 2, Logs: "docker logs --tail 50 web"}, "", "Go program's panic or fatal error, or a shell usage error", "docker logs --tail 50 web", VerdictFailed},
		{Termination{ExitCode: 2}, "", "PID 1 without an init also exits 2", "docker run --init", VerdictFailed},
		{Termination{ExitCode: 126}, "", "could not be executed", "file mode", VerdictFailed},
		{Termination{ExitCode: 127}, "", "not found", "entrypoint", VerdictFailed},
		{Termination{ExitCode: 130}, "SIGINT", "interrupted", "", VerdictStopped},
		{Termination{ExitCode: 134}, "SIGABRT", "aborted", "core dump", VerdictFailed},
		{Termination{ExitCode: 137, OOMKilled: true, OOMEvidence: "kernel log: oom-kill"}, "SIGKILL", "OOM killer: the container reached its cgroup memory limit (kernel log", "memory limit", VerdictFailed},
		{Termination{ExitCode: 137}, "SIGKILL", "no memory limit: not a cgroup OOM kill", "docker kill", VerdictFailed},
		{Termination{ExitCode: 137, MemoryLimit: 64 << 20, OOMProbable: true, OOMEvidence: probableOOM(64<<20, 0, true)}, "SIGKILL", "probably by the OOM killer: memory limit 64 MiB, killed 0s after it started", "raise the memory limit", VerdictFailed},
		{Termination{ExitCode: 137, HasLivenessProbe: true}, "SIGKILL", "not a cgroup OOM kill", "liveness probe", VerdictFailed},
		{Termination{ExitCode: 139}, "SIGSEGV", "segmentation fault", "core dump", VerdictFailed},
		{Termination{ExitCode: 143}, "SIGTERM", "graceful stop", "137 after the grace period", VerdictStopped},
		{Termination{ExitCode: 143, RestartedInPlace: true}, "SIGTERM", "restarted in place", "Liveness probe failed", VerdictFailed},
		{Termination{ExitCode: 129}, "SIGHUP", "signal 1 (SIGHUP)", "kill -l 1", VerdictFailed},
		{Termination{ExitCode: 255}, "", "exit(-1)", "generic error", VerdictFailed},
		{Termination{ExitCode: 255, Reason: "Unknown"}, "", "runtime lost the container", "containerd or the node restarted", VerdictLost},
		{Termination{ExitCode: 137, Reason: "ContainerStatusUnknown"}, "", "could not find the container", "describe pod", VerdictLost},
		{Termination{ExitCode: 42}, "", "own code 42", "documentation", VerdictFailed},
		{Termination{ExitCode: 128, Reason: "ContainerCannotRun", Message: "exec: no such file"}, "", "could not start the container (ContainerCannotRun): the command was not found (127)", "no such file", VerdictStartFailed},
		{Termination{ExitCode: 127, StartFailed: true, Message: `exec: "/nope": stat /nope: no such file or directory`}, "", "not found (127)", "entrypoint", VerdictStartFailed},
		{Termination{ExitCode: 126, StartFailed: true, Message: "permission denied"}, "", "cannot be executed (126)", "file mode", VerdictStartFailed},
		{Termination{StartFailed: true, NoExitCode: true, Message: "exec format error"}, "", "cannot be executed (126)", "architecture", VerdictStartFailed},
		{Termination{ExitCode: 128, Reason: "StartError", Message: "cgroup setup failed"}, "", "could not start the container (StartError)", "cgroup", VerdictStartFailed},
		{Termination{NoRecord: true}, "", "no exit record exists anywhere", "kubectl get pod POD -o json | tf-capture why POD -", VerdictNoRecord},
		{Termination{ExitCode: 0, Signal: 9}, "SIGKILL", "SIGKILL", "", VerdictFailed},
	} {
		e := Explain(tc.in)
		if e.Signal != tc.signal || !strings.Contains(e.Meaning, tc.meaning) || !strings.Contains(e.Next, tc.next) {
			t.Errorf("Explain(%+v) = %+v; want signal %q, meaning ~%q, next ~%q", tc.in, e, tc.signal, tc.meaning, tc.next)
		}
		if v := verdictOf(tc.in); v != tc.verdict {
			t.Errorf("verdict of %+v = %s, want %s", tc.in, v, tc.verdict)
		}
	}
}
