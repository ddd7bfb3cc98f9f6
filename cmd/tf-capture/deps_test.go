package main

import (
	"os/exec"
	"strings"
	"testing"
)

// linkedElsewhere are the packages tf-capture must not link: Go runs the
// initialization of every linked package at start, and these (the Docker
// and containerd clients, gRPC) cost ~5 ms of CPU before main runs. Name
// lookups and why go through tf-capture-engines instead.
var linkedElsewhere = []string{
	"github.com/docker/docker/",
	"github.com/containerd/containerd/",
	"google.golang.org/grpc",
	"github.com/tfkit/tfkit/engine",
	"github.com/tfkit/tfkit/exitinfo",
}

func TestLinksNoEngineClient(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range linkedElsewhere {
			if dep == bad || strings.HasPrefix(dep, bad) {
				t.Errorf("tf-capture links %s (through %s): keep it in tf-capture-engines", dep, bad)
			}
		}
	}
}
