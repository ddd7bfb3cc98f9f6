package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runIst runs the ist app in-process and returns stdout and the error.
func runIst(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	stdout = &out
	defer func() { stdout = os.Stdout }()
	err := newApp().Run(append([]string{"ist"}, normalizeArgs(args)...))
	return out.String(), err
}

// ages are masked: ist.py prints them relative to its own clock.
var ageRE = regexp.MustCompile(`age: [^,]+, `)

// TestGoldenAgainstIstPy compares every case of testdata/ctr/golden/cases.txt
// with the output the real ist.py (vcheny v1.1) printed for the same
// fixture and arguments.
func TestGoldenAgainstIstPy(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "ctr")
	f, err := os.Open(filepath.Join(dir, "golden", "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "|", 3)
		if len(parts) != 3 {
			continue
		}
		name, file, args := parts[0], parts[1], strings.Fields(parts[2])
		n++
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "golden", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := runIst(t, append([]string{"--file", filepath.Join(dir, file)}, args...)...)
			if err != nil {
				t.Fatalf("ist %s: %v", parts[2], err)
			}
			got = ageRE.ReplaceAllString(got, "age: AGE, ")
			if got != string(want) {
				t.Errorf("ist %s --file %s:\n--- got\n%s\n--- want (ist.py)\n%s", parts[2], file, got, want)
			}
		})
	}
	if n < 30 {
		t.Fatalf("only %d golden cases", n)
	}
}
