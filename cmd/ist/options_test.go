package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOptionsLikeIstPy: the options scripts give ist.py. The column
// forms all select the same columns (ist.py keeps only the last -c, and
// reads "a,b" as one column that never exists); --max_width 0 is the
// default, as ist.py's "args.max_width or 36"; -f text is taken by the
// text-only commands, where ist.py ignores it.
func TestOptionsLikeIstPy(t *testing.T) {
	ctr := func(f string) string { return filepath.Join("..", "..", "testdata", "ctr", f) }
	same := func(what string, a, b []string) {
		t.Helper()
		x, errA := runIst(t, a...)
		y, errB := runIst(t, b...)
		if errA != nil || errB != nil || x != y || x == "" {
			t.Errorf("%s: ist %s and ist %s differ (%v, %v):\n%s\n---\n%s", what, strings.Join(a, " "), strings.Join(b, " "), errA, errB, x, y)
		}
	}
	nei := []string{"--file", ctr("BgpNeighborReq.xml"), "ctr", "nei"}
	with := func(base []string, more ...string) []string { return append(append([]string{}, base...), more...) }
	same("-c a -c b", with(nei, "-c", "peer", "-c", "state"), with(nei, "-c", "peer", "state"))
	same("-c a,b", with(nei, "-c", "peer,state"), with(nei, "-c", "peer", "state"))
	if out, _ := runIst(t, with(nei, "-c", "peer", "-c", "state")...); !strings.Contains(out, "| peer ") || !strings.Contains(out, "| state ") {
		t.Errorf("-c peer -c state:\n%s", out)
	}
	same("--max_width 0", with(nei, "--max_width", "0"), nei)
	same("--max_width 0, route summary's own default", []string{"--file", ctr("ShowRouteSummaryReq.xml"), "ctr", "route", "summary", "--max_width", "0"},
		[]string{"--file", ctr("ShowRouteSummaryReq.xml"), "ctr", "route", "summary"})
	for _, c := range [][]string{
		{"--file", ctr("ShowBgpServerReq.xml"), "ctr", "bgp_stats"},
		{"--file", ctr("SandeshTraceRequest-XmppMessageTrace.xml"), "ctr", "xmpp", "trace"},
		{"--file", filepath.Join("..", "..", "testdata", "roles", "RedisUVERequest.xml"), "collector", "redis"},
	} {
		same("-f text on a text-only command", with(c, "-f", "text"), c)
	}
}

// TestArgumentsIstPyGetWrong: where ist.py prints everything or an error
// on stdout with exit 0, ist refuses the line with exit 2, one line on
// stderr and nothing on stdout (README, "Differences from ist.py").
func TestArgumentsIstPyGetWrong(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"vr", "vm", "vm1"}, `"vm1" is not a uuid`},
		{[]string{"vr", "vrfassign", "foo"}, `"foo" is not a uuid`},
		{[]string{"vr", "si", "fw-si"}, `"fw-si" is not a uuid`},
		{[]string{"ctr", "mcast", "tree"}, "mcast tree needs the table name"},
	} {
		out, errs, code := runMain(t, tc.args...)
		if code != 2 || out != "" || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("ist %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(tc.args, " "), code, out, errs, tc.want)
		}
	}
}
