package bundle_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/bundle"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

var ist string

func TestMain(m *testing.M) { clitest.Main(m, "github.com/tfkit/tfkit/cmd/ist", &ist) }

// lineOf is the ist command line of a catalogue variant: its role and
// words, then each parameter that differs from the default (a required
// positional always).
func lineOf(role string, v catalog.Variant) []string {
	args := append([]string{role}, v.Command.Words...)
	def := v.Command.Defaults()
	for _, p := range v.Command.Params {
		val := v.Input[p.Name]
		if val == "" || (val == def[p.Name] && !p.Required) {
			continue
		}
		switch {
		case p.Positional:
			args = append(args, val)
		case p.Bool:
			args = append(args, "--"+p.Name)
		default:
			args = append(args, "--"+p.Name, val)
		}
	}
	return args
}

// ages are route ages and the times derived from the moment of printing.
var ages = regexp.MustCompile(`age: [0-9:.]+`)

// digits masks every number (counters, times, loads of live daemons).
var digits = regexp.MustCompile(`[0-9]+`)

// volatile are the commands whose numbers change from one second to the
// next on a live daemon (CPU, counters, trace buffers, keep-alives): their
// replay is compared with the numbers masked.
var volatile = regexp.MustCompile(`^(\S+ (cpu|status|trace|uve|stats)|ctr (bgp_stats|xmpp|nei|ifmap cm|ifmap client|rt|route summary|ri)|vr (xmpp|stats|service|vrf|intf|kintf|vn|nh|mpls|route)|nodemgr_\S+ status)`)

// TestReplayEveryCommand writes a bundle of the default cluster with the
// built ist, then runs every catalogue command line of every role the
// cluster serves (each variant, each VRF's routes, each trace buffer,
// UVE type, IFMap table and client, multicast tree the bundle lists)
// live and replayed from the bundle: the replay prints what the live
// command printed (stdout and exit code), route ages aside; commands
// whose numbers move every second are compared with numbers masked, the
// others byte for byte with the live output taken just before or just
// after the bundle.
func TestReplayEveryCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := clustertest.Topology(t, 161, 162, nil)
	clustertest.Start(t, top, cluster.Options{})
	ctl, vr1 := top.Controls[0].Address, top.VRouters[0].Address
	run := func(args ...string) clitest.Result {
		return clitest.Exec(t, ist, append([]string{"--timeout", "5"}, args...)...)
	}
	testwait.Until(t, "the cluster converged and the service chain Active", 60*time.Second, func() error {
		if r := run("--host", ctl, "ctr", "sc", "-f", "text"); !strings.Contains(r.Stdout, "state: Active") {
			return fmt.Errorf("ctr sc: %s%s", r.Stdout, r.Stderr)
		}
		if r := run("--host", vr1, "vr", "xmpp"); strings.Count(r.Stdout, "Established") != 2 {
			return fmt.Errorf("vr xmpp: %s", r.Stdout)
		}
		return nil
	})
	type cmdLine struct {
		host, role string
		args       []string
	}
	var lines []cmdLine
	hosts := map[string]string{"ctr": ctl, "dns": ctl, "nodemgr_ctr": ctl, "vr": vr1, "nodemgr_vr": vr1}
	for role, host := range hosts {
		for _, c := range catalog.ForRole(role) {
			for _, v := range c.Variants() {
				lines = append(lines, cmdLine{host, role, lineOf(role, v)})
			}
		}
	}
	out := filepath.Join(t.TempDir(), "b.tar.gz")
	live1 := map[int]clitest.Result{}
	for i, l := range lines {
		live1[i] = run(append([]string{"--host", l.host}, l.args...)...)
	}
	r := run("--host", ctl, "bundle", "-o", out)
	if r.Code != 0 {
		t.Fatalf("ist bundle: exit %d: %s%s", r.Code, r.Stdout, r.Stderr)
	}
	if !strings.Contains(r.Stdout, "vRouter tables: all") {
		t.Errorf("summary:\n%s", r.Stdout)
	}
	b, err := bundle.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// The detail pages the bundle lists: each is one more command line.
	for _, n := range b.Manifest.Nodes {
		if n.Address != ctl && n.Address != vr1 {
			continue
		}
		for _, q := range n.Requests {
			if extra := detailLine(n.Role, q.Path); extra != nil {
				lines = append(lines, cmdLine{n.Address, n.Role, extra})
			}
		}
	}
	checked := 0
	for i, l := range lines {
		args := append([]string{"--host", l.host}, l.args...)
		name := strings.Join(l.args, " ")
		live2 := run(args...)
		rep := run(append([]string{"--bundle", out}, args...)...)
		before, ok := live1[i]
		if !ok {
			before = live2
		}
		same := func(a, b clitest.Result, mask bool) bool {
			x, y := ages.ReplaceAllString(a.Stdout, "age: -"), ages.ReplaceAllString(b.Stdout, "age: -")
			if mask {
				x, y = digits.ReplaceAllString(x, "N"), digits.ReplaceAllString(y, "N")
			}
			return a.Code == b.Code && x == y
		}
		switch {
		case same(rep, before, false), same(rep, live2, false):
		case volatile.MatchString(name) && (same(rep, before, true) || same(rep, live2, true)):
		default:
			t.Errorf("ist %s: replay (exit %d) differs from live (exit %d, %d):\n--- replay\n%s%s--- live\n%s%s", name, rep.Code, before.Code, live2.Code, rep.Stdout, rep.Stderr, live2.Stdout, live2.Stderr)
			continue
		}
		if rep.Code != 0 && !strings.Contains(rep.Stderr, "IFMapPeerServerInfoReq") {
			t.Errorf("ist %s: exit %d both live and replayed: %s", name, rep.Code, rep.Stderr)
		}
		checked++
	}
	if checked < 150 {
		t.Errorf("only %d command lines checked", checked)
	}
	t.Logf("%d command lines replayed", checked)
	// A value the bundle did not collect: one line naming the request, exit 2.
	r = run("--bundle", out, "--host", vr1, "vr", "intf", "-n", "nope")
	if r.Code != bundle.ExitNotCollected || r.Stdout != "" || strings.Count(r.Stderr, "\n") != 1 ||
		!strings.Contains(r.Stderr, "did not collect Snh_ItfReq?name=nope") {
		t.Errorf("not collected: exit %d, stdout %q, stderr %q", r.Code, r.Stdout, r.Stderr)
	}
	r = run("--bundle", out, "--host", "127.9.9.9", "vr", "intf")
	if r.Code != 2 || !strings.Contains(r.Stderr, "holds no node at 127.9.9.9:8085") {
		t.Errorf("unknown node: exit %d, stderr %q", r.Code, r.Stderr)
	}
	// Doctor runs again on the saved answers: a healthy cluster, no findings.
	r = run("--bundle", out, "--host", ctl, "doctor")
	if r.Code != 0 || !strings.Contains(r.Stdout, "Findings:       none") {
		t.Errorf("doctor on the bundle: exit %d:\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}

// detailLine is the command line of a page a bundle asked because a
// listing named it (nil for the others).
func detailLine(role, path string) []string {
	name, query, _ := strings.Cut(strings.TrimPrefix(path, "Snh_"), "?")
	arg := func(k string) string {
		for _, kv := range strings.Split(query, "&") {
			if a, b, _ := strings.Cut(kv, "="); a == k {
				return b
			}
		}
		return ""
	}
	switch {
	case name == "SandeshTraceRequest":
		return []string{role, "trace", arg("x")}
	case name == "SandeshUVECacheReq" && arg("x") != "":
		return []string{role, "uve", arg("x")}
	case name == "IFMapTableShowReq" && arg("table_name") != "":
		return []string{role, "ifmap", "table", arg("table_name")}
	case name == "IFMapPerClientNodesShowReq":
		return []string{role, "ifmap", "client", arg("client_index_or_name")}
	case name == "IFMapPerClientLinksShowReq":
		return []string{role, "ifmap", "client", arg("client_index_or_name"), "-t", "link"}
	case name == "ShowMulticastManagerDetailReq":
		return []string{role, "mcast", "tree", "-t", arg("x")}
	case name == "Inet4UcRouteReq" && arg("vrf_index") != "0":
		return []string{role, "route", "-v", arg("vrf_index")}
	case name == "EvpnRouteReq" && arg("vrf_index") != "0":
		return []string{role, "route", "-v", arg("vrf_index"), "-f", "evpn"}
	case name == "KRouteReq" && arg("vrf_id") != "0":
		return []string{role, "kroute", "-v", arg("vrf_id"), "--family", arg("family")}
	}
	return nil
}
