package netdebug

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
	}{
		{Termination{ExitCode: 0}, "", "exited normally", "restartPolicy"},
		{Termination{ExitCode: 1}, "", "generic error", "logs"},
		{Termination{ExitCode: 2}, "", "arguments", "command and args"},
		{Termination{ExitCode: 126}, "", "could not be executed", "file mode"},
		{Termination{ExitCode: 127}, "", "not found", "entrypoint"},
		{Termination{ExitCode: 130}, "SIGINT", "interrupted", ""},
		{Termination{ExitCode: 134}, "SIGABRT", "aborted", "core dump"},
		{Termination{ExitCode: 137, OOMKilled: true}, "SIGKILL", "OOM killer", "memory limit"},
		{Termination{ExitCode: 137}, "SIGKILL", "not by the cgroup OOM killer", "docker kill"},
		{Termination{ExitCode: 137, HasLivenessProbe: true}, "SIGKILL", "not by the cgroup OOM killer", "liveness probe"},
		{Termination{ExitCode: 139}, "SIGSEGV", "segmentation fault", "core dump"},
		{Termination{ExitCode: 143}, "SIGTERM", "graceful stop", "137 after the grace period"},
		{Termination{ExitCode: 129}, "SIGHUP", "signal 1 (SIGHUP)", "kill -l 1"},
		{Termination{ExitCode: 255}, "", "exit(-1)", "generic error"},
		{Termination{ExitCode: 42}, "", "own code 42", "documentation"},
		{Termination{ExitCode: 128, Reason: "ContainerCannotRun", Message: "exec: no such file"}, "", "could not start", "no such file"},
		{Termination{ExitCode: 0, Signal: 9}, "SIGKILL", "SIGKILL", ""},
	} {
		e := Explain(tc.in)
		if e.Signal != tc.signal || !strings.Contains(e.Meaning, tc.meaning) || !strings.Contains(e.Next, tc.next) {
			t.Errorf("Explain(%+v) = %+v; want signal %q, meaning ~%q, next ~%q", tc.in, e, tc.signal, tc.meaning, tc.next)
		}
	}
}
