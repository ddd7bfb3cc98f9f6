package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
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
	runGoldenCases(t, filepath.Join("..", "..", "testdata", "ctr"), 30)
}
