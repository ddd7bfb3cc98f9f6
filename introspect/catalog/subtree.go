package catalog

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Helpers for ist.py xpaths that are more than "//Record" or "//Record/field":
// "//a/list/B" (a record only under a given parent) and a list of absolute
// paths printed one after the other ("/Resp/x", "/Resp/y/Z").

// underPath is the predicate of ist.py's "//<path>/<record>": the record's
// ancestors, nearest first, are the elements of path read right to left
// ("table_info/list"). The client keeps that chain when the outermost one
// is also a selected record (Stream hands nested records over with their
// selected ancestors), so a query using it lists path's first element in
// Records too; that element itself is never printed.
func underPath(path string) func(Input, *sandesh.Node) bool {
	names := strings.Split(path, "/")
	return func(_ Input, n *sandesh.Node) bool {
		p := n.Parent
		for i := len(names) - 1; i >= 0; i-- {
			if p == nil || p.Name != names[i] {
				return false
			}
			p = p.Parent
		}
		return true
	}
}

// onlyPaths is ist.py printing several paths of one response in turn
// ("/Resp/rx_socket_stats", …, "/Resp/errors/DbErrors"): it replaces the
// record's children by the elements found at each relative path, in the
// order given (paths first, document order within a path), and keeps the
// record. With Field "*" those elements are what is printed; JSON shows the
// record trimmed to them. The record is the caller's own copy (one per
// fetch), so trimming it in place is safe.
func onlyPaths(paths ...string) func(Input, *sandesh.Node) bool {
	split := make([][]string, len(paths))
	for i, p := range paths {
		split[i] = strings.Split(p, "/")
	}
	return func(_ Input, n *sandesh.Node) bool {
		var kept []*sandesh.Node
		for _, steps := range split {
			kept = append(kept, descend([]*sandesh.Node{n}, steps)...)
		}
		n.Children = kept
		return true
	}
}

// descend follows steps (child names) from the nodes in from.
func descend(from []*sandesh.Node, steps []string) []*sandesh.Node {
	for _, s := range steps {
		var next []*sandesh.Node
		for _, n := range from {
			for _, c := range n.Children {
				if c.Name == s {
					next = append(next, c)
				}
			}
		}
		from = next
	}
	return from
}
