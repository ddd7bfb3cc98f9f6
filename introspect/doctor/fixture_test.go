package doctor_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
	"github.com/tfkit/tfkit/refnode/topo"
)

// testTimeout is doctor's per-request timeout in the tests.
const testTimeout = 2 * time.Second

// sentLog records every request any doctor run of the tests sent, at the
// transport (continuations and prefetches included).
var sentLog struct {
	sync.Mutex
	urls []string
}

type logTransport struct{ next http.RoundTripper }

func (l logTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	sentLog.Lock()
	sentLog.urls = append(sentLog.urls, r.URL.String())
	sentLog.Unlock()
	return l.next.RoundTrip(r)
}

// fixture is a refnode cluster and how doctor reaches it.
type fixture struct {
	t         *testing.T
	top       *topo.Topology
	c         *cluster.Cluster
	hostsFile string
}

// startCluster runs the default topology (3 controls, 2 vRouters, one pod
// each) on 127.0.<ctl>.x and 127.0.<vr>.x, edited by edit (nil: none).
func startCluster(t *testing.T, ctl, vr int, edit func(string) string) *fixture {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a refnode cluster: skipped with -short")
	}
	top := clustertest.Topology(t, ctl, vr, edit)
	return &fixture{t: t, top: top, c: clustertest.Start(t, top, cluster.Options{})}
}

// startYAML runs a topology written by the test.
func startYAML(t *testing.T, yaml string) *fixture {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a refnode cluster: skipped with -short")
	}
	if os.Geteuid() != 0 {
		yaml = strings.Replace(yaml, "bgp: 179,", "bgp: 1179,", 1)
	}
	top, err := topo.Parse([]byte(yaml), t.Name())
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, top: top, c: clustertest.Start(t, top, cluster.Options{})}
}

// config is doctor's configuration for the cluster: start from
// control-1, the cluster's ports, the tests' timeout, every request
// logged.
func (f *fixture) config() doctor.Config {
	p := f.top.Cluster.Ports
	return doctor.Config{
		Collect: collect.Options{
			Client: client.Config{Timeout: testTimeout, WrapTransport: func(rt http.RoundTripper) http.RoundTripper { return logTransport{rt} }},
			Ports:  map[string]int{"ctr": p.ControlIntrospect, "vr": p.AgentIntrospect},
		},
		Hosts:     []string{f.top.Controls[0].Address},
		HostsFile: f.hostsFile,
	}
}

// run runs doctor once.
func (f *fixture) run() *doctor.Report {
	f.t.Helper()
	rep, err := doctor.Run(context.Background(), f.config())
	if err != nil {
		f.t.Fatalf("doctor: %v", err)
	}
	return rep
}

// writeHosts writes a hosts file for the next runs.
func (f *fixture) writeHosts(lines ...string) {
	f.hostsFile = filepath.Join(f.t.TempDir(), "hosts")
	if err := os.WriteFile(f.hostsFile, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// healthy waits until doctor finds nothing (the cluster converged).
func (f *fixture) healthy() *doctor.Report {
	f.t.Helper()
	var rep *doctor.Report
	testwait.Until(f.t, "zero findings on the healthy cluster", 30*time.Second, func() error {
		rep = f.run()
		if len(rep.Findings) > 0 {
			return fmt.Errorf("%d findings, first: %s %s %s", len(rep.Findings), rep.Findings[0].Node, rep.Findings[0].Check, rep.Findings[0].What)
		}
		return nil
	})
	return rep
}

// want describes a finding a fault must produce.
type want struct {
	node, check string
	severity    doctor.Severity
	next        string   // the first next command, exactly
	what        []string // substrings of What
	cause       string   // substring of Cause ("" any)
}

func (w want) match(fd doctor.Finding) bool {
	if fd.Node != w.node || fd.Check != w.check {
		return false
	}
	for _, s := range w.what {
		if !strings.Contains(fd.What, s) {
			return false
		}
	}
	return true
}

// expect waits until doctor reports every wanted finding, then checks
// each one's severity, first next command and cause, and that every
// finding is whole (evidence with a URL, a cause, next commands, no
// template left).
func (f *fixture) expect(ws ...want) *doctor.Report { return f.await(false, ws) }

// expectOnly is expect, waiting until the wanted findings are the only
// ones (a cluster still converging has transient others).
func (f *fixture) expectOnly(ws ...want) *doctor.Report { return f.await(true, ws) }

func (f *fixture) await(only bool, ws []want) *doctor.Report {
	f.t.Helper()
	var rep *doctor.Report
	testwait.Until(f.t, "the findings of the fault", 30*time.Second, func() error {
		rep = f.run()
		for _, w := range ws {
			if !slices.ContainsFunc(rep.Findings, w.match) {
				return fmt.Errorf("no %s finding on %s matching %q in:\n%s", w.check, w.node, w.what, list(rep))
			}
		}
		if only && len(rep.Findings) != len(ws) {
			return fmt.Errorf("want only %d findings, got:\n%s", len(ws), list(rep))
		}
		return nil
	})
	for _, w := range ws {
		i := slices.IndexFunc(rep.Findings, w.match)
		fd := rep.Findings[i]
		if fd.Severity != w.severity {
			f.t.Errorf("%s on %s: severity %s, want %s", w.check, w.node, fd.Severity, w.severity)
		}
		if len(fd.Next) == 0 || fd.Next[0] != w.next {
			f.t.Errorf("%s on %s: next %q, want %q first", w.check, w.node, fd.Next, w.next)
		}
		if !strings.Contains(fd.Cause, w.cause) {
			f.t.Errorf("%s on %s: cause %q, want it to say %q", w.check, w.node, fd.Cause, w.cause)
		}
	}
	for _, fd := range rep.Findings {
		whole(f.t, fd)
	}
	return rep
}

// whole checks that a finding carries everything an operator needs.
func whole(t *testing.T, fd doctor.Finding) {
	t.Helper()
	if len(fd.Evidence) == 0 || fd.Evidence[0].URL == "" || !strings.Contains(fd.Evidence[0].URL, "/Snh_") {
		t.Errorf("%s on %s: evidence %+v, want a value and an introspect URL", fd.Check, fd.Node, fd.Evidence)
	}
	if fd.Cause == "" || len(fd.Next) == 0 || fd.What == "" || fd.Host == "" || fd.Role == "" {
		t.Errorf("%s on %s: incomplete %+v", fd.Check, fd.Node, fd)
	}
	for _, s := range append([]string{fd.What, fd.Cause}, fd.Next...) {
		if strings.ContainsAny(s, "{}") {
			t.Errorf("%s on %s: template left in %q", fd.Check, fd.Node, s)
		}
	}
}

func list(rep *doctor.Report) string {
	var b strings.Builder
	for _, fd := range rep.Findings {
		fmt.Fprintf(&b, "  %s %s %s: %s\n", fd.Severity, fd.Node, fd.Check, fd.What)
	}
	return b.String()
}

// host is where a node's introspect answers, as doctor's next commands
// write it.
func (f *fixture) host(node string) string {
	if c := f.top.Control(node); c != nil {
		return fmt.Sprintf("%s:%d", c.Address, f.top.Cluster.Ports.ControlIntrospect)
	}
	return fmt.Sprintf("%s:%d", f.top.VRouter(node).Address, f.top.Cluster.Ports.AgentIntrospect)
}

// sentRequests returns the request names sent by every doctor run so far
// and the URLs that are not on the read-only allowlist.
func sentRequests(from int) (map[string]int, []string) {
	sentLog.Lock()
	defer sentLog.Unlock()
	out := map[string]int{}
	var refused []string
	for _, u := range sentLog.urls[from:] {
		path := u[strings.Index(u[len("http://"):], "/")+len("http://")+1:]
		if err := readonly.Check(path); err != nil {
			refused = append(refused, u+": "+err.Error())
		}
		out[readonly.Name(path)]++
	}
	return out, refused
}

// TestMain checks, after every test ran, that each request any doctor
// run sent is on the read-only allowlist.
func TestMain(m *testing.M) {
	code := m.Run()
	if _, refused := sentRequests(0); len(refused) > 0 {
		fmt.Fprintf(os.Stderr, "doctor sent requests outside the read-only allowlist:\n%s\n", strings.Join(refused, "\n"))
		code = 1
	}
	os.Exit(code)
}

// TestOnlyReadOnlyRequests: on a healthy cluster doctor sends exactly the
// requests its checks need, all on the read-only allowlist (TestMain
// checks the allowlist for every run of every test too).
func TestOnlyReadOnlyRequests(t *testing.T) {
	f := startCluster(t, 198, 199, nil)
	f.healthy()
	sentLog.Lock()
	from := len(sentLog.urls) // this test's own runs only
	sentLog.Unlock()
	f.healthy()
	got, refused := sentRequests(from)
	for _, r := range refused {
		t.Error(r)
	}
	for _, r := range []string{"BgpNeighborReq", "SandeshUVECacheReq", "ShowRouteSummaryReq", "AgentXmppConnectionStatusReq", "AgentDnsXmppConnectionStatusReq", "ItfReq", "ShowRouteReq"} {
		if got[r] == 0 {
			t.Errorf("%s never sent (sent: %v)", r, got)
		}
		delete(got, r)
	}
	if len(got) > 0 {
		t.Errorf("unexpected requests sent: %v", got)
	}
}
