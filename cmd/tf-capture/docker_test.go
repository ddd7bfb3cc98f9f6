package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/exitinfo"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/netdebug"
)

const testprogPkg = "./netdebug/testprog"

var (
	imageOnce sync.Once
	imageRef  string
	imageErr  error
)

// dockerWithImage opens Docker (a failure in CI, a skip with
// TFKIT_SKIP_ENGINE_TESTS=1) and loads the scratch test image once.
func dockerWithImage(t *testing.T) (*engine.Docker, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to enter namespaces and capture (CI runs as root)")
	}
	d := enginetest.Docker(t)
	imageOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		imageRef, imageErr = enginetest.LoadBinaryImage(ctx, d, testprogPkg, "tfcap-testprog:latest")
	})
	if imageErr != nil {
		t.Fatalf("scratch test image: %v", imageErr)
	}
	return d, imageRef
}

// runContainer starts the test program with args in a private network
// namespace (loopback only) and removes it when the test ends.
func runContainer(t *testing.T, d *engine.Docker, image, name string, labels map[string]string, args ...string) string {
	t.Helper()
	return runSpec(t, d, engine.RunSpec{Name: name, Image: image, Args: args, Labels: labels, Network: "none"})
}

// runSpec starts a container and removes it when the test ends.
func runSpec(t *testing.T, d *engine.Docker, spec engine.RunSpec) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d.Remove(ctx, spec.Name)
	id, err := d.Run(ctx, spec)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		d.Remove(ctx, spec.Name)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func uniq(what string) string { return fmt.Sprintf("tfkit-capture-%d-%s", os.Getpid(), what) }

var udpLine = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{6} IP 127\.0\.0\.1\.\d+ > 127\.0\.0\.1\.(\d+): UDP, length \d+$`)

// checkUDPLines checks n decoded lines of datagrams to port.
func checkUDPLines(t *testing.T, out string, n int, port string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != n {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), n, out)
	}
	for _, ln := range lines {
		m := udpLine.FindStringSubmatch(ln)
		if m == nil || m[1] != port {
			t.Errorf("line %q: want a UDP datagram to 127.0.0.1.%s", ln, port)
		}
	}
}

func TestCaptureInDockerContainerByName(t *testing.T) {
	d, image := dockerWithImage(t)
	name := uniq("udp")
	id := runContainer(t, d, image, name, nil, "-udp", "127.0.0.1:9999", "-every", "20ms")

	r := runTF(t, nil, name, "-i", "lo", "-c", "3", "udp", "port", "9999")
	if r.code != 0 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	checkUDPLines(t, r.stdout, 3, "9999")
	if !strings.Contains(r.stderr, "3 packets captured") || !strings.Contains(r.stderr, "packets dropped by kernel") || !strings.Contains(r.stderr, "container docker "+name) {
		t.Errorf("stderr:\n%s", r.stderr)
	}

	// By id prefix, into a pcap file, read back with pcapgo.
	path := filepath.Join(t.TempDir(), "c.pcap")
	r = runTF(t, nil, id[:10], "-i", "lo", "-c", "4", "--filter", "udp dst port 9999", "-w", path, "-q")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("-w -q: code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if got := pcapPayloads(t, path); len(got) != 4 || !strings.HasPrefix(got[0], "tfcap-") {
		t.Errorf("pcap payloads %q", got)
	}

	// --duration ends a capture that has no count.
	start := time.Now()
	r = runTF(t, nil, name, "-i", "lo", "--duration", "1s", "-w", path, "-q", "udp")
	if took := time.Since(start); r.code != 0 || took > 15*time.Second {
		t.Errorf("--duration 1s: code %d after %v: %s", r.code, took, r.stderr)
	}
	if got := pcapPayloads(t, path); len(got) < 10 {
		t.Errorf("--duration 1s at one datagram per 20 ms: %d packets in the file", len(got))
	}

	// -w - streams pcap on stdout.
	r = runTF(t, nil, name, "-i", "lo", "-c", "2", "-w", "-", "udp")
	rd, err := pcapgo.NewReader(strings.NewReader(r.stdout))
	if r.code != 0 || err != nil {
		t.Fatalf("-w -: code %d, %v", r.code, err)
	}
	for i := 0; i < 2; i++ {
		if _, _, err := rd.ReadPacketData(); err != nil {
			t.Errorf("streamed record %d: %v", i, err)
		}
	}
}

// pcapPayloads reads a pcap file back and returns the UDP payloads.
func pcapPayloads(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for {
		data, _, err := rd.ReadPacketData()
		if err != nil {
			return out
		}
		if app := gopacket.NewPacket(data, rd.LinkType(), gopacket.Default).ApplicationLayer(); app != nil {
			out = append(out, string(app.Payload()))
		}
	}
}

func TestCaptureSIGINTFinishesPcapFile(t *testing.T) {
	d, image := dockerWithImage(t)
	name := uniq("sigint")
	runContainer(t, d, image, name, nil, "-udp", "127.0.0.1:9999", "-every", "5ms")
	path := filepath.Join(t.TempDir(), "int.pcap")
	cmd := exec.Command(tfBinary, name, "-i", "lo", "-w", path, "udp")
	var out, errb testwait.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The file is there under its final name from the start, header first.
	testwait.For(t, "records in "+path, 20*time.Second, func() bool {
		n, _ := pcapRecords(t, path)
		return n >= 10
	})
	r := interrupt(t, cmd, &out, &errb)
	m := regexp.MustCompile(`(\d+) packets captured`).FindStringSubmatch(r.stderr)
	if r.code != 0 || m == nil {
		t.Fatalf("code %d stderr %s", r.code, r.stderr)
	}
	n, _ := strconv.Atoi(m[1])
	got := pcapPayloads(t, path)
	if n < 10 || len(got) != n {
		t.Errorf("summary says %d packets, the file holds %d", n, len(got))
	}
	if left, _ := os.ReadDir(filepath.Dir(path)); len(left) != 1 {
		t.Errorf("files beside the capture: %v", left)
	}
}

func TestCapturePodUsesSandboxNetns(t *testing.T) {
	d, image := dockerWithImage(t)
	pod, ns := uniq("pod"), "tfkit-capture-test"
	labels := func(kind, cname string) map[string]string {
		return map[string]string{engine.LabelPodName: pod, engine.LabelPodNamespace: ns, engine.LabelDockerType: kind, engine.LabelContainerName: cname}
	}
	// Two namespaces here (RunSpec allows only none/host): the sandbox's
	// traffic goes to 7001, the app container's to 7002; a capture of the
	// pod must be in the sandbox's.
	runContainer(t, d, image, "k8s_POD_"+pod, labels("podsandbox", "POD"), "-udp", "127.0.0.1:7001", "-every", "20ms")
	app := labels("container", "app")
	app["annotation.io.kubernetes.container.restartCount"] = "5" // dockershim keeps kubelet's count here
	runContainer(t, d, image, "k8s_app_"+pod, app, "-udp", "127.0.0.1:7002", "-every", "20ms")

	r := runTF(t, nil, pod, "-n", ns, "-i", "lo", "-c", "3", "udp")
	if r.code != 0 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	checkUDPLines(t, r.stdout, 3, "7001")
	if !strings.Contains(r.stderr, "pod "+ns+"/"+pod+" (sandbox") {
		t.Errorf("stderr: %s", r.stderr)
	}

	// why on the pod reports its app containers, not the sandbox.
	r = runTF(t, nil, "why", pod, "-n", ns, "-f", "json")
	var reps []exitinfo.Report
	if err := json.Unmarshal([]byte(r.stdout), &reps); err != nil || r.code != 0 || len(reps) != 1 ||
		reps[0].Container != "app" || reps[0].Pod != pod || reps[0].State != "running" || reps[0].Terminated || reps[0].Verdict != exitinfo.VerdictRunning || reps[0].Restarts != 5 {
		t.Errorf("why pod: code %d %v %+v %s", r.code, err, reps, r.stderr)
	}

	r = runTF(t, nil, pod, "-i", "lo", "-c", "1")
	if r.code != 2 || !strings.Contains(r.stderr, "use -n with one of: "+ns) || r.stdout != "" {
		t.Errorf("wrong namespace: code %d stderr %q", r.code, r.stderr)
	}
	r = runTF(t, nil, uniq("nosuchpod"), "-c", "1")
	if r.code != 2 || !strings.Contains(r.stderr, "no pod or container named") || !strings.Contains(r.stderr, "pod "+ns+"/"+pod) {
		t.Errorf("unknown name: code %d stderr %q", r.code, r.stderr)
	}
	r = runTF(t, nil, pod, "-n", ns, "-i", "eth0", "-c", "1")
	if r.code != 2 || !strings.Contains(r.stderr, "no interface eth0 in the namespace: use -i with one of: any, lo") {
		t.Errorf("missing interface: code %d stderr %q", r.code, r.stderr)
	}
	r = runTF(t, nil, pod, "-n", ns, "-i", "lo", "udp", "port", "seven")
	if r.code != 2 || !strings.Contains(r.stderr, "bad BPF filter") {
		t.Errorf("bad filter: code %d stderr %q", r.code, r.stderr)
	}
}

func TestExecInContainerNetns(t *testing.T) {
	d, image := dockerWithImage(t)
	name := uniq("exec")
	runContainer(t, d, image, name, nil)
	r := runTF(t, nil, name, "--exec", "--", "ip", "-o", "link", "show")
	if r.code != 0 || !strings.Contains(r.stdout, ": lo:") || strings.Contains(r.stdout, "docker0") || strings.Count(strings.TrimSpace(r.stdout), "\n") != 0 {
		t.Errorf("code %d: the container (--network none) should show only lo:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runTF(t, []byte("from stdin\n"), name, "--exec", "--", "sh", "-c", "cat; exit 3")
	if r.code != 3 || r.stdout != "from stdin\n" {
		t.Errorf("exit code / stdin pass-through: code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

// waitExited polls until the container has stopped.
func waitExited(t *testing.T, d *engine.Docker, name string) engine.Container {
	t.Helper()
	var c engine.Container
	testwait.Until(t, name+" to exit", 60*time.Second, func() error {
		var err error
		if c, err = d.Get(context.Background(), name); err != nil {
			return err
		}
		if c.State != engine.StateExited && c.State != engine.StateDead {
			return fmt.Errorf("state %s", c.State)
		}
		return nil
	})
	return c
}

// hasChild reports whether a process has a child (scanning /proc: the
// children file needs a kernel option).
func hasChild(pid int) bool {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so split after ')'.
		if i := bytes.LastIndexByte(b, ')'); i >= 0 {
			if fs := strings.Fields(string(b[i+1:])); len(fs) > 1 && fs[1] == strconv.Itoa(pid) {
				return true
			}
		}
	}
	return false
}

// whyCase is one container why is asked about and what it must answer.
type whyCase struct {
	what, name string
	code       int // -1: no exit code recorded
	verdict    string
	oom        bool
	signal     string
	meaning    string
}

// whyJSON runs why on one container and checks its report and exit
// status (0 exactly when the verdict is not abnormal).
func whyJSON(t *testing.T, c whyCase, extra ...string) exitinfo.Report {
	t.Helper()
	r := runTF(t, nil, append([]string{"why", c.name, "-f", "json"}, extra...)...)
	var reps []exitinfo.Report
	if err := json.Unmarshal([]byte(r.stdout), &reps); err != nil || len(reps) != 1 {
		t.Errorf("%s: %v, code %d, %s%s", c.what, err, r.code, r.stdout, r.stderr)
		return exitinfo.Report{}
	}
	rep := reps[0]
	wantCode := 0
	if rep.Abnormal() {
		wantCode = 1
	}
	sig := ""
	if rep.Explanation != nil {
		sig = rep.Explanation.Signal
	}
	if r.code != wantCode || rep.Code() != c.code || rep.Verdict != c.verdict || rep.OOMKilled != c.oom || sig != c.signal ||
		rep.Explanation == nil || !strings.Contains(rep.Explanation.Meaning, c.meaning) {
		t.Errorf("%s: exit %d, report %+v, explanation %+v", c.what, r.code, rep, rep.Explanation)
	}
	return rep
}

// startFailureImages loads two images the runtime cannot start: one whose
// entrypoint does not exist (127) and one whose entrypoint is not
// executable (126).
func startFailureImages(t *testing.T, rt engine.Runtime) (missing, notExec string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bin, err := enginetest.StaticBinary(testprogPkg)
	if err != nil {
		t.Fatal(err)
	}
	f, err := engine.ImageFileFrom(bin, "/testprog", 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if missing, err = engine.LoadScratchImage(ctx, rt, engine.ScratchImage{Ref: "tfkit-capture-nocmd:latest", Files: []engine.ImageFile{f}, Entrypoint: []string{"/nonexistent"}}); err != nil {
		t.Fatal(err)
	}
	if notExec, err = engine.LoadScratchImage(ctx, rt, engine.ScratchImage{Ref: "tfkit-capture-noexec:latest", Files: []engine.ImageFile{f}, Entrypoint: []string{"/testprog"}}); err != nil {
		t.Fatal(err)
	}
	// Removed after the containers made from them (cleanups run last first).
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		rt.RemoveImage(ctx, missing)
		rt.RemoveImage(ctx, notExec)
	})
	return missing, notExec
}

func TestWhyOnDockerExits(t *testing.T) {
	d, image := dockerWithImage(t)
	ctx := context.Background()
	var cases []whyCase
	// mem is the memory limit (0: none); the OOM case gets 32 MiB without
	// swap and allocates until the kernel kills it.
	add := func(c whyCase, mem int64, args ...string) string {
		c.name = uniq("why-" + c.what)
		runSpec(t, d, engine.RunSpec{Name: c.name, Image: image, Args: args, Network: "none", Memory: mem})
		cases = append(cases, c)
		return c.name
	}
	add(whyCase{what: "exit0", verdict: exitinfo.VerdictCompleted, meaning: "exited normally"}, 0, "-exit", "0")
	add(whyCase{what: "exit1", code: 1, verdict: exitinfo.VerdictFailed, meaning: "generic error"}, 0, "-exit", "1")
	killed := add(whyCase{what: "kill", code: 137, verdict: exitinfo.VerdictFailed, signal: "SIGKILL", meaning: "no memory limit: not a cgroup OOM kill"}, 0)
	termed := add(whyCase{what: "term", code: 143, verdict: exitinfo.VerdictStopped, signal: "SIGTERM", meaning: "graceful stop"}, 0, "-init")
	// A Go program as PID 1 without an init cannot die of the SIGTERM
	// docker stop sends: the Go runtime exits 2 instead.
	goPID1 := add(whyCase{what: "gopid1", code: 2, verdict: exitinfo.VerdictFailed, meaning: "PID 1 without an init also exits 2"}, 0)
	// Docker's OOMKilled flag can miss a kill (seen on a fresh engine):
	// the kernel's OOM record is the second witness, so the answer does
	// not depend on the flag.
	oom := add(whyCase{what: "oom", code: 137, verdict: exitinfo.VerdictFailed, oom: true, signal: "SIGKILL", meaning: "OOM killer"}, 32<<20, "-hog")
	testwait.For(t, "-init to start its child", 20*time.Second, func() bool {
		c, err := d.Get(ctx, termed)
		return err == nil && c.Pid > 0 && hasChild(c.Pid)
	})
	if err := d.Kill(ctx, killed, "KILL"); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{termed, goPID1} {
		if err := d.Stop(ctx, n, 20*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		waitExited(t, d, c.name)
		rep := whyJSON(t, c)
		if rep.Source != "docker" || rep.State != "exited" || !rep.Terminated || rep.FinishedAt == nil || rep.Record != "docker inspect" {
			t.Errorf("%s: %+v", c.what, rep)
		}
		if c.what == "gopid1" && !strings.Contains(rep.Explanation.Next, "docker logs --tail 50 "+c.name) {
			t.Errorf("exit 2 must point to the last log lines: %+v", rep.Explanation)
		}
	}
	// Commands the runtime cannot start: Docker leaves the container
	// "created" with its own code and the error text.
	missing, notExec := startFailureImages(t, d)
	for _, c := range []struct {
		whyCase
		image, msg string
	}{
		{whyCase{what: "nocmd", code: 127, verdict: exitinfo.VerdictStartFailed, meaning: "the command was not found (127)"}, missing, "no such file or directory"},
		{whyCase{what: "noexec", code: 126, verdict: exitinfo.VerdictStartFailed, meaning: "cannot be executed (126)"}, notExec, "permission denied"},
	} {
		c.name = uniq("why-" + c.what)
		if _, err := d.Run(ctx, engine.RunSpec{Name: c.name, Image: c.image, Network: "none"}); err == nil {
			t.Errorf("%s started", c.what)
		}
		t.Cleanup(func() { d.Remove(context.Background(), c.name) })
		rep := whyJSON(t, c.whyCase)
		if !rep.StartFailed || rep.State != "created (start failed)" || !strings.Contains(rep.Message, c.msg) || !strings.Contains(rep.Explanation.Next, c.msg) {
			t.Errorf("%s: %+v %+v", c.what, rep, rep.Explanation)
		}
	}
	// The table format names the container and the meaning on one line.
	r := runTF(t, nil, "why", oom)
	if !strings.Contains(r.stdout, oom) || !strings.Contains(r.stdout, "137 (SIGKILL)") || !strings.Contains(r.stdout, "next ("+oom+"): raise the memory limit") || r.code != 1 {
		t.Errorf("table:\n%s", r.stdout)
	}
}

// TestLinksOfDockerContainer lists the interfaces of a container started
// with --network none: loopback only, found by name through Docker.
func TestLinksOfDockerContainer(t *testing.T) {
	d, image := dockerWithImage(t)
	name := uniq("links")
	runContainer(t, d, image, name, nil, "-udp", "127.0.0.1:9997", "-every", "50ms")
	r := runTF(t, nil, "links", name, "-f", "json", "--engine", "docker")
	var links []netdebug.Link
	if err := json.Unmarshal([]byte(r.stdout), &links); err != nil || r.code != 0 {
		t.Fatalf("links: code %d %v: %s%s", r.code, err, r.stdout, r.stderr)
	}
	if len(links) != 1 || links[0].Name != "lo" || len(links[0].Addresses) == 0 || links[0].Addresses[0] != "127.0.0.1/8" {
		t.Errorf("links of a --network none container: %+v", links)
	}
	// --host-side needs a veth: loopback has no host end.
	if r := runTF(t, nil, name, "--host-side", "-i", "lo", "-c", "1", "--engine", "docker"); r.code != 2 ||
		!strings.Contains(r.stderr, "lo is a device interface with no host-side peer") || r.stdout != "" {
		t.Errorf("--host-side on lo: code %d stderr %q", r.code, r.stderr)
	}
	if r := runTF(t, nil, "links", uniq("nosuch"), "--engine", "docker"); r.code != 2 || !strings.Contains(r.stderr, "no pod or container") || r.stdout != "" {
		t.Errorf("unknown name: code %d stderr %q", r.code, r.stderr)
	}
}
