package main

import (
	"testing"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// TestGenerated: refnode's completion scripts and man page, from its tree.
func TestGenerated(t *testing.T) {
	clitest.CheckGenerated(t, bin, "refnode", []clitest.Completion{
		{Line: []string{"refnode", "deploy", "u"}, Want: []string{"up"}},
		{Line: []string{"refnode", "deploy", "up", "--node"}, Want: []string{"--node-filter"}},
		{Line: []string{"refnode", "ctl", "st"}, Want: []string{"state", "stop", "start"}},
	})
}
