package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runGoldenCases runs every case of <dir>/golden/cases.txt
// (name|fixture|ist arguments[|note]) with --file <dir>/<fixture> and
// compares the whole stdout, ist.py's "Loadding from introspect xml"
// line included, with golden/<name>.txt: the output of the real
// ist.py, or, for cases with a note, ist's intended output where ist.py
// crashes or prints None (the note says why). It fails when fewer than
// min cases ran.
func runGoldenCases(t *testing.T, dir string, min int) {
	f, err := os.Open(filepath.Join(dir, "golden", "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "|", 4)
		if len(parts) < 3 {
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
				t.Errorf("ist %s --file %s:\n--- got\n%s\n--- want\n%s", parts[2], file, got, want)
			}
		})
	}
	if n < min {
		t.Fatalf("only %d golden cases", n)
	}
}
