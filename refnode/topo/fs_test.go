package topo

import "github.com/tfkit/tfkit/refnode/topologies"

func topologiesFS(name string) ([]byte, error) { return topologies.FS.ReadFile(name) }
