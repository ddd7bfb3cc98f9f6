// Package engine is tfkit's view of a container engine (Docker or
// containerd): the containers of a node, their labels, env, state, exit
// record and network namespace. tf-status and tf-capture share it.
package engine

import (
	"context"
	"time"
)

// Container is what tfkit needs to know about one container.
type Container struct {
	Engine    string // "docker" or "containerd"
	Namespace string // containerd namespace (k8s.io, moby, default); "" for Docker
	ID        string
	Name      string // docker name without "/", or nerdctl/name label, or id
	Image     string
	Labels    map[string]string
	Env       map[string]string
	Created   time.Time

	State      string // running, exited, created, paused, restarting, dead, unknown
	Status     string // engine's human text, e.g. "Up 2 minutes"
	Pid        int    // 0 when not running
	NetnsPath  string // /proc/<pid>/ns/net or the sandbox's netns path
	ExitCode   int
	OOMKilled  bool
	Error      string
	StartedAt  time.Time
	FinishedAt time.Time
	Restarts   int
}

// Engine lists and inspects the containers of one engine.
type Engine interface {
	Name() string
	// List returns every container (running or not), fully inspected.
	List(ctx context.Context) ([]Container, error)
	Close() error
}
