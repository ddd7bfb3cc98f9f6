package collect

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/hosts"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// DefaultParallel is the number of connections open at once.
const DefaultParallel = 64

// Options configure a Collector.
type Options struct {
	// Client holds TLS, proxy, timeout and debug settings; Hosts, Port and
	// File are ignored (Run takes the starting hosts). Policy is always
	// readonly.Check; a Policy given here is asked first.
	Client client.Config
	// Ports overrides the introspect port of roles (default: the role's
	// port in introspect/catalog: ctr 8083, vr 8085, …).
	Ports map[string]int
	// Parallel bounds the connections open at once (default 64).
	Parallel int
	// KeepRaw keeps the bytes of every page (Page.Body): for bundles.
	KeepRaw bool
	// Progress, when set, is told how many nodes are done out of how
	// many, after each node of a phase (one call at a time).
	Progress func(phase string, done, total int)
	// OnResult, when set, is called with each Result once its request is
	// done (skipped ones included), from the worker that asked it: calls
	// for different nodes run at the same time. A bundle writes the
	// pages' bytes there and drops them (Page.Body = nil), so a large
	// collection never holds every page in memory.
	OnResult func(n *Node, r *Result)
	// Deadline, when set, bounds the requests and follow-ups after
	// discovery instead of two Client.Timeouts (a bundle asks each node
	// dozens of pages).
	Deadline time.Duration
	// Colocated adds, for every node of a role found by discovery or
	// given with --host, a node of each listed role at the same address
	// (its role's port): a control node's host also runs contrail-dns and
	// the control nodemgr. Such a node's Found is "colocated:<node>".
	Colocated map[string][]string
}

// Collector runs one collection.
type Collector struct {
	opts   Options
	cl     *client.Client
	sent   atomic.Int64
	fields map[string][]string // Plan.Fields of the run

	nodes []*Node
}

// New checks the options and builds the client.
func New(opts Options) (*Collector, error) {
	if opts.Parallel <= 0 {
		opts.Parallel = DefaultParallel
	}
	for role, p := range opts.Ports {
		if _, ok := catalog.RoleByName(role); !ok {
			return nil, client.Usagef("give an ist role (ctr, vr, collector, …)", "unknown role %q in the port overrides", role)
		}
		if p <= 0 || p > 65535 {
			return nil, client.Usagef("ports are 1-65535", "bad port %d for role %s", p, role)
		}
	}
	for from, roles := range opts.Colocated {
		for _, role := range append([]string{from}, roles...) {
			if _, ok := catalog.RoleByName(role); !ok {
				return nil, client.Usagef("give ist roles (ctr, vr, dns, …)", "unknown role %q among the co-located daemons", role)
			}
		}
	}
	cfg := opts.Client
	// The client's own target list is not used: every node is a NewTarget.
	cfg.Hosts, cfg.File, cfg.Port = []string{"localhost"}, "", 8083
	user := cfg.Policy
	cfg.Policy = func(path string) error {
		if user != nil {
			if err := user(path); err != nil {
				return err
			}
		}
		return readonly.Check(path)
	}
	c := &Collector{opts: opts}
	wrap := cfg.WrapTransport
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper {
		// A connection per node stays idle once its requests are done,
		// each with its read buffer: keep as many as run at once.
		if t, ok := rt.(*http.Transport); ok {
			t.MaxIdleConns = opts.Parallel
			t.IdleConnTimeout = 30 * time.Second
		}
		if wrap != nil {
			rt = wrap(rt)
		}
		return &recorder{next: rt, keep: opts.KeepRaw, sent: &c.sent}
	}
	cl, err := client.New(cfg)
	if err != nil {
		return nil, err
	}
	c.cl = cl
	return c, nil
}

// Port is the introspect port used for role.
func (c *Collector) Port(role string) int {
	if p, ok := c.opts.Ports[role]; ok {
		return p
	}
	r, _ := catalog.RoleByName(role)
	return r.Port
}

// job is the requests of one node in one phase.
type job struct {
	node *Node
	reqs []Request
}

// run asks the jobs' requests, one node per connection, at most
// Parallel at once, and returns when all are done or ctx is over (then
// what was not asked is recorded as skipped).
func (c *Collector) run(ctx context.Context, phase string, jobs []job) {
	if len(jobs) == 0 {
		return
	}
	work := make(chan job)
	done := 0
	var mu sync.Mutex // serialises Progress
	var wg sync.WaitGroup
	workers := min(c.opts.Parallel, len(jobs))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				for _, r := range j.reqs {
					c.fetch(ctx, j.node, r)
				}
				if c.opts.Progress != nil {
					mu.Lock()
					done++
					c.opts.Progress(phase, done, len(jobs))
					mu.Unlock()
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
}

// fetch asks one request of one node and records its Result. A node that
// already failed, or a run past its deadline, is not asked.
func (c *Collector) fetch(ctx context.Context, n *Node, r Request) {
	res := &Result{Request: r, URL: c.cl.URL(n.Target, r.Path), Start: time.Now()}
	n.put(res)
	if c.opts.OnResult != nil {
		defer c.opts.OnResult(n, res)
	}
	switch {
	case n.failed != nil:
		res.Err, res.Skipped = n.failed.Err, true
		return
	case ctx.Err() != nil:
		res.Err, res.Skipped = deadlineError(n, r), true
		return
	}
	if r.Fields == nil {
		r.Fields = c.fields[r.ID]
		res.Request = r
	}
	// Records are copied out of the parser (whole, or their Fields): a
	// kept record then holds only its own memory, not the parser's
	// buffers, and the parser reuses them for the next record.
	var fields map[string]bool
	if len(r.Fields) > 0 {
		fields = map[string]bool{}
		for _, f := range r.Fields {
			fields[f] = true
		}
		if r.ID == IDNeighbors {
			for _, f := range discoveryFields {
				fields[f] = true
			}
		}
	}
	log := &pageLog{}
	creq := client.Request{Path: r.Path, Names: r.Names, Transient: true}
	err := c.cl.Stream(withPageLog(ctx, log), n.Target, creq, func(x *sandesh.Node) error {
		res.Records = append(res.Records, trim(x, fields))
		return nil
	})
	res.Elapsed = time.Since(res.Start)
	res.Pages = log.list()
	if err == nil {
		return
	}
	res.Records = nil // a partial answer would mislead whoever reads it
	var ce *client.Error
	switch {
	case ctx.Err() != nil:
		res.Err = deadlineError(n, r)
	case errors.As(err, &ce):
		res.Err = ce
	default:
		res.Err = &client.Error{Class: client.ClassConnection, Where: n.Target.String(), What: err.Error(), Err: err}
	}
	n.markFailed(res)
}

// deadlineError is the failure of a request the run's deadline stopped.
func deadlineError(n *Node, r Request) *client.Error {
	return &client.Error{Class: client.ClassConnection, Where: n.Target.String() + " " + readonly.Name(r.Path),
		What: "no answer before the run's deadline", Hint: "the node is slow or hung; raise --timeout, or ask it alone with ist",
		Err: context.DeadlineExceeded}
}

// AddResult records a result on the node, as a collection does (for
// readers of a saved collection, and tests): a connection or TLS failure
// makes the node unreachable.
func (n *Node) AddResult(r *Result) {
	n.put(r)
	n.markFailed(r)
}

func (n *Node) markFailed(r *Result) {
	if n.failed == nil && r.Err != nil && (r.Err.Class == client.ClassConnection || r.Err.Class == client.ClassTLS) {
		n.failed = r
	}
}

func (n *Node) put(r *Result) {
	if n.results == nil {
		n.results = map[string]*Result{}
	}
	if _, dup := n.results[r.Request.ID]; !dup {
		n.order = append(n.order, r.Request.ID)
	}
	n.results[r.Request.ID] = r
}

// Run discovers the cluster from the starting control nodes (and the
// hosts file), asks every node plan's requests and follow-ups, and
// returns the collection. The error is non-nil only when no starting
// control node answered (the first one's client error).
func (c *Collector) Run(ctx context.Context, start []string, extra *hosts.File, plan Plan) (*Collection, error) {
	col := &Collection{Start: time.Now(), Timeout: c.opts.Client.Timeout, Hosts: start}
	c.fields = plan.Fields
	if err := c.discover(ctx, start, extra); err != nil {
		return nil, err
	}
	return c.ask(ctx, col, plan), nil
}

// Given is a node to collect without discovery: a role at a host
// ("host", "host:port", URL; the role's port when it has none).
type Given struct{ Role, Host string }

// RunNodes collects the nodes given, with no discovery (an exporter
// reading the daemons of its own node): plan's requests and follow-ups
// under the same deadline as Run. A bad host or role is a usage error.
func (c *Collector) RunNodes(ctx context.Context, nodes []Given, plan Plan) (*Collection, error) {
	col := &Collection{Start: time.Now(), Timeout: c.opts.Client.Timeout}
	c.fields = plan.Fields
	for _, g := range nodes {
		if _, ok := catalog.RoleByName(g.Role); !ok {
			return nil, client.Usagef("give an ist role (ctr, vr, collector, …)", "unknown role %q", g.Role)
		}
		t, err := c.cl.NewTarget(g.Host, c.Port(g.Role))
		if err != nil {
			return nil, err
		}
		n := &Node{Name: g.Host, Role: g.Role, Target: t, Found: []string{"given"}}
		if a, err := netip.ParseAddr(hostOf(t)); err == nil {
			n.Address = a.String()
		}
		c.nodes = append(c.nodes, n)
		col.Hosts = append(col.Hosts, g.Host)
	}
	return c.ask(ctx, col, plan), nil
}

// ask runs plan's requests and follow-ups on the nodes found, with two
// timeouts (or Options.Deadline) for both.
func (c *Collector) ask(ctx context.Context, col *Collection, plan Plan) *Collection {
	rctx := ctx
	if t := c.opts.Client.Timeout; t > 0 || c.opts.Deadline > 0 {
		if c.opts.Deadline > 0 {
			t = c.opts.Deadline
		} else {
			t *= 2
		}
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	if plan.Discovered != nil {
		plan.Discovered(c.nodes)
	}
	if plan.Requests != nil {
		var jobs []job
		for _, n := range c.nodes {
			if reqs := plan.Requests(n); len(reqs) > 0 {
				jobs = append(jobs, job{n, reqs})
			}
		}
		c.run(rctx, "nodes", jobs)
	}
	c.nameFromNodeStatus()
	sortNodes(c.nodes)
	col.Nodes = c.nodes
	if plan.FollowUp != nil {
		// One job per node: a node's requests run on one connection.
		var jobs []job
		at := map[*Node]int{}
		for _, a := range plan.FollowUp(col) {
			if i, ok := at[a.Node]; ok {
				jobs[i].reqs = append(jobs[i].reqs, a.Requests...)
				continue
			}
			at[a.Node] = len(jobs)
			jobs = append(jobs, job{a.Node, a.Requests})
		}
		c.run(rctx, "follow-up", jobs)
	}
	col.End = time.Now()
	col.Sent = c.sent.Load()
	return col
}

// nameFromNodeStatus names the nodes still known only by the host given
// on the command line or in the hosts file after their NodeStatus.
func (c *Collector) nameFromNodeStatus() {
	for _, n := range c.nodes {
		if n.named {
			continue
		}
		if r := n.Result(IDNodeStatus); r.OK() && len(r.Records) > 0 {
			if name := r.Records[0].ChildText("name"); name != "" {
				n.Name, n.named = name, true
			}
		}
	}
}

// String names a node in messages: "control-1 (127.0.1.1:8083)".
func (n *Node) String() string {
	t := n.Target.String()
	if n.Name == "" || n.Name == t {
		return t
	}
	return fmt.Sprintf("%s (%s)", n.Name, t)
}

// trim copies a record out of the parser's reusable memory: whole when
// fields is nil, else only the children named (with their subtrees). The
// copy has no parent.
func trim(x *sandesh.Node, fields map[string]bool) *sandesh.Node {
	if fields == nil {
		return x.Clone(nil)
	}
	out := (&sandesh.Node{Name: x.Name, Attrs: x.Attrs, Text: x.Text}).Clone(nil)
	for _, k := range x.Children {
		if fields[k.Name] {
			out.Children = append(out.Children, k.Clone(out))
		}
	}
	return out
}

// ReadHostsFile reads the --hosts file of a cluster-wide command (nil
// for ""); a bad file is a usage error.
func ReadHostsFile(path string) (*hosts.File, error) {
	if path == "" {
		return nil, nil
	}
	hf, err := hosts.Read(path)
	if err != nil {
		return nil, client.Usagef("check the file given to --hosts", "%v", err)
	}
	return hf, nil
}
