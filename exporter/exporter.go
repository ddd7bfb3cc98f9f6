package exporter

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tfkit/tfkit/introspect/bundle"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// DefaultListen is tf-exporter's address (packaging/k8s/tf-exporter.yaml
// assumes it).
const DefaultListen = ":9750"

// Config says what to scrape.
type Config struct {
	// Collect holds the client (TLS, proxy, token, per-request timeout),
	// the ports per role and the parallelism.
	Collect collect.Options
	// Controls are control nodes to find the whole cluster from (--host).
	Controls []string
	// Hosts are hosts whose daemons are read, every role of Roles at its
	// port (--hosts; a DaemonSet gives its node's address).
	Hosts []string
	Roles []string // nil: every ist role
	// ScrapeTimeout bounds one scrape (default 10 s).
	ScrapeTimeout time.Duration
}

// Exporter is a prometheus.Collector that reads introspect on each scrape.
type Exporter struct {
	cfg  Config
	mu   sync.Mutex        // one scrape at a time: a second waits and reads the cluster again
	seen map[string]string // with Hosts: the daemons that answered once ("role@host") and their names
}

// New checks the configuration.
func New(cfg Config) (*Exporter, error) {
	if (len(cfg.Controls) == 0) == (len(cfg.Hosts) == 0) {
		return nil, client.Usagef("give control nodes with --host (the whole cluster) or hosts with --hosts (their daemons)", "give either --host or --hosts")
	}
	if cfg.ScrapeTimeout <= 0 {
		cfg.ScrapeTimeout = 10 * time.Second
	}
	if cfg.Roles == nil {
		for _, r := range catalog.Roles() {
			cfg.Roles = append(cfg.Roles, r.Name)
		}
	}
	for _, r := range cfg.Roles {
		if _, ok := catalog.RoleByName(r); !ok {
			return nil, client.Usagef("give ist roles (ctr, vr, dns, nodemgr_vr, …)", "unknown role %q", r)
		}
	}
	if _, err := collect.New(cfg.Collect); err != nil {
		return nil, err
	}
	return &Exporter{cfg: cfg, seen: map[string]string{}}, nil
}

// Handler serves /metrics: this exporter's metrics only.
func (e *Exporter) Handler() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(e)
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Describe sends every metric's description.
func (e *Exporter) Describe(ch chan<- *prometheus.Desc) {
	for _, m := range Metrics {
		ch <- m.desc
	}
}

// Request IDs of the exporter's own requests.
const (
	idFlowTable = "flowtable"
	idDrops     = "dropstats"
)

// plan is what one scrape asks each role.
func (e *Exporter) plan() collect.Plan {
	flows := collect.Request{ID: idFlowTable, Path: catalog.PathOf(nil, collect.RoleVRouter, "flowtable"), Names: []string{"SandeshFlowTableInfoResp"},
		Fields: []string{"flow_count", "max_flows", "total_added", "total_deleted"}}
	drops := collect.Request{ID: idDrops, Path: catalog.PathOf(nil, collect.RoleVRouter, "dropstats"), Names: []string{"KDropStatsResp"}}
	discovered := len(e.cfg.Controls) > 0
	return collect.Plan{
		Requests: func(n *collect.Node) []collect.Request {
			out := []collect.Request{collect.NodeStatus()}
			switch n.Role {
			case collect.RoleControl:
				if !discovered {
					out = append(out, collect.Neighbors())
				}
				out = append(out, collect.RouteSummary())
			case collect.RoleVRouter:
				out = append(out, collect.XMPPConnections(), collect.Interfaces(), flows, drops)
			}
			return out
		},
		Fields: map[string][]string{
			collect.IDNeighbors:    {"peer", "peer_address", "peer_asn", "encoding", "state", "flap_count", "primary_path_count"},
			collect.IDXMPP:         {"controller_ip", "state", "flap_count"},
			collect.IDInterfaces:   {"name", "active"},
			collect.IDRouteSummary: {"name", "prefixes", "paths"},
		},
	}
}

// scrape collects the cluster (or the hosts' daemons) once.
func (e *Exporter) scrape(ctx context.Context) (*collect.Collection, error) {
	opts := e.cfg.Collect
	opts.Deadline = e.cfg.ScrapeTimeout
	if len(e.cfg.Controls) > 0 {
		opts.Colocated = bundle.Colocated // the nodemgrs: process states
	}
	// Each scrape has its own transport: close its connections after.
	var tr []*http.Transport
	var mu sync.Mutex
	wrap := opts.Client.WrapTransport
	opts.Client.WrapTransport = func(rt http.RoundTripper) http.RoundTripper {
		if t, ok := rt.(*http.Transport); ok {
			mu.Lock()
			tr = append(tr, t)
			mu.Unlock()
		}
		if wrap != nil {
			rt = wrap(rt)
		}
		return rt
	}
	defer func() {
		for _, t := range tr {
			t.CloseIdleConnections()
		}
	}()
	c, err := collect.New(opts)
	if err != nil {
		return nil, err
	}
	if len(e.cfg.Controls) > 0 {
		return c.Run(ctx, e.cfg.Controls, nil, e.plan())
	}
	var given []collect.Given
	for _, h := range e.cfg.Hosts {
		for _, r := range e.cfg.Roles {
			given = append(given, collect.Given{Role: r, Host: h})
		}
	}
	return c.RunNodes(ctx, given, e.plan())
}

// Collect reads the cluster and sends every metric.
func (e *Exporter) Collect(ch chan<- prometheus.Metric) {
	e.mu.Lock()
	defer e.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.ScrapeTimeout)
	defer cancel()
	start := time.Now()
	col, err := e.scrape(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(mUp.desc, err)
		return
	}
	failed := 0
	for _, n := range col.Nodes {
		key := n.Role + "@" + n.Target.Label
		name, seen := e.seen[key]
		switch {
		case bundle.Absent(n):
			continue // no such daemon beside that node
		case len(e.cfg.Hosts) > 0 && refused(n) && !seen:
			continue // no such daemon on that host (a daemon that answered once and now refuses is down: tf_up 0)
		case n.Result(collect.IDNodeStatus).OK():
			e.seen[key] = n.Name
		case seen:
			n.Name = name // the name it had when it answered, for the same series
		}
		for _, r := range n.Results() {
			if r.Err != nil {
				failed++
			}
		}
		emitNode(ch, n)
	}
	send(ch, mScrapeSeconds, time.Since(start).Seconds())
	send(ch, mScrapeReqs, float64(col.Sent))
	send(ch, mScrapeFailed, float64(failed))
}

// refused: a given daemon that refused the connection is not there.
func refused(n *collect.Node) bool {
	u := n.Unreachable()
	return u != nil && u.Err.What == "connection refused"
}

func send(ch chan<- prometheus.Metric, m *Metric, v float64, labels ...string) {
	ch <- prometheus.MustNewConstMetric(m.desc, m.Type, v, labels...)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// num reads a counter or gauge from a record's child (0 when absent).
func num(r *sandesh.Node, child string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(r.ChildText(child)), 64)
	return v
}

// records is a request's records (none when it failed or was not asked).
func records(n *collect.Node, id string) []*sandesh.Node {
	if r := n.Result(id); r.OK() {
		return r.Records
	}
	return nil
}

// emitNode sends the metrics of one daemon.
func emitNode(ch chan<- prometheus.Metric, n *collect.Node) {
	status := n.Result(collect.IDNodeStatus)
	send(ch, mUp, b2f(status.OK()), n.Name, n.Role, n.Address)
	for _, ns := range records(n, collect.IDNodeStatus) {
		for _, p := range ns.All("ProcessStatus") {
			mod, st := p.ChildText("module_id"), p.ChildText("state")
			send(ch, mProcess, b2f(st == "Functional"), n.Name, n.Role, mod)
			send(ch, mProcState, 1, n.Name, n.Role, mod, st)
			for _, c := range p.All("ConnectionInfo") {
				send(ch, mConnection, b2f(c.ChildText("status") == "Up"), n.Name, n.Role, c.ChildText("type"), c.ChildText("name"))
			}
		}
		for _, p := range ns.All("ProcessInfo") {
			name := p.ChildText("process_name")
			send(ch, mProcRunning, b2f(p.ChildText("process_state") == "PROCESS_STATE_RUNNING"), n.Name, n.Role, name)
			send(ch, mProcStarts, num(p, "start_count"), n.Name, n.Role, name)
			send(ch, mProcExits, num(p, "exit_count"), n.Name, n.Role, name)
		}
	}
	for _, r := range records(n, collect.IDNeighbors) {
		peer, st := r.ChildText("peer"), r.ChildText("state")
		if r.ChildText("encoding") == "XMPP" {
			send(ch, mXMPPUp, b2f(st == "Established"), n.Name, peer, r.ChildText("peer_address"))
			send(ch, mXMPPFlaps, num(r, "flap_count"), n.Name, peer)
			send(ch, mXMPPPaths, num(r, "primary_path_count"), n.Name, peer)
			continue
		}
		send(ch, mBGPUp, b2f(st == "Established"), n.Name, peer, r.ChildText("peer_address"), r.ChildText("peer_asn"))
		send(ch, mBGPState, 1, n.Name, peer, st)
		send(ch, mBGPFlaps, num(r, "flap_count"), n.Name, peer)
		send(ch, mBGPPaths, num(r, "primary_path_count"), n.Name, peer)
	}
	for _, r := range records(n, collect.IDRouteSummary) {
		send(ch, mRoutes, num(r, "prefixes"), n.Name, r.ChildText("name"))
		send(ch, mRoutePaths, num(r, "paths"), n.Name, r.ChildText("name"))
	}
	if n.Role != collect.RoleVRouter || !status.OK() {
		return
	}
	up := 0
	for _, r := range records(n, collect.IDXMPP) {
		est := r.ChildText("state") == "Established"
		if est {
			up++
		}
		send(ch, mAgentXMPP, b2f(est), n.Name, r.ChildText("controller_ip"))
		send(ch, mAgentXMPPFlap, num(r, "flap_count"), n.Name, r.ChildText("controller_ip"))
	}
	send(ch, mAgentSessions, float64(up), n.Name)
	if itfs := n.Result(collect.IDInterfaces); itfs.OK() {
		active := 0
		for _, r := range itfs.Records {
			if strings.HasPrefix(r.ChildText("active"), "Active") {
				active++
			}
		}
		send(ch, mInterfaces, float64(active), n.Name, "active")
		send(ch, mInterfaces, float64(len(itfs.Records)-active), n.Name, "inactive")
	}
	for _, r := range records(n, idFlowTable) {
		send(ch, mFlows, num(r, "flow_count"), n.Name)
		send(ch, mFlowsMax, num(r, "max_flows"), n.Name)
		send(ch, mFlowsAdded, num(r, "total_added"), n.Name)
		send(ch, mFlowsDeleted, num(r, "total_deleted"), n.Name)
	}
	for _, r := range records(n, idDrops) {
		for _, c := range r.Children {
			if reason, ok := strings.CutPrefix(c.Name, "ds_"); ok && reason != "rid" {
				send(ch, mDrops, num(r, c.Name), n.Name, reason)
			}
		}
	}
}
