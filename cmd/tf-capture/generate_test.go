package main

import (
	"testing"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// TestGenerated: tf-capture's completion scripts and man page, from its tree.
func TestGenerated(t *testing.T) {
	clitest.CheckGenerated(t, tfBinary, "tf-capture", []clitest.Completion{
		{Line: []string{"tf-capture", "w"}, Want: []string{"why"}},
		{Line: []string{"tf-capture", "why", "-f", ""}, Want: []string{"table", "text", "json"}},
		{Line: []string{"tf-capture", "links", "--ne"}, Want: []string{"--netns"}},
		{Line: []string{"tf-capture", "--dur"}, Want: []string{"--duration"}},
	})
}
