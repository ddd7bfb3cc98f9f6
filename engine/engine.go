// Package engine is tfkit's view of a container engine (Docker or
// containerd): the containers of a node, their labels, env, state, exit
// record and network namespace. tf-status and tf-capture share it; refnode
// deploy and the tests also use its lifecycle side (Runtime) to build
// images and run containers without any registry.
package engine

import (
	"context"
	"errors"
	"io"
	"time"
)

// Engine kinds accepted by Open.
const (
	KindAuto       = "auto"
	KindDocker     = "docker"
	KindContainerd = "containerd"
)

// Container states (Container.State), Docker's vocabulary; containerd task
// states are mapped onto it.
const (
	StateRunning    = "running"
	StateExited     = "exited"
	StateCreated    = "created"
	StatePaused     = "paused"
	StateRestarting = "restarting"
	StateDead       = "dead"
	StateUnknown    = "unknown"
)

// ErrNotFound is returned (wrapped) by Get, Stop, Remove... when no container
// has the given id or name.
var ErrNotFound = errors.New("container not found")

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
	// MemoryLimit is the container's memory limit in bytes (0: none or
	// unknown): it tells a SIGKILL under a limit (probably OOM) from one
	// without.
	MemoryLimit int64
}

// Running reports whether the container's process is alive and not frozen.
func (c Container) Running() bool { return c.State == StateRunning }

// ShortID is the first 12 characters of the id, as `docker ps` prints it.
func (c Container) ShortID() string {
	if len(c.ID) > 12 {
		return c.ID[:12]
	}
	return c.ID
}

// Engine lists and inspects the containers of one engine.
type Engine interface {
	Name() string
	// List returns every container (running or not), fully inspected.
	List(ctx context.Context) ([]Container, error)
	// Get returns one container by id, id prefix (Docker) or name.
	Get(ctx context.Context, idOrName string) (Container, error)
	Close() error
}

// Mount is a bind mount from the host into a container.
type Mount struct {
	Source, Target string
	ReadOnly       bool
}

// RunSpec describes a container to create and start.
type RunSpec struct {
	Name   string // container name (Docker name; containerd id and nerdctl/name label)
	Image  string // image reference as returned by LoadImage
	Args   []string
	Env    map[string]string
	Labels map[string]string
	// Network is "host" (share the host's network namespace) or "none"
	// (a private namespace with loopback only). Nothing else: tfkit test
	// traffic stays on loopback.
	Network string
	Mounts  []Mount
	// Memory is the memory limit in bytes (0: none). Swap is limited to
	// the same amount, so reaching it gets the container OOM-killed
	// instead of swapping.
	Memory int64
}

// Runtime is the lifecycle side of an engine: what refnode deploy and the
// tests need to run containers from a locally built image.
type Runtime interface {
	Engine
	// LoadImage imports a Docker-archive tar (see WriteScratchImage) and
	// returns the image references it holds.
	LoadImage(ctx context.Context, archive io.Reader) ([]string, error)
	// RemoveImage deletes an image by reference; a missing image is not an error.
	RemoveImage(ctx context.Context, ref string) error
	// Run creates and starts a container and returns its id.
	Run(ctx context.Context, spec RunSpec) (string, error)
	// Start starts a stopped container again.
	Start(ctx context.Context, idOrName string) error
	// Stop sends SIGTERM, then SIGKILL after the grace period.
	Stop(ctx context.Context, idOrName string, grace time.Duration) error
	// Kill sends one signal (e.g. "KILL", "TERM").
	Kill(ctx context.Context, idOrName, signal string) error
	Pause(ctx context.Context, idOrName string) error
	Resume(ctx context.Context, idOrName string) error
	// Remove stops (if needed) and deletes a container; a missing one is not an error.
	Remove(ctx context.Context, idOrName string) error
}
