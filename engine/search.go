package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/docker/docker/client"
)

// SearchOptions say which engines Search asks. It is the one meaning of
// `--engine auto` in every tfkit command: Docker and containerd (every
// default namespace) together.
type SearchOptions struct {
	Kind              string   // auto or "" (Docker and containerd), docker, containerd
	ContainerdAddress string   // "" = DefaultContainerdAddress
	Namespaces        []string // containerd namespaces; nil = DefaultNamespaces
	// Timeout bounds each engine, connection and listing together
	// (default DefaultSearchTimeout): a stuck engine costs at most that,
	// and the engines are asked at the same time.
	Timeout time.Duration
}

// DefaultSearchTimeout is SearchOptions.Timeout when none is given: long
// enough to inspect a few hundred containers.
const DefaultSearchTimeout = 30 * time.Second

// probeTimeout bounds the connection check inside an engine's Timeout, so
// that a dead socket is reported as such rather than as a slow listing.
const probeTimeout = 3 * time.Second

// Source is one engine Search asked, and what came of it.
type Source struct {
	Kind       string   // docker or containerd
	Address    string   // the socket or URL asked
	Namespaces []string // containerd only
	Containers int      // how many it listed
	Err        error    // nil when it answered
}

// String names the engine as messages show it: "docker at
// unix:///var/run/docker.sock", "containerd at /run/containerd/containerd.sock
// (namespaces k8s.io, moby, default)".
func (s Source) String() string {
	out := s.Kind + " at " + s.Address
	if len(s.Namespaces) > 0 {
		out += " (namespaces " + strings.Join(s.Namespaces, ", ") + ")"
	}
	return out
}

// Listing is what Search found: every container of the engines that
// answered, and each engine asked.
type Listing struct {
	Containers []Container
	Sources    []Source
}

// Warnings has one line per engine that did not answer while another did:
// its containers are missing from the listing, and the reader must know.
func (l Listing) Warnings() []string {
	var out []string
	for _, s := range l.Sources {
		if s.Err != nil {
			out = append(out, fmt.Sprintf("%s did not answer (%v): its containers are not listed; %s", s, s.Err, checkHint(s)))
		}
	}
	return out
}

// Searched names the engines that answered, for "not found" messages:
// "docker at unix:///var/run/docker.sock and containerd at … (namespaces …)".
func (l Listing) Searched() string {
	var parts []string
	for _, s := range l.Sources {
		if s.Err == nil {
			parts = append(parts, s.String())
		}
	}
	if len(parts) == 0 {
		return "no engine"
	}
	return strings.Join(parts, " and ")
}

// checkHint says what to check about an engine that did not answer.
func checkHint(s Source) string {
	if errors.Is(s.Err, os.ErrPermission) || strings.Contains(s.Err.Error(), "permission denied") {
		return "run as root (or, for Docker, as a member of the docker group)"
	}
	if s.Kind == KindDocker {
		return "check that dockerd runs (systemctl status docker) and DOCKER_HOST"
	}
	return "check that containerd runs (systemctl status containerd) and its socket address"
}

// ErrNoEngine is returned (wrapped) when no engine answers.
var ErrNoEngine = errors.New("no container engine answers")

// Search lists the containers of every engine opts selects, asking them at
// the same time. Engines that answer are merged: a container Docker
// reports and that also shows in containerd's "moby" namespace (Docker on
// the system containerd) is kept once, as Docker's. An engine that does
// not answer is in Sources with its error (see Warnings); when none
// answers, the error wraps ErrNoEngine and names each engine and why.
func Search(ctx context.Context, o SearchOptions) (Listing, error) {
	var kinds []string
	switch o.Kind {
	case "", KindAuto:
		kinds = []string{KindDocker, KindContainerd}
	case KindDocker, KindContainerd:
		kinds = []string{o.Kind}
	default:
		return Listing{}, fmt.Errorf("engine %q: use auto, docker or containerd", o.Kind)
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultSearchTimeout
	}
	if o.ContainerdAddress == "" {
		o.ContainerdAddress = DefaultContainerdAddress
	}
	if len(o.Namespaces) == 0 {
		o.Namespaces = DefaultNamespaces
	}
	l := Listing{Sources: make([]Source, len(kinds))}
	found := make([][]Container, len(kinds))
	var wg sync.WaitGroup
	for i, k := range kinds {
		l.Sources[i] = Source{Kind: k, Address: dockerHost()}
		if k == KindContainerd {
			l.Sources[i] = Source{Kind: k, Address: o.ContainerdAddress, Namespaces: o.Namespaces}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			found[i], l.Sources[i].Err = listEngine(ctx, k, o)
			l.Sources[i].Containers = len(found[i])
		}()
	}
	wg.Wait()
	var failures []string
	for i, s := range l.Sources {
		if s.Err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", s, s.Err))
			continue
		}
		l.Containers = append(l.Containers, found[i]...)
	}
	if len(failures) == len(kinds) {
		hint := "" // the command says which of its flags to check
		if strings.Contains(strings.Join(failures, " "), "permission denied") {
			hint = "; " + checkHint(Source{Kind: KindDocker, Err: os.ErrPermission})
		}
		return l, fmt.Errorf("%w (%s)%s", ErrNoEngine, strings.Join(failures, "; "), hint)
	}
	l.Containers = DedupeMoby(l.Containers)
	return l, nil
}

// listEngine opens one engine and lists its containers within o.Timeout.
func listEngine(ctx context.Context, kind string, o SearchOptions) ([]Container, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	pctx, pcancel := context.WithTimeout(ctx, min(probeTimeout, o.Timeout))
	var e Engine
	var err error
	if kind == KindDocker {
		e, err = OpenDocker(pctx)
	} else {
		e, err = OpenContainerd(pctx, o.ContainerdAddress, o.Namespaces)
	}
	pcancel()
	if err != nil {
		// Open's error names the engine and its address, which the
		// Source already does: keep the cause.
		if cause := errors.Unwrap(err); cause != nil {
			err = cause
		}
		return nil, err
	}
	defer e.Close()
	cs, err := e.List(ctx)
	if err != nil && ctx.Err() == context.DeadlineExceeded {
		return nil, fmt.Errorf("no listing within %v: %w", o.Timeout, err)
	}
	return cs, err
}

// dockerHost is the address the Docker client dials: DOCKER_HOST or the
// default socket.
func dockerHost() string {
	if h := os.Getenv(client.EnvOverrideHost); h != "" {
		return h
	}
	return client.DefaultDockerHost
}

// DedupeMoby drops the containerd "moby" copies of containers Docker
// reports itself (same id).
func DedupeMoby(all []Container) []Container {
	docker := map[string]bool{}
	for _, c := range all {
		if c.Engine == KindDocker {
			docker[c.ID] = true
		}
	}
	out := all[:0]
	for _, c := range all {
		if c.Engine == KindContainerd && c.Namespace == "moby" && docker[c.ID] {
			continue
		}
		out = append(out, c)
	}
	return out
}
