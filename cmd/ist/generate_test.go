package main

import (
	"testing"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// TestGenerated: ist's completion scripts and man page, from its tree.
func TestGenerated(t *testing.T) {
	clitest.CheckGenerated(t, bin, "ist", []clitest.Completion{
		{Line: []string{"ist", "ctr", "ro"}, Want: []string{"route"}},
		{Line: []string{"ist", "ctr", "route", ""}, Want: []string{"show", "summary"}},
		{Line: []string{"ist", "--ho"}, Want: []string{"--host"}},
		{Line: []string{"ist", "vr", "intf", "--ho"}, Want: []string{"--host"}},
		{Line: []string{"ist", "--host", "10.0.0.1", "v"}, Want: []string{"vr"}},
	})
}
