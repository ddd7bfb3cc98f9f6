// Package personas holds the small stand-ins for the daemons a container
// deployment runs next to contrail-control and the vRouter agent:
// contrail-control-nodemgr (8101), contrail-vrouter-nodemgr (8102),
// contrail-dns (8092; its XMPP server on 8093 takes the agents' DNS
// sessions, dnsxmpp.go) and contrail-named (no introspect). They answer
// NodeStatus through sandesh.Server so that ist and tf-status see every
// service of a node; a nodemgr's process table follows the daemon it
// watches (running, stopped, start and stop counts).
package personas

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/procinfo"
	"github.com/tfkit/tfkit/refnode/topo"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// Config describes one persona.
type Config struct {
	Role    string     // topo.RoleControlNodemgr, RoleVRouterNodemgr, RoleDNS or RoleNamed
	Host    string     // node name, NodeStatus.name
	Address netip.Addr // listen address (the node's)
	Port    int        // introspect port; ignored for named
	// Watch returns the watched daemon's state (running, paused, stopped)
	// when it runs in this process. When nil the persona probes
	// WatchAddr with a TCP connect on every NodeStatus request.
	Watch     func() string
	WatchAddr netip.AddrPort
	Version   string
	// XMPPPort is contrail-dns's XMPP server port (8093), on Address; 0
	// = no XMPP server (other roles, or a topology without DNS sessions).
	XMPPPort int
	// XMPPHold is that server's hold time; 0 = 90 s.
	XMPPHold time.Duration
	// PollInterval is how often a nodemgr looks at its daemon, as the
	// real one polls supervisord, so that start/stop counts do not depend
	// on when someone asks; 0 is DefaultPollInterval.
	PollInterval time.Duration
}

// DefaultPollInterval is a nodemgr's PollInterval when none is given.
const DefaultPollInterval = time.Second

// kind is what differs between the roles.
type kind struct {
	module  string // module_id
	watched string // process a nodemgr reports; "" for dns/named
	table   string // UVE table of NodeStatus
	python  bool   // pysandesh daemon (nodemgrs)
	extra   []schema.ConnectionInfo
	traces  []string // trace buffers the daemon creates (none for a nodemgr)
}

var kinds = map[string]kind{
	topo.RoleControlNodemgr: {module: "contrail-control-nodemgr", watched: "contrail-control", table: "ObjectBgpRouter", python: true},
	topo.RoleVRouterNodemgr: {module: "contrail-vrouter-nodemgr", watched: "contrail-vrouter-agent", table: "ObjectVRouter", python: true},
	topo.RoleDNS: {module: "contrail-dns", table: "ObjectBgpRouter", traces: dnsTraceBuffers, extra: []schema.ConnectionInfo{
		{Type: "Database", Name: "Cassandra", ServerAddrs: []string{"127.0.0.1:9041"}, Status: "Up", Description: ptr("Established Cassandra connection")},
		{Type: "Database", Name: "RabbitMQ", ServerAddrs: []string{"127.0.0.1:5673"}, Status: "Up", Description: ptr("RabbitMQ connection established")}}},
	topo.RoleNamed: {module: "contrail-named"},
}

// Persona is one running stand-in daemon.
type Persona struct {
	cfg  Config
	kind kind
	proc *watchedProcess

	trace procinfo.Traces

	mu     sync.Mutex
	srv    *sandesh.Server
	xs     *xmpp.Server  // contrail-dns's agent sessions (startDNSXMPP)
	stop   chan struct{} // closed by Stop: ends the watch loop
	polled chan struct{} // closed when the watch loop has ended
}

// New checks cfg; Start brings the persona up.
func New(cfg Config) (*Persona, error) {
	k, ok := kinds[cfg.Role]
	if !ok {
		return nil, fmt.Errorf("persona %s: unknown role %q: use control-nodemgr, vrouter-nodemgr, dns or named", cfg.Host, cfg.Role)
	}
	if k.table != "" && (!cfg.Address.IsValid() || cfg.Port <= 0) {
		return nil, fmt.Errorf("persona %s %s: needs an address and an introspect port", cfg.Role, cfg.Host)
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = DefaultPollInterval
	}
	p := &Persona{cfg: cfg, kind: k}
	if k.watched != "" {
		p.proc = &watchedProcess{name: k.watched}
	}
	return p, nil
}

// Start opens the introspect listener (named has none).
func (p *Persona) Start(context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.srv != nil || p.kind.table == "" {
		return nil
	}
	srv := sandesh.NewServer(p.kind.module)
	srv.Python = p.kind.python
	sandesh.Handle(srv, "sandesh_uve", func(r *schema.SandeshUVECacheReq) []any { return p.uveCache(r.Tname, r.Key) })
	sandesh.Handle(srv, "sandesh_uve", func(*schema.SandeshUVETypesReq) []any {
		return []any{&schema.SandeshUVETypesResp{TypeInfo: []schema.SandeshUVETypeInfo{{TypeName: "NodeStatus", Dsconf: map[string]string{}}}}}
	})
	p.serveProcInfo(srv)
	addr := netip.AddrPortFrom(p.cfg.Address, uint16(p.cfg.Port)).String()
	if _, err := srv.Start(addr); err != nil {
		return fmt.Errorf("%s %s introspect (%s): %w", p.kind.module, p.cfg.Host, addr, err)
	}
	if err := p.startDNSXMPP(); err != nil {
		_ = srv.Close()
		return err
	}
	p.srv = srv
	if p.proc != nil {
		p.stop, p.polled = make(chan struct{}), make(chan struct{})
		p.proc.observe(p.watchedState(), time.Now())
		go p.poll(p.stop, p.polled)
	}
	return nil
}

// poll observes the watched daemon until stop is closed, then closes
// done.
func (p *Persona) poll(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(p.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			p.proc.observe(p.watchedState(), now)
		}
	}
}

// Stop closes the listener and every connection, as a dying process
// would, and returns once the watch loop has ended (a Start that follows
// never runs two).
func (p *Persona) Stop() error {
	p.mu.Lock()
	srv, polled, xs := p.srv, p.polled, p.xs
	p.srv, p.polled, p.xs = nil, nil, nil
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
	p.mu.Unlock()
	if polled != nil {
		<-polled
	}
	if xs != nil {
		xs.Stop() // the agents see EOF and go to Active
	}
	if srv != nil {
		return srv.Close()
	}
	return nil
}

// Pause freezes the persona: connections are accepted, never answered;
// XMPP sessions go silent, so the agents' hold timers expire.
func (p *Persona) Pause() error {
	p.withServer((*sandesh.Server).Pause, (*xmpp.Server).Pause)
	return nil
}

// Resume answers again.
func (p *Persona) Resume() error {
	p.withServer((*sandesh.Server).Resume, (*xmpp.Server).Resume)
	return nil
}

func (p *Persona) withServer(fn func(*sandesh.Server), xfn func(*xmpp.Server)) {
	p.mu.Lock()
	srv, xs := p.srv, p.xs
	p.mu.Unlock()
	if srv != nil {
		fn(srv)
	}
	if xs != nil {
		xfn(xs)
	}
}

// NodeStatus is what the persona reports now.
func (p *Persona) NodeStatus() schema.NodeStatus {
	var watched *schema.ProcessInfo
	if p.proc != nil {
		pi := p.proc.observe(p.watchedState(), time.Now())
		watched = &pi
	}
	ns := nodeStatus(p.cfg.Host, p.kind.module, watched, p.cfg.Version)
	ns.ProcessStatus[0].ConnectionInfos = append(ns.ProcessStatus[0].ConnectionInfos, p.kind.extra...)
	return ns
}

// watchedState asks the cluster, or probes the daemon's introspect port.
func (p *Persona) watchedState() string {
	if p.cfg.Watch != nil {
		return p.cfg.Watch()
	}
	c, err := net.DialTimeout("tcp", p.cfg.WatchAddr.String(), 300*time.Millisecond)
	if err != nil {
		return "stopped"
	}
	c.Close()
	return "running"
}

func (p *Persona) uveCache(tname, key string) []any {
	period := int32(0)
	if p.kind.python {
		period = -1
	}
	if tname != "NodeStatus" || (key != "" && key != p.cfg.Host) {
		return []any{&schema.SandeshUVECacheResp{Returned: 0, Period: &period}}
	}
	return []any{sandesh.UVE(p.kind.table, &schema.NodeStatusUVE{Data: p.NodeStatus()}),
		&schema.SandeshUVECacheResp{Returned: 1, Period: &period}}
}
