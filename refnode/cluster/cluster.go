// Package cluster runs a refnode topology: it builds a control node, a
// vRouter agent or a persona for every service of the topology, starts
// them on their own 127.0.x.y addresses (all in this process, or the subset
// a `refnode run` process owns), applies the timer scale, keeps an event
// log, and offers the fault operations (stop/start/pause/resume a node,
// cut/partition/heal/flap a session) in Go and over an admin HTTP API.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tfkit/tfkit/refnode/timers"
	"github.com/tfkit/tfkit/refnode/topo"
)

// Node states.
const (
	StateRunning = "running"
	StateStopped = "stopped"
	StatePaused  = "paused"
)

// Service is what a Builder gets: one service of the topology, the whole
// topology, the timers in force and, for personas, how to read the state
// of the node they watch.
type Service struct {
	topo.Service
	Topo   *topo.Topology
	Timers timers.Timers
	// Watch returns the state of the node a persona watches (its control
	// node or vRouter) when that node runs in this process; nil otherwise
	// (the persona then probes the node's introspect port).
	Watch func() string
}

// ID names a service in the admin API: the node name for control nodes
// and vRouters, "<role>@<node>" for personas (e.g. dns@control-1).
func (s Service) ID() string { return ServiceID(s.Role, s.Node) }

// ServiceID builds the admin-API name of a service.
func ServiceID(role, node string) string {
	if role == topo.RoleControl || role == topo.RoleVRouter {
		return node
	}
	return role + "@" + node
}

// Options tune a cluster.
type Options struct {
	// Scale overrides the topology's timer scale when > 0.
	Scale float64
	// Build makes the nodes; nil means DefaultBuilder (control, agent and
	// persona packages).
	Build Builder
	// Select limits the services run by this process (refnode run); nil
	// runs them all.
	Select func(topo.Service) bool
}

// ErrUnknown and ErrState classify operation errors (HTTP 404 and 409).
var (
	ErrUnknown = errors.New("unknown")
	ErrState   = errors.New("wrong state")
)

type member struct {
	svc  Service
	node Node

	mu    sync.Mutex // serialises operations on this node
	state string
	since time.Time
}

func (m *member) getState() (string, time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state, m.since
}

// Cluster is a running (or ready to run) set of nodes.
type Cluster struct {
	Topo   *topo.Topology
	Timers timers.Timers

	members []*member
	byID    map[string]*member
	events  eventLog

	mu          sync.Mutex
	partitioned map[[2]string]bool // sorted pair → partitioned
	flapping    map[[2]string]bool
	cancel      context.CancelFunc
	ctx         context.Context
}

// New builds every selected service of the topology; nothing listens yet.
func New(t *topo.Topology, o Options) (*Cluster, error) {
	c := &Cluster{Topo: t, Timers: t.Timers(o.Scale), byID: map[string]*member{},
		partitioned: map[[2]string]bool{}, flapping: map[[2]string]bool{}}
	build := o.Build
	if build == nil {
		build = DefaultBuilder
	}
	for _, s := range t.Services() {
		if o.Select != nil && !o.Select(s) {
			continue
		}
		svc := Service{Service: s, Topo: t, Timers: c.Timers}
		m := &member{svc: svc, state: StateStopped, since: time.Now()}
		c.members = append(c.members, m)
		c.byID[svc.ID()] = m
	}
	if len(c.members) == 0 {
		return nil, fmt.Errorf("nothing to run: the selection matches no service of the topology")
	}
	for _, m := range c.members {
		if watched, ok := c.byID[m.svc.Node]; ok && m.svc.ID() != m.svc.Node {
			m.svc.Watch = func() string { s, _ := watched.getState(); return s }
		}
		n, err := build(m.svc)
		if err != nil {
			return nil, fmt.Errorf("building %s %s: %w", m.svc.Role, m.svc.Node, err)
		}
		m.node = n
	}
	return c, nil
}

// Start starts every node in topology order (controls one after the
// other, then vRouters, then personas). On error the nodes already started
// are stopped again.
func (c *Cluster) Start(ctx context.Context) error {
	c.mu.Lock()
	c.ctx, c.cancel = context.WithCancel(context.Background())
	c.mu.Unlock()
	for i, m := range c.members {
		if err := c.startMember(ctx, m); err != nil {
			for j := i - 1; j >= 0; j-- {
				_ = c.members[j].node.Stop()
			}
			return fmt.Errorf("starting %s (%s %s): %w", m.svc.ID(), m.svc.Address, m.svc.PortList(), err)
		}
	}
	c.events.add("up", c.Topo.Cluster.Name, fmt.Sprintf("%d services, timer scale %g", len(c.members), c.Timers.Scale), nil)
	return nil
}

func (c *Cluster) startMember(ctx context.Context, m *member) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.node.Start(ctx); err != nil {
		return err
	}
	m.state, m.since = StateRunning, time.Now()
	return nil
}

// Close stops every running node and any flap in progress: personas and
// vRouters first (in parallel: a 980-agent cluster stops in seconds), then
// the control nodes one by one, then releases what the nodes hold.
func (c *Cluster) Close() error {
	c.mu.Lock()
	if c.cancel != nil {
		c.cancel()
	}
	c.mu.Unlock()
	var (
		emu   sync.Mutex
		first error
	)
	stop := func(m *member) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.state == StateStopped {
			return
		}
		if m.state == StatePaused {
			_ = m.node.Resume()
		}
		if err := m.node.Stop(); err != nil {
			emu.Lock()
			if first == nil {
				first = fmt.Errorf("stopping %s: %w", m.svc.ID(), err)
			}
			emu.Unlock()
		}
		m.state, m.since = StateStopped, time.Now()
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for _, m := range c.members {
		if m.svc.Role == topo.RoleControl {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			stop(m)
		}()
	}
	wg.Wait()
	for i := len(c.members) - 1; i >= 0; i-- {
		if m := c.members[i]; m.svc.Role == topo.RoleControl {
			stop(m)
		}
	}
	for _, m := range c.members {
		if r, ok := m.node.(Releaser); ok {
			r.Release()
		}
	}
	c.events.add("down", c.Topo.Cluster.Name, "", first)
	return first
}

// Node returns the Node of a service by its ID (see Service.ID), so tests
// can reach node-specific methods; nil when unknown.
func (c *Cluster) Node(id string) Node {
	if m := c.byID[id]; m != nil {
		return m.node
	}
	return nil
}

// Services lists the services this cluster runs, in start order.
func (c *Cluster) Services() []Service {
	out := make([]Service, len(c.members))
	for i, m := range c.members {
		out[i] = m.svc
	}
	return out
}

func (c *Cluster) member(id string) (*member, error) {
	m := c.byID[id]
	if m == nil {
		return nil, fmt.Errorf("%w node %q: see `refnode ctl state` for the names", ErrUnknown, id)
	}
	return m, nil
}
