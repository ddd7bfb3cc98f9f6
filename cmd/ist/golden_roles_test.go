package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
)

// TestGoldenRolesAgainstIstPy runs each case of testdata/roles/golden/cases.txt
// against a server that answers only the request URI the real ist.py sent
// for the same arguments (golden/paths.txt) with the case's fixture, and
// compares the whole stdout (ist.py's "Introspect Host:" line included)
// with what ist.py printed. So it checks the query
// (names and order of the arguments: by-name for the Python daemons) as
// well as the layout. Regenerate with testdata/roles/gen/golden.sh.
func TestGoldenRolesAgainstIstPy(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "roles")
	paths := map[string]string{}
	readLines(t, filepath.Join(dir, "golden", "paths.txt"), func(f []string) { paths[f[0]] = f[1] })
	n := 0
	readLines(t, filepath.Join(dir, "golden", "cases.txt"), func(f []string) {
		if len(f) != 3 {
			t.Fatalf("bad case line %q", strings.Join(f, "|"))
		}
		name, file, args := f[0], f[1], strings.Fields(f[2])
		n++
		t.Run(name, func(t *testing.T) {
			uri, ok := paths[name]
			if !ok {
				t.Fatalf("no request path recorded for %s", name)
			}
			want, err := os.ReadFile(filepath.Join(dir, "golden", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			body := fixtureBody(t, dir, file)
			// ist.py was given --host 127.0.0.1 and its own --port: the
			// same here, so that the banner line is the same too.
			host, port, _ := strings.Cut(serve(t, map[string]string{uri: body}), ":")
			got, err := runIst(t, append([]string{"--host", host, "--port", port}, args...)...)
			if err != nil {
				t.Fatalf("ist %s (ist.py asked for %s): %v", f[2], uri, err)
			}
			if got != string(want) {
				t.Errorf("ist %s:\n--- got\n%s\n--- want (ist.py)\n%s", f[2], got, want)
			}
		})
	})
	if n < 20 {
		t.Fatalf("only %d golden cases", n)
	}
}

// interTag is the whitespace xmllint put between tags.
var interTag = regexp.MustCompile(`>\s+<`)

// fixtureBody reads a case's fixture: a file of dir, or "real:<name>", a
// real sample of ../shared/testdata-real (the test skips when it is absent)
// compacted like the daemon wrote it (spec §2.9), as golden.sh does.
func fixtureBody(t *testing.T, dir, file string) string {
	t.Helper()
	if name, ok := strings.CutPrefix(file, "real:"); ok {
		return interTag.ReplaceAllString(strings.TrimSpace(string(realdata.Read(t, name))), "><")
	}
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readLines calls fn with the |-separated fields of each non-empty line.
func readLines(t *testing.T, file string, fn func([]string)) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			fn(strings.SplitN(line, "|", 3))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
