package status

import (
	"context"
	"errors"
	"net"
	"strconv"
	"syscall"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// Connection is one ConnectionInfo of a ProcessStatus.
type Connection struct {
	Type        string   `json:"type"`
	Name        string   `json:"name"`
	ServerAddrs []string `json:"server_addrs"`
	Status      string   `json:"status"`
	Description string   `json:"description"`
}

// Process is one ProcessInfo of a nodemgr's NodeStatus.
type Process struct {
	Name       string `json:"process_name"`
	State      string `json:"process_state"`
	StartCount uint32 `json:"start_count"`
	StopCount  uint32 `json:"stop_count"`
	ExitCount  uint32 `json:"exit_count"`
	LastStart  string `json:"last_start_time,omitempty"`
	LastStop   string `json:"last_stop_time,omitempty"`
	LastExit   string `json:"last_exit_time,omitempty"`
}

// nodeStatus is what tf-status keeps of a NodeStatus answer.
type nodeStatus struct {
	found       bool // a NodeStatus with process_status was there
	state       string
	description string
	connections []Connection
	processes   []Process
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// fetchNodeStatus asks one daemon for Snh_SandeshUVECacheReq?x=NodeStatus
// and keeps the first NodeStatus that has a process_status, as
// contrail-status does (spec §5.3.1).
func fetchNodeStatus(ctx context.Context, c *client.Client, t client.Target) (nodeStatus, error) {
	var ns nodeStatus
	req := client.Request{Path: client.Path("SandeshUVECacheReq", client.Arg{Name: "x", Value: "NodeStatus"}), Names: []string{"NodeStatus"}}
	err := c.Stream(ctx, t, req, func(n *sandesh.Node) error {
		if ns.found {
			return nil
		}
		var st schema.NodeStatus
		if err := sandesh.Unmarshal(n, &st); err != nil {
			return err
		}
		if len(st.ProcessStatus) == 0 {
			return nil
		}
		ns.found = true
		ps := st.ProcessStatus[0]
		ns.state = ps.State
		ns.description = deref(ps.Description)
		for _, ci := range ps.ConnectionInfos {
			ns.connections = append(ns.connections, Connection{Type: ci.Type, Name: ci.Name, ServerAddrs: ci.ServerAddrs,
				Status: ci.Status, Description: deref(ci.Description)})
		}
		for _, pi := range st.ProcessInfo {
			ns.processes = append(ns.processes, Process{Name: pi.ProcessName, State: pi.ProcessState,
				StartCount: pi.StartCount, StopCount: pi.StopCount, ExitCount: pi.ExitCount,
				LastStart: pi.LastStartTime, LastStop: pi.LastStopTime, LastExit: pi.LastExitTime})
		}
		return nil
	})
	return ns, err
}

// apiWorker is one ConfigApiWorker UVE: a config API worker process with
// its own introspect port.
type apiWorker struct {
	id   string
	port int
}

// fetchAPIWorkers lists the workers a multi-worker contrail-api reports
// (read from the tree: introspect/schema has no ConfigApiWorker type).
func fetchAPIWorkers(ctx context.Context, c *client.Client, t client.Target) ([]apiWorker, error) {
	var ws []apiWorker
	req := client.Request{Path: client.Path("SandeshUVECacheReq", client.Arg{Name: "x", Value: "ConfigApiWorker"}), Names: []string{"ConfigApiWorker"}}
	err := c.Stream(ctx, t, req, func(n *sandesh.Node) error {
		p, err := strconv.Atoi(n.ChildText("introspect_port"))
		if err == nil {
			ws = append(ws, apiWorker{id: n.ChildText("worker_id"), port: p})
		}
		return nil
	})
	return ws, err
}

// failure classes of a query, for the state rules.
type failure int

const (
	failNone failure = iota
	failRefused
	failTimeout
	failOther
)

func classify(ctx context.Context, err error) failure {
	var ne net.Error
	switch {
	case err == nil:
		return failNone
	case errors.Is(err, syscall.ECONNREFUSED):
		return failRefused
	case ctx.Err() == context.DeadlineExceeded, errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return failTimeout
	}
	return failOther
}
