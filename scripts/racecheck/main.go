// Command racecheck reads `go test -race -json`, prints what go test
// prints without -json (package results, failed tests' output), and
// decides whether the failures in it are only GoBGP's own data race on
// fsm.recvOpen, which
// GoBGP v4.8.0 has (server.go reads it in newWatchEventPeer and toConfig
// without the FSM's lock; osrg/gobgp#3540 fixes it, unreleased) and which
// refnode triggers by watching peer events, as every GoBGP library user
// does. scripts/test.sh runs the packages that link GoBGP's server with
// -race and asks racecheck about a failure:
//
//   - exit 0 when nothing failed;
//   - exit 3, and the packages to run again without -race on stdout, when
//     every failed test failed only because of that race (the rerun then
//     decides whether the tests pass);
//   - exit 1, naming the tests, when any test failed for another reason or
//     any other race was found: tfkit's own races always fail.
//
// Usage: go test -race -json ./pkg/... | go run ./scripts/racecheck
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

func main() {
	rerun, bad, err := check(os.Stdin, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "racecheck:", err)
		os.Exit(1)
	}
	for _, b := range bad {
		fmt.Fprintln(os.Stderr, "racecheck:", b)
	}
	switch {
	case len(bad) > 0:
		os.Exit(1)
	case len(rerun) > 0:
		fmt.Println(strings.Join(rerun, " "))
		os.Exit(3)
	}
}

// event is one line of `go test -json` (test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// known are the racing functions of GoBGP's recvOpen race: one access in
// a reader without the lock, the other in the FSM goroutine's writes.
var (
	knownReader = regexp.MustCompile(`^github\.com/osrg/gobgp/v4/pkg/server\.\(\*BgpServer\)\.(newWatchEventPeer|toConfig)\(`)
	knownWriter = regexp.MustCompile(`^github\.com/osrg/gobgp/v4/pkg/server\.\(\*fsmHandler\)\.`)
	// testLine is a failure a test reported itself (t.Error, t.Fatal):
	// "    file_test.go:12: message".
	testLine = regexp.MustCompile(`^\s+\S+_test\.go:\d+: `)
	// raceLine is the testing package's own failure for a race.
	raceLine = regexp.MustCompile(`^\s+testing\.go:\d+: race detected during execution of test`)
)

// check returns the packages whose failures were only the known race, or
// the reasons the run failed otherwise. It writes to w what go test
// writes without -json: build errors, each package's result and the
// output of each failed test.
func check(r io.Reader, w io.Writer) (rerun, bad []string, err error) {
	out := map[string]*strings.Builder{} // "pkg test" -> its output
	var failed []string                  // "pkg test" keys that failed
	pkgOut := map[string]*strings.Builder{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue // build output and the like
		}
		key := ev.Package + " " + ev.Test
		switch ev.Action {
		case "build-output":
			io.WriteString(w, ev.Output)
		case "output":
			if ev.Test == "" && ev.Output != "PASS\n" { // go test prints "ok" alone
				io.WriteString(w, ev.Output)
			}
			if out[key] == nil {
				out[key] = &strings.Builder{}
			}
			out[key].WriteString(ev.Output)
			if pkgOut[ev.Package] == nil {
				pkgOut[ev.Package] = &strings.Builder{}
			}
			pkgOut[ev.Package].WriteString(ev.Output)
		case "fail":
			failed = append(failed, key)
			if b := out[key]; b != nil && ev.Test != "" {
				io.WriteString(w, b.String())
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	// Every race report of every package must be the known one.
	pkgs := map[string]bool{}
	for pkg, b := range pkgOut {
		for _, block := range raceBlocks(b.String()) {
			if !knownRace(block) {
				bad = append(bad, fmt.Sprintf("%s: a data race that is not GoBGP's known one:\n%s", pkg, block))
			}
		}
	}
	for _, key := range failed {
		pkg, test, _ := strings.Cut(key, " ")
		pkgs[pkg] = true
		if test == "" {
			continue // the package's verdict: judged by its tests and races
		}
		text := ""
		if b := out[key]; b != nil {
			text = b.String()
		}
		if !onlyRace(text) {
			bad = append(bad, fmt.Sprintf("%s %s failed for another reason than GoBGP's race", pkg, test))
		}
	}
	for p := range pkgs {
		rerun = append(rerun, p)
	}
	sort.Strings(rerun)
	return rerun, bad, nil
}

// raceBlocks cuts the race detector's reports out of a test output.
func raceBlocks(s string) []string {
	var blocks []string
	for {
		i := strings.Index(s, "WARNING: DATA RACE\n")
		if i < 0 {
			return blocks
		}
		s = s[i:]
		j := strings.Index(s, "==================")
		if j < 0 {
			return append(blocks, s)
		}
		blocks = append(blocks, s[:j])
		s = s[j:]
	}
}

// knownRace: the first frame of one access is a known reader and the
// first frame of the other a known writer.
func knownRace(block string) bool {
	var tops []string
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		if (strings.HasSuffix(l, ":") && strings.Contains(l, " at 0x")) && i+1 < len(lines) {
			tops = append(tops, strings.TrimSpace(lines[i+1]))
		}
	}
	if len(tops) != 2 {
		return false
	}
	return (knownReader.MatchString(tops[0]) && knownWriter.MatchString(tops[1])) ||
		(knownReader.MatchString(tops[1]) && knownWriter.MatchString(tops[0]))
}

// onlyRace: a failed test's output has the testing package's race
// failure and no failure of its own (subtests' failures are their own
// events).
func onlyRace(text string) bool {
	race := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case raceLine.MatchString(l):
			race = true
		case testLine.MatchString(l):
			return false
		}
	}
	return race
}
