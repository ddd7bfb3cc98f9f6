package bundle

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
)

// Bundle is an opened bundle file: its manifest, and each page's body
// read on demand.
type Bundle struct {
	Path     string
	Manifest *Manifest
	ar       *archiveReader
	pages    []map[string]*Page // per node of Manifest.Nodes: path -> best page
}

// Open reads a bundle's manifest. A file that is not a bundle is a
// usage error (exit 2).
func Open(path string) (*Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, client.Usagef("check the path given to --bundle", "cannot read %s: %v", path, unwrapPath(err))
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		err = fmt.Errorf("a directory")
	}
	if err != nil {
		f.Close()
		return nil, client.Usagef("give a file written by ist bundle", "cannot read %s: %v", path, err)
	}
	b := &Bundle{Path: path, ar: &archiveReader{f: f, size: st.Size()}}
	bad := func(err error) (*Bundle, error) {
		f.Close()
		return nil, client.Usagef("give a file written by ist bundle (tar tzf lists its entries)", "%s: %v", path, err)
	}
	loc, err := b.ar.manifestLoc()
	if err != nil {
		return bad(err)
	}
	raw, err := b.ar.entry(loc)
	if err != nil {
		return bad(fmt.Errorf("manifest: %w", err))
	}
	m := &Manifest{}
	if err := json.Unmarshal(raw, m); err != nil {
		return bad(fmt.Errorf("manifest: %w", err))
	}
	if !strings.HasPrefix(m.Schema, "tfkit.bundle/") {
		return bad(fmt.Errorf("manifest schema %q is not a tfkit bundle's", m.Schema))
	}
	b.Manifest = m
	for i := range m.Nodes {
		idx := map[string]*Page{}
		for j := range m.Nodes[i].Requests {
			r := &m.Nodes[i].Requests[j]
			for k := range r.Pages {
				p := &r.Pages[k]
				if old := idx[p.Path]; old == nil || better(p, old) {
					idx[p.Path] = p
				}
			}
		}
		b.pages = append(b.pages, idx)
	}
	return b, nil
}

// better prefers a complete answer, then the longer one (a prefetch the
// client dropped may have been cut short).
func better(p, old *Page) bool {
	ok := func(p *Page) bool { return p.Status == 200 && p.Error == "" }
	if ok(p) != ok(old) {
		return ok(p)
	}
	return p.Size > old.Size
}

// Close releases the file.
func (b *Bundle) Close() error { return b.ar.f.Close() }

// File reads a whole entry listed in Manifest.Files (the findings).
func (b *Bundle) File(name string) ([]byte, error) {
	l, ok := b.Manifest.Files[name]
	if !ok {
		return nil, fmt.Errorf("%s holds no %s", b.Path, name)
	}
	return b.ar.entry(l)
}

// Body reads the body of a page.
func (b *Bundle) Body(p *Page) ([]byte, error) {
	if p.Entry == "" {
		return nil, nil
	}
	return b.ar.entry(p.Loc)
}

// openBody streams the body of a page (empty when none was read).
func (b *Bundle) openBody(p *Page) (io.Reader, error) {
	if p.Entry == "" {
		return strings.NewReader(""), nil
	}
	rd, _, err := b.ar.open(p.Loc)
	return rd, err
}

// NodeAt finds the node asked at hostport ("host:port" as the client
// builds it): the node reached there; else the node of that address,
// name or host whose target has that port, or whose role's default port
// it is (ist --bundle b --host vrouter-1 vr … asks port 8085).
func (b *Bundle) NodeAt(hostport string) (int, error) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, ""
	}
	nodes := b.Manifest.Nodes
	for i, n := range nodes {
		if n.Target == hostport {
			return i, nil
		}
	}
	named := func(n Node) bool {
		th, _, _ := net.SplitHostPort(n.Target)
		return n.Address == host || n.Name == host || th == host
	}
	for i, n := range nodes {
		if _, tp, _ := net.SplitHostPort(n.Target); named(n) && tp == port {
			return i, nil
		}
	}
	p, _ := strconv.Atoi(port)
	for i, n := range nodes {
		if r, ok := catalog.RoleByName(n.Role); ok && named(n) && r.Port == p {
			return i, nil
		}
	}
	var some []string
	for _, n := range nodes {
		if len(some) == 6 {
			some = append(some, "…")
			break
		}
		some = append(some, fmt.Sprintf("%s %s %s", n.Role, n.Name, n.Target))
	}
	return -1, &client.Error{Class: client.ClassUsage, What: fmt.Sprintf("the bundle holds no node at %s", hostport),
		Hint: fmt.Sprintf("give --host one of its %d nodes (%s; tar xzOf %s %s lists them)", len(nodes), strings.Join(some, ", "), b.Path, ManifestName)}
}

// Page finds the saved answer to path of node i (nil when the bundle
// did not collect it).
func (b *Bundle) Page(i int, path string) *Page { return b.pages[i][path] }

// ExitCodeOf is the exit code of an error of this package (the client's
// class; 1 for others).
func ExitCodeOf(err error) int { return client.ExitCode(err) }
