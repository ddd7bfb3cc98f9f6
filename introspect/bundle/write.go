package bundle

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/introspect/readonly"
)

// Config is one bundle run.
type Config struct {
	// Collect holds the client (TLS, proxy, timeout), ports and
	// parallelism; KeepRaw, OnResult and Colocated are set by Write.
	Collect   collect.Options
	Hosts     []string // the control nodes to start from
	HostsFile string   // hosts file ("" none)
	Output    string   // the .tar.gz to write
	Tables    TableSelection
	Tool      string // "tfkit ist <version>"
	Command   string // the command line (masked before it is saved)
	Doctor    doctor.Options
	// Progress, when set, is told the phase, the nodes done out of how
	// many, and the bytes written so far (one call at a time).
	Progress func(phase string, done, total int, bytes int64)
}

// Write collects the cluster and writes the bundle: every page of every
// node (secrets masked), the doctor's findings and the manifest. The
// file appears complete or not at all (written under a temporary name,
// then renamed). The error is a usage error (bad hosts file, output not
// writable: exit 2), or the starting hosts' client error (no starting
// control node answered: 3–6).
func Write(ctx context.Context, cfg Config) (*Manifest, *doctor.Report, error) {
	hf, err := collect.ReadHostsFile(cfg.HostsFile)
	if err != nil {
		return nil, nil, err
	}
	dir, base := filepath.Split(cfg.Output)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, nil, client.Usagef("give -o a file in a writable directory", "cannot write the bundle: %v", unwrapPath(err))
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := &writer{aw: &archiveWriter{f: f}, locs: map[*collect.Result][]pageLoc{}, seq: map[*collect.Node]*atomic.Int64{}}
	opts := cfg.Collect
	opts.KeepRaw, opts.OnResult, opts.Colocated = true, w.onResult, Colocated
	if cfg.Progress != nil {
		opts.Progress = func(phase string, d, t int) { cfg.Progress(phase, d, t, w.aw.size()) }
	}
	c, err := collect.New(opts)
	if err != nil {
		return nil, nil, err
	}
	p := newPlanner(cfg.Tables)
	col, err := c.Run(ctx, cfg.Hosts, hf, p.plan())
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err // interrupted: no bundle
	}
	present, absent := splitAbsent(col.Nodes)
	view := *col
	view.Nodes = present
	rep := doctor.Evaluate(doctorView(&view), doctor.Checks, cfg.Doctor, time.Now())
	m := w.manifest(&view, absent, cfg)
	m.VRTables = cfg.Tables.describe(len(col.ByRole(collect.RoleVRouter)))
	for _, e := range []struct{ name, format string }{{FindingsJSON, "json"}, {FindingsText, "text"}} {
		b, err := doctor.Append(nil, rep, e.format)
		if err != nil {
			return nil, nil, err
		}
		// Findings carry evidence URLs (the proxy's, with its password).
		if err := w.file(m, e.name, []byte(maskText(string(b)))); err != nil {
			return nil, nil, err
		}
	}
	js, err := marshalManifest(m)
	if err != nil {
		return nil, nil, err
	}
	if err := w.aw.finish(js); err != nil {
		return nil, nil, writeError(err)
	}
	if w.err != nil {
		return nil, nil, writeError(w.err)
	}
	if err := f.Sync(); err != nil {
		return nil, nil, writeError(err)
	}
	if err := f.Close(); err != nil {
		return nil, nil, writeError(err)
	}
	if err := os.Rename(f.Name(), cfg.Output); err != nil {
		return nil, nil, writeError(err)
	}
	done = true
	return m, rep, nil
}

func writeError(err error) error {
	return &client.Error{Class: client.ClassUsage, What: "cannot write the bundle: " + unwrapPath(err).Error(), Hint: "check the space and permissions of -o's directory", Err: err}
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// writer stores the pages of each result as the collection goes.
type writer struct {
	aw   *archiveWriter
	mu   sync.Mutex
	locs map[*collect.Result][]pageLoc
	seq  map[*collect.Node]*atomic.Int64
	err  error
	read atomic.Int64 // page bytes read
}

// pageLoc is where a page's body went.
type pageLoc struct {
	entry string
	loc   Loc
}

// onResult compresses the bodies of a result's pages (in the worker
// that fetched them), appends them and drops them from memory.
func (w *writer) onResult(n *collect.Node, r *collect.Result) {
	if len(r.Pages) == 0 {
		return
	}
	w.mu.Lock()
	seq := w.seq[n]
	if seq == nil {
		seq = &atomic.Int64{}
		w.seq[n] = seq
	}
	w.mu.Unlock()
	locs := make([]pageLoc, len(r.Pages))
	for i := range r.Pages {
		p := &r.Pages[i]
		w.read.Add(p.Size)
		if p.Body == nil && p.Status == 0 {
			continue
		}
		name := fmt.Sprintf("%snodes/%s/%s/%05d-%s.xml", prefix, n.Role, fileSafe(n.Target.Addr), seq.Add(1), readonly.Name(pagePath(p.URL)))
		m, err := member(name, maskBody(p.Body), p.Start)
		p.Body = nil
		if err == nil {
			var l Loc
			if l, err = w.aw.add(m); err == nil {
				locs[i] = pageLoc{name, l}
			}
		}
		if err != nil {
			w.mu.Lock()
			if w.err == nil {
				w.err = err
			}
			w.mu.Unlock()
			return
		}
	}
	w.mu.Lock()
	w.locs[r] = locs
	w.mu.Unlock()
}

// file adds a whole entry and lists it in the manifest.
func (w *writer) file(m *Manifest, name string, data []byte) error {
	b, err := member(name, data, m.Created)
	if err != nil {
		return err
	}
	l, err := w.aw.add(b)
	if err != nil {
		return writeError(err)
	}
	m.Files[name] = l
	return nil
}

// manifest describes the collection and where each page went.
func (w *writer) manifest(col *collect.Collection, absent []*collect.Node, cfg Config) *Manifest {
	m := &Manifest{Schema: Schema, Tool: cfg.Tool, Command: maskText(cfg.Command), Created: col.Start, Elapsed: col.End.Sub(col.Start),
		Hosts: col.Hosts, Timeout: col.Timeout, Parallel: cfg.Collect.Parallel, Requests: col.Sent, Bytes: w.read.Load(),
		Files: map[string]Loc{}, Failures: []Failure{}}
	if m.Parallel <= 0 {
		m.Parallel = collect.DefaultParallel
	}
	for _, n := range col.Nodes {
		mn := w.node(n)
		m.Nodes = append(m.Nodes, mn)
		if mn.Unreachable != "" {
			m.Failures = append(m.Failures, Failure{Node: n.String(), What: mn.Unreachable})
			continue
		}
		for _, r := range mn.Requests {
			if r.Error != "" {
				m.Failures = append(m.Failures, Failure{Node: n.String(), Request: readonly.Name(r.Path), What: r.What})
			}
		}
	}
	for _, n := range absent {
		m.Absent = append(m.Absent, w.node(n))
	}
	return m
}

func (w *writer) node(n *collect.Node) Node {
	mn := Node{Name: n.Name, Role: n.Role, Address: n.Address, Target: n.Target.Addr, Scheme: n.Target.Scheme, Found: n.Found}
	if u := n.Unreachable(); u != nil {
		mn.Unreachable = maskText(u.Err.What)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range n.Results() {
		mr := Request{ID: r.Request.ID, Path: r.Request.Path, URL: maskText(r.URL), Start: r.Start, Elapsed: r.Elapsed, Skipped: r.Skipped, Pages: []Page{}}
		if r.Err != nil {
			mr.Error, mr.What, mr.Class = maskText(r.Err.Error()), maskText(r.Err.What), int(r.Err.Class)
		}
		locs := w.locs[r]
		for i, p := range r.Pages {
			mp := Page{Path: maskText(pagePath(p.URL)), Status: p.Status, Size: p.Size, Start: p.Start, Elapsed: p.Elapsed, Error: maskText(p.Err)}
			if i < len(locs) {
				mp.Entry, mp.Loc = locs[i].entry, locs[i].loc
			}
			mr.Pages = append(mr.Pages, mp)
		}
		mn.Requests = append(mn.Requests, mr)
	}
	return mn
}

// doctorView is the collection as ist doctor would have made it: the
// nodes with their doctor requests only (a catalogue request that fails,
// such as IFMapPeerServerInfoReq on TF control nodes, is no finding).
func doctorView(col *collect.Collection) *collect.Collection {
	out := *col
	out.Nodes = nil
	for _, n := range col.Nodes {
		d := &collect.Node{Name: n.Name, Role: n.Role, Address: n.Address, Target: n.Target, Found: n.Found}
		for _, r := range n.Results() {
			if !collect.IsCatalog(r.Request.ID) {
				d.AddResult(r)
			}
		}
		out.Nodes = append(out.Nodes, d)
	}
	return &out
}

// splitAbsent separates the co-located daemons that refused every
// connection (not deployed on that host).
func splitAbsent(nodes []*collect.Node) (present, absent []*collect.Node) {
	for _, n := range nodes {
		if Absent(n) {
			absent = append(absent, n)
			continue
		}
		present = append(present, n)
	}
	return present, absent
}

// Absent reports whether n is a co-located daemon (Colocated) that
// refused the connection: not deployed on that host, so not a node.
func Absent(n *collect.Node) bool {
	u := n.Unreachable()
	return colocated(n) && u != nil && u.Err.What == "connection refused"
}

func colocated(n *collect.Node) bool {
	for _, f := range n.Found {
		if !strings.HasPrefix(f, "colocated:") {
			return false
		}
	}
	return len(n.Found) > 0
}

// pagePath is the request path of a page's URL ("Snh_…?…"), the URL the
// web-UI proxy wraps included.
func pagePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if strings.HasSuffix(u.Path, "/forward-proxy") {
		if inner, err := url.Parse(u.Query().Get("proxyURL")); err == nil {
			u = inner
		}
	}
	return strings.TrimPrefix(u.RequestURI(), "/")
}

// fileSafe makes host:port a directory name.
func fileSafe(s string) string { return safeName.Replace(s) }

var safeName = strings.NewReplacer(":", "_", "/", "_", "[", "", "]", "")
