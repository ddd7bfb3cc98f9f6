package main

import (
	"path/filepath"
	"testing"
)

// TestGoldenVrAgainstIstPy compares `ist vr` with the real ist.py on the
// fixtures of testdata/vr (see testdata/vr/gen).
func TestGoldenVrAgainstIstPy(t *testing.T) {
	runGoldenCases(t, filepath.Join("..", "..", "testdata", "vr"), 16)
}
