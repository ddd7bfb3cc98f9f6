package main

import (
	"testing"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// TestGenerated: tf-status's completion scripts and man page, from its tree.
func TestGenerated(t *testing.T) {
	clitest.CheckGenerated(t, bin, "tf-status", []clitest.Completion{
		{Line: []string{"tf-status", "--en"}, Want: []string{"--engine"}},
		{Line: []string{"tf-status", "-f", ""}, Want: []string{"table", "text", "json"}},
	})
}
