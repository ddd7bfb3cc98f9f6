package main

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/tfkit/tfkit/internal/testwait"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/internal/capturecli"
	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// tfBinary is tf-capture built once for the tests (with cgo: libpcap),
// beside tf-capture-engines, as installed.
var tfBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tf-capture-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	root, err := enginetest.ModuleRoot()
	if err == nil {
		err = os.Chmod(dir, 0o755) // the permission test runs it as nobody
	}
	if err == nil {
		tfBinary = filepath.Join(dir, "tf-capture")
		cmd := exec.Command("go", "build", "-o", dir+"/", "./cmd/tf-capture", "./cmd/tf-capture-engines")
		cmd.Dir = root
		if out, berr := cmd.CombinedOutput(); berr != nil {
			err = fmt.Errorf("go build: %v: %s", berr, out)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tf-capture tests:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// runTF runs the binary with stdin (nil = /dev/null) and a time bound.
func runTF(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	r := clitest.ExecInput(t, tfBinary, stdin, args...)
	return result{stdout: r.Stdout, stderr: r.Stderr, code: r.Code}
}

func fixture(name string) string { return filepath.Join("..", "..", "testdata", "capture", name) }

// TestUsageErrorsOnEveryCommand tries a bad flag on every command and a
// bad format wherever there is -f, through the built binary.
func TestUsageErrorsOnEveryCommand(t *testing.T) {
	clitest.CheckUsageErrors(t, tfBinary, capturecli.NewApp(capturecli.Helper{}, nil), 5)
	// -f is --format everywhere: at the root (which prints packets) it is
	// no flag at all.
	clitest.CheckUsage(t, "tf-capture", []string{"-r", "x.pcap", "-f", "udp"}, clitest.Exec(t, tfBinary, "-r", "x.pcap", "-f", "udp"), "-f")
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"why"},
		{"why", "--from", fixture("pod-error.json"), "-f", "yaml"},
		{"why", "a", "b"},
		{"why", "-", "--from-json", fixture("pod-error.json")},
		{"--bogus-flag"},
		{"--pid", "999999999", "-c", "1"},
		{"--netns", "/nonexistent/netns"},
		{"--pid", "1", "--exec"},
		{"why", "--from", "/nonexistent.json"},
		{"why", "x", "--bogus"},
		{"links", "x", "--bogus"},
		{"links", "x", "-f", "yaml"},
		{"--engine-timeout", "never", "x"},
		{"-r", fixture("overlay.pcap"), "--duration", "soon"},
	} {
		r := runTF(t, nil, args...)
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, "tf-capture: ") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("tf-capture %s: code %d, stdout %q, stderr %q; want 2, nothing, one error line", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
}

func TestWhyFromKubectlJSON(t *testing.T) {
	r := runTF(t, nil, "why", "--from-json", fixture("pod-oomkilled.json"), "-f", "text")
	if r.code != 1 || !strings.Contains(r.stdout, "container collector (kubernetes, pod tungsten/contrail-analytics-7d9f") ||
		!strings.Contains(r.stdout, "state:       waiting (CrashLoopBackOff)") ||
		!strings.Contains(r.stdout, "last exit:   137 (SIGKILL)\n") || !strings.Contains(r.stdout, "raise the memory limit") {
		t.Errorf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The same JSON on stdin ("-"), one pod picked out of a List; the
	// engine that does not answer is a warning, the JSON answers.
	list, err := os.ReadFile(fixture("pods-list.json"))
	if err != nil {
		t.Fatal(err)
	}
	r = runTF(t, list, "why", "rabbitmq-0", "-", "-n", "tungsten", "-f", "json", "--engine", "containerd", "--containerd-address", "/nonexistent.sock")
	if r.code != 1 || !strings.Contains(r.stdout, `"signal": "SIGTERM"`) || strings.Contains(r.stdout, "webui") || !strings.Contains(r.stderr, "showing the kubectl JSON only") {
		t.Errorf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runTF(t, nil, "why", "--from", fixture("pod-completed.json"))
	if r.code != 0 || !strings.Contains(r.stdout, "exited normally") {
		t.Errorf("completed: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Waiting reasons come first; a graceful stop alone exits 0.
	r = runTF(t, nil, "why", "--from-json", fixture("pods-waiting.json"), "api-0")
	if r.code != 1 || !strings.Contains(r.stdout, "waiting (CreateContainerConfigError)") || !strings.Contains(r.stdout, `secret "api-creds" not found`) {
		t.Errorf("waiting: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runTF(t, nil, "why", "--from-json", fixture("pods-waiting.json"), "stopped-0", "--engine", "containerd", "--containerd-address", "/nonexistent.sock")
	if r.code != 0 || !strings.Contains(r.stdout, "stopped") || !strings.Contains(r.stdout, "143 (SIGTERM)") {
		t.Errorf("graceful stop: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestWhyReadsStdinOnlyWhenAsked: kubectl JSON comes from stdin only with
// "-" (or --from-json -). A shell loop reading names from its stdin keeps
// every line, and an open pipe with nothing in it does not block.
func TestWhyReadsStdinOnlyWhenAsked(t *testing.T) {
	loop := `while read c; do "$TF" why --from-json "$F" "$c" >/dev/null 2>&1; echo "done $c"; done`
	cmd := exec.Command("sh", "-c", loop)
	cmd.Env = append(os.Environ(), "TF="+tfBinary, "F="+fixture("pods-list.json"))
	cmd.Stdin = strings.NewReader("webui-0\nrabbitmq-0\nevicted-x\n")
	out, err := cmd.Output()
	if err != nil || string(out) != "done webui-0\ndone rabbitmq-0\ndone evicted-x\n" {
		t.Errorf("loop: %v, output %q: why must not read the loop's stdin", err, out)
	}
	// stdin an open pipe that never ends: why answers from the file.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	c := exec.Command(tfBinary, "why", "--from-json", fixture("pod-completed.json"))
	c.Stdin = pr
	done := make(chan error, 1)
	go func() { done <- c.Run() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("why with an open pipe on stdin: %v", err)
		}
	case <-time.After(20 * time.Second):
		c.Process.Kill()
		t.Error("why blocked on an open pipe it was not asked to read")
	}
	pr.Close()
}

// interrupt sends SIGINT to a running tf-capture and returns its result.
func interrupt(t *testing.T, cmd *exec.Cmd, out, errb *testwait.Buffer) result {
	t.Helper()
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		r := result{stdout: out.String(), stderr: errb.String()}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			r.code = ee.ExitCode()
		}
		return r
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("tf-capture did not stop on SIGINT")
	}
	return result{}
}

func TestNonRootGetsPermissionErrors(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run the binary as another user")
	}
	for _, args := range [][]string{{"--pid", "1", "-i", "lo"}, {"--netns", "/proc/1/ns/net", "--exec", "--", "true"}} {
		cmd := exec.Command(tfBinary, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 || out.Len() != 0 || !strings.Contains(errb.String(), "permission denied: run as root") {
			t.Errorf("tf-capture %s as nobody: %v, stdout %q, stderr %q", strings.Join(args, " "), err, out.String(), errb.String())
		}
	}
}

func TestReadPcapFileDecodesOverlays(t *testing.T) {
	t.Setenv("TZ", "UTC") // decoded lines print local time
	r := runTF(t, nil, "-r", fixture("overlay.pcap"), "udp", "port", "6635")
	want := "03:04:05.000000 IP 192.0.2.1.51000 > 192.0.2.2.6635: MPLSoUDP label 18: IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64\n" +
		"03:04:05.003000 IP 192.0.2.1.51000 > 192.0.2.2.6635: MPLSoUDP label 30, cw: 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ARP, Request who-has 10.47.255.250 tell 10.47.255.249, length 46\n"
	if r.code != 0 || r.stdout != want || !strings.HasSuffix(r.stderr, "2 packets read\n") {
		t.Errorf("code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	// Flags may follow the filter words, as with tcpdump.
	if again := runTF(t, nil, "-r", fixture("overlay.pcap"), "udp", "port", "6635", "-q"); again.code != 0 || again.stdout != want || again.stderr != "" {
		t.Errorf("flags after the filter: code %d\n%s%s", again.code, again.stdout, again.stderr)
	}
	// --duration takes seconds like every time flag.
	if again := runTF(t, nil, "-r", fixture("overlay.pcap"), "--duration", "5", "-q", "udp", "port", "6635"); again.code != 0 || again.stdout != want {
		t.Errorf("--duration 5: code %d\n%s%s", again.code, again.stdout, again.stderr)
	}
	r = runTF(t, nil, "-r", fixture("overlay.pcap"), "-c", "3", "-q")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 3 || !strings.Contains(r.stdout, "MPLSoGRE label 16/21") || !strings.Contains(r.stdout, "VXLAN vni 5") {
		t.Errorf("-c 3: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runTF(t, nil, "-r", fixture("pod-error.json"))
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "give a pcap file") {
		t.Errorf("not a pcap: code %d stderr %q", r.code, r.stderr)
	}
}
