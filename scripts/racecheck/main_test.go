package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// report is a race detector report whose two accesses start in the
// functions given.
func report(first, second string) string {
	return "==================\nWARNING: DATA RACE\nRead at 0x00c000123 by goroutine 60:\n  " + first +
		"()\n      /go/pkg/mod/x.go:989 +0x1d\n  github.com/osrg/gobgp/v4/pkg/server.(*BgpServer).Serve()\n      /go/x.go:1 +0x2\n\n" +
		"Previous write at 0x00c000123 by goroutine 15:\n  " + second +
		"()\n      /go/pkg/mod/fsm.go:1537 +0x3\n\nGoroutine 60 (running) created at:\n  main.main()\n      /x.go:3 +0x4\n==================\n"
}

const (
	reader = "github.com/osrg/gobgp/v4/pkg/server.(*BgpServer).newWatchEventPeer"
	writer = "github.com/osrg/gobgp/v4/pkg/server.(*fsmHandler).opensent"
	ours   = "github.com/tfkit/tfkit/refnode/bgp.(*GoBGP).onPeer"
)

// stream is `go test -json` of one package whose test T printed lines.
func stream(pkg string, fail bool, lines ...string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for _, l := range lines {
		for _, part := range strings.SplitAfter(l, "\n") {
			if part != "" {
				enc.Encode(event{Action: "output", Package: pkg, Test: "T", Output: part})
			}
		}
	}
	if fail {
		enc.Encode(event{Action: "fail", Package: pkg, Test: "T"})
		enc.Encode(event{Action: "fail", Package: pkg})
	} else {
		enc.Encode(event{Action: "pass", Package: pkg, Test: "T"})
	}
	return b.String()
}

const raceFail = "    testing.go:1617: race detected during execution of test\n"

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name  string
		in    string
		rerun []string
		bad   bool
	}{
		{"GoBGP's race alone: rerun without -race", stream("p/a", true, report(reader, writer), raceFail), []string{"p/a"}, false},
		{"either order of the accesses", stream("p/a", true, report(writer, reader), raceFail), []string{"p/a"}, false},
		{"a race in tfkit's code fails", stream("p/a", true, report(ours, writer), raceFail), nil, true},
		{"a race in tfkit's code fails even in a passing test", stream("p/a", false, report(ours, ours)), nil, true},
		{"a test's own failure beside the race fails", stream("p/a", true, report(reader, writer), "    x_test.go:12: 3 findings, want 2\n", raceFail), nil, true},
		{"a failure with no race fails", stream("p/a", true, "    x_test.go:12: boom\n"), nil, true},
		{"all passed", stream("p/a", false, "ok\n"), nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var printed strings.Builder
			rerun, bad, err := check(strings.NewReader("build output line\n"+c.in), &printed)
			if err != nil {
				t.Fatal(err)
			}
			if (len(bad) > 0) != c.bad {
				t.Fatalf("bad = %q, want bad %v", bad, c.bad)
			}
			if !c.bad && !slices.Equal(rerun, c.rerun) {
				t.Fatalf("rerun = %q, want %q", rerun, c.rerun)
			}
			// What go test prints without -json: a failed test's output,
			// nothing of a passed one.
			failed := strings.Contains(c.in, `"Action":"fail"`)
			if got := strings.Contains(printed.String(), "_test.go:") || strings.Contains(printed.String(), "race detected"); got != failed {
				t.Fatalf("printed %q (the test failed: %v)", printed.String(), failed)
			}
		})
	}
}
