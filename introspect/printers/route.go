package printers

import (
	"bytes"
	"io"
	"maps"

	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// routeShow is ist.py's showRoute_CTR (spec §6.4). It formats each
// ShowRoute as soon as it is parsed and keeps only text, so memory does
// not grow with the routes.
type routeShow struct {
	opt Options
	chunked
	printed map[string]bool // table names whose header is printed
	last    string          // the latest of them: routes come table by table
	paths   []*sandesh.Node // the current route's paths (reused)
}

const pathIndent = "    "

// routeShowKeep is every element routeShow reads inside its records
// (header, route, appendPath with --last, the list fields' texts) and
// those on the way, so the parser need not build a route's other fields
// (Keep); routeShowDetailKeep adds what --detail prints. A test compares
// the output with and without them.
var (
	routeShowKeep = keepSet(nil,
		// ShowRouteTable (header), and the way to its ShowRoutes
		"routing_table_name", "prefixes", "paths", "primary_paths", "secondary_paths",
		"infeasible_paths", "routes", "list",
		// ShowRoute, and the way to its paths (paths, list)
		"prefix", "last_modified", "ShowRoutePath",
		// ShowRoutePath (pathFields), and the way to tunnel_encap's texts
		"protocol", "source", "local_preference", "next_hop", "label", "as_path",
		"tunnel_encap", "element")
	routeShowDetailKeep = keepSet(routeShowKeep, "primary_table", "origin_vn", "origin_vn_path", "communities")
)

// keepSet is base's names and names.
func keepSet(base map[string]bool, names ...string) map[string]bool {
	m := maps.Clone(base)
	if m == nil {
		m = make(map[string]bool, len(names))
	}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Add formats one record. One routeShow serves one host (see Streaming).
// A printed route is not released (its child links cut): the parser
// starts fresh slabs after each delivered record (or reuses them, when
// transient), so a printed route keeps no later one alive.
func (r *routeShow) Add(_, _ string, n *sandesh.Node) error {
	switch n.Name {
	case "ShowRouteTable":
		r.header(n)
	case "ShowRoute":
		if t := ancestor(n, "ShowRouteTable"); t != nil {
			r.header(t)
		}
		r.route(n)
	}
	return r.next(r.opt.MaxBytes)
}

func (r *routeShow) Output() ([]byte, error) {
	if len(r.done) == 0 {
		return r.b, nil
	}
	return bytes.Join(r.chunks(), nil), nil
}

// WriteTo writes what Output returns, chunk by chunk (see Sink).
func (r *routeShow) WriteTo(w io.Writer) (int64, error) {
	return writeChunks(w, r.chunks())
}

// header prints "<table>: N destinations, …" once per table name.
func (r *routeShow) header(t *sandesh.Node) {
	name := childText(t, "routing_table_name")
	if name == r.last || r.printed[name] {
		return
	}
	r.printed[name] = true
	r.last = name
	r.b = append(r.b, '\n')
	r.b = append(r.b, name...)
	r.b = append(r.b, ": "...)
	r.b = append(r.b, childText(t, "prefixes")...)
	r.b = append(r.b, " destinations, "...)
	r.b = append(r.b, childText(t, "paths")...)
	r.b = append(r.b, " routes ("...)
	r.b = append(r.b, childText(t, "primary_paths")...)
	r.b = append(r.b, " primary, "...)
	r.b = append(r.b, childText(t, "secondary_paths")...)
	r.b = append(r.b, " secondary, "...)
	r.b = append(r.b, childText(t, "infeasible_paths")...)
	r.b = append(r.b, " infeasible)\n"...)
}

// route prints one route and its paths; with --last, an old route shows
// only its recent paths, each after its own prefix line (as ist.py does).
func (r *routeShow) route(rt *sandesh.Node) {
	clear(r.paths) // no stale node pointers past the route
	r.paths = descendants(rt, "ShowRoutePath", r.paths[:0])
	paths := r.paths
	if len(paths) == 0 {
		return
	}
	modified := childText(rt, "last_modified")
	rtAge, d, ok := r.opt.age(modified)
	prefixLine := func() {
		r.b = append(r.b, '\n')
		r.b = append(r.b, childText(rt, "prefix")...)
		r.b = append(r.b, ", age: "...)
		r.b = append(r.b, rtAge...)
		r.b = append(r.b, ", last_modified: "...)
		r.b = append(r.b, modified...)
		r.b = append(r.b, '\n')
	}
	if r.opt.Last > 0 && ok && d > r.opt.Last {
		for _, p := range paths {
			if _, pd, ok := r.opt.age(childText(p, "last_modified")); ok && pd <= r.opt.Last {
				prefixLine()
				r.b = appendPath(r.b, pathIndent, p, r.opt)
				r.b = append(r.b, '\n')
			}
		}
		return
	}
	prefixLine()
	for _, p := range paths {
		r.b = appendPath(r.b, pathIndent, p, r.opt)
		r.b = append(r.b, '\n')
	}
}

// appendPath is ist.py's pathToStr: one line per path, the detail lines,
// or (raw) every field of the path as text.
func appendPath(b []byte, indent string, p *sandesh.Node, opt Options) []byte {
	if opt.Raw {
		start := len(b)
		for _, c := range p.Children {
			b = append(b, render.ElementToStr(indent, c)...)
		}
		return b[:start+len(bytes.TrimRight(b[start:], " \t\r\n\v\f"))]
	}
	var f pathFields
	f.read(p)
	modified := pyText(f.modified)
	pAge, _, _ := opt.age(modified)
	b = append(b, indent...)
	b = append(b, '[')
	b = append(b, pyText(f.protocol)...)
	b = append(b, '|')
	b = append(b, pyText(f.source)...)
	b = append(b, "] age: "...)
	b = append(b, pAge...)
	b = append(b, ", localpref: "...)
	b = append(b, pyText(f.localPref)...)
	b = append(b, ", nh: "...)
	b = append(b, pyText(f.nextHop)...)
	b = append(b, ", encap: "...)
	b = f.encap.appendRepr(b, p, "tunnel_encap")
	b = append(b, ", label: "...)
	b = append(b, pyText(f.label)...)
	b = append(b, ", AS path: "...)
	b = append(b, pyText(f.asPath)...)
	if opt.Detail {
		b = append(b, '\n')
		b = append(b, indent+indent+"primary table: "...)
		b = append(b, pyText(f.primaryTable)...)
		b = append(b, ", origin vn: "...)
		b = append(b, pyText(f.originVN)...)
		b = append(b, ", origin_vn_path: "...)
		b = f.originVNPath.appendRepr(b, p, "origin_vn_path")
		b = append(b, '\n')
		b = append(b, indent+indent+"communities: "...)
		b = f.communities.appendRepr(b, p, "communities")
		b = append(b, '\n')
		b = append(b, indent+indent+"last modified: "...)
		b = append(b, modified...)
	}
	return b
}

// pathFields are the fields of a ShowRoutePath that pathToStr prints,
// found in one pass over the path's ~30 children instead of one scan per
// field: each is the first child of its name (childText), nil if none.
type pathFields struct {
	protocol, source, modified, localPref, nextHop, label, asPath *sandesh.Node
	primaryTable, originVN                                        *sandesh.Node
	encap, originVNPath, communities                              listField
}

// listField is a list field of a path: its first node and how many
// children of the path have its name.
type listField struct {
	first *sandesh.Node
	n     int
}

func (f *pathFields) read(p *sandesh.Node) {
	for _, c := range p.Children {
		var one **sandesh.Node
		switch c.Name {
		case "protocol":
			one = &f.protocol
		case "source":
			one = &f.source
		case "last_modified":
			one = &f.modified
		case "local_preference":
			one = &f.localPref
		case "next_hop":
			one = &f.nextHop
		case "label":
			one = &f.label
		case "as_path":
			one = &f.asPath
		case "primary_table":
			one = &f.primaryTable
		case "origin_vn":
			one = &f.originVN
		case "tunnel_encap":
			f.encap.add(c)
		case "origin_vn_path":
			f.originVNPath.add(c)
		case "communities":
			f.communities.add(c)
		}
		if one != nil && *one == nil {
			*one = c
		}
	}
}

func (l *listField) add(c *sandesh.Node) {
	if l.n == 0 {
		l.first = c
	}
	l.n++
}

// appendRepr appends pyListRepr(listTexts(p, field)): from the one node
// when there is one (always, in a daemon's answer), else by scanning p.
func (l listField) appendRepr(b []byte, p *sandesh.Node, field string) []byte {
	if l.n > 1 {
		return appendListRepr(b, p, field)
	}
	var buf [8]string
	texts := buf[:0]
	if l.first != nil {
		texts = appendFieldTexts(texts, l.first)
	}
	return appendPyListRepr(b, texts)
}

// appendRoute is ist.py's routeToStr (used by sc -r -d): the prefix line
// at indent, then each path at twice the indent, right-stripped.
func appendRoute(b []byte, indent string, rt *sandesh.Node, opt Options) []byte {
	start := len(b)
	rtAge, _, _ := opt.age(childText(rt, "last_modified"))
	b = append(b, indent...)
	b = append(b, childText(rt, "prefix")...)
	b = append(b, ", age: "...)
	b = append(b, rtAge...)
	b = append(b, ", last_modified: "...)
	b = append(b, childText(rt, "last_modified")...)
	for _, p := range descendants(rt, "ShowRoutePath", nil) {
		b = append(b, '\n')
		b = appendPath(b, indent+indent, p, opt)
	}
	return b[:start+len(bytes.TrimRight(b[start:], " \t\r\n\v\f"))]
}

// ancestor returns the nearest ancestor of n called name.
func ancestor(n *sandesh.Node, name string) *sandesh.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// descendants appends n's descendants called name, in document order
// (xpath ".//name").
func descendants(n *sandesh.Node, name string, out []*sandesh.Node) []*sandesh.Node {
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
		if len(c.Children) > 0 { // most fields are leaves: no call
			out = descendants(c, name, out)
		}
	}
	return out
}
