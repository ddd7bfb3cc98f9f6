package diff

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Schema names the JSON layout of a Report; it only ever gains fields.
const Schema = "tfkit.diff/v1"

// Report is the outcome of a diff.
type Report struct {
	Schema  string        `json:"schema"`
	A       Side          `json:"a"`
	B       Side          `json:"b"`
	Summary []NodeSummary `json:"summary"` // nodes with changes, in node order
	Changes []Change      `json:"changes"`
	// NotCompared are what could not be compared (a request one side
	// does not hold), one line each.
	NotCompared []string `json:"not_compared"`
	Nodes       int      `json:"nodes"` // nodes compared
}

// Side names one source.
type Side struct {
	Name string    `json:"name"`
	Time time.Time `json:"time"`
}

// NodeSummary counts the changes of one node by kind.
type NodeSummary struct {
	Node   string         `json:"node"`
	Role   string         `json:"role"`
	Counts map[string]int `json:"counts"`
}

// Change is one difference.
type Change struct {
	Node   string `json:"node"`
	Role   string `json:"role"`
	Kind   string `json:"kind"`            // node, process, connection, bgp, xmpp, interface, route
	Table  string `json:"table,omitempty"` // routes: the routing table (control) or VRF (vRouter)
	Key    string `json:"key"`             // peer, interface, process, prefix, …
	Change string `json:"change"`          // added, removed, changed
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// Different reports whether the two sides differ.
func (r *Report) Different() bool { return len(r.Changes) > 0 }

// Compare lists what changed from a to b, node by node (matched by role
// and name), at most parallel nodes at once.
func Compare(ctx context.Context, a, b *Source, parallel int) (*Report, error) {
	if parallel <= 0 {
		parallel = 8
	}
	rep := &Report{Schema: Schema, A: Side{a.Name, a.Time}, B: Side{b.Name, b.Time}, Changes: []Change{}, NotCompared: []string{}}
	type pair struct{ a, b *Node }
	var pairs []pair
	at := map[string]int{}
	key := func(n *Node) string { return n.Role + "/" + n.Name }
	for i := range a.Nodes {
		at[key(&a.Nodes[i])] = len(pairs)
		pairs = append(pairs, pair{a: &a.Nodes[i]})
	}
	for i := range b.Nodes {
		if j, ok := at[key(&b.Nodes[i])]; ok {
			pairs[j].b = &b.Nodes[i]
			continue
		}
		pairs = append(pairs, pair{b: &b.Nodes[i]})
	}
	var mu sync.Mutex
	add := func(c []Change, nc []string) {
		mu.Lock()
		rep.Changes = append(rep.Changes, c...)
		rep.NotCompared = append(rep.NotCompared, nc...)
		mu.Unlock()
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, p := range pairs {
		rep.Nodes++
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			add(compareNode(ctx, a, b, p.a, p.b))
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sortChanges(rep.Changes)
	slices.Sort(rep.NotCompared)
	rep.Summary = summarize(rep.Changes)
	return rep, nil
}

// compareNode compares one node's aspects on both sides.
func compareNode(ctx context.Context, sa, sb *Source, a, b *Node) ([]Change, []string) {
	n := a
	if n == nil {
		n = b
	}
	node := func(change, before, after string) []Change {
		return []Change{{Node: n.Name, Role: n.Role, Kind: KindNode, Key: n.Name, Change: change, Before: before, After: after}}
	}
	switch {
	case a == nil:
		return node("added", "", "answers"), nil
	case b == nil:
		return node("removed", "answers", ""), nil
	case a.Unreachable != "" && b.Unreachable != "":
		return nil, nil
	case a.Unreachable != "":
		return node("changed", "unreachable: "+a.Unreachable, "answers"), nil
	case b.Unreachable != "":
		return node("changed", "answers", "unreachable: "+b.Unreachable), nil
	}
	var changes []Change
	var notes []string
	emit := func(kind, table, key string, p Pair) {
		c := Change{Node: n.Name, Role: n.Role, Kind: kind, Table: table, Key: key, Before: p.Before, After: p.After, Change: "changed"}
		switch {
		case p.Added:
			c.Change = "added"
		case p.Removed:
			c.Change = "removed"
		}
		changes = append(changes, c)
	}
	// run compares one request; false when the node stopped answering.
	run := func(name, pathA, pathB string, names []string, items func(*sandesh.Node, func(string, Item) error) error) bool {
		_, err := Join(ctx, streamOf(sa, *a, pathA, names, items), streamOf(sb, *b, pathB, names, items), func(p Pair) {
			kind, rest, _ := strings.Cut(p.Key, kindSep)
			table, key, ok := strings.Cut(rest, tableSep)
			if !ok {
				table, key = "", rest
			}
			emit(kind, table, key, p)
		})
		if err == nil {
			return true
		}
		var ce *client.Error
		switch {
		case errors.As(err, &ce) && (ce.Class == client.ClassConnection || ce.Class == client.ClassTLS):
			changes = append(changes, node("changed", "answers", "unreachable: "+ce.What)...)
			return false
		default:
			notes = append(notes, n.Name+": "+name+" not compared: "+err.Error())
		}
		return true
	}
	for _, asp := range aspects {
		if asp.applies(n.Role) && !run(asp.name, asp.path, asp.path, asp.names, asp.items) {
			return changes, notes
		}
	}
	if n.Role == collect.RoleVRouter {
		compareVRFs(ctx, sa, sb, *a, *b, run, func(s string) { notes = append(notes, s) })
	}
	return changes, notes
}

// kindSep separates an item's kind from its key inside a Join.
const kindSep = "\x01"

// streamOf is a Join stream of one request of a node.
func streamOf(s *Source, n Node, path string, names []string, items func(*sandesh.Node, func(string, Item) error) error) func(context.Context, func(Item) error) error {
	return func(ctx context.Context, send func(Item) error) error {
		return s.stream(ctx, n, path, names, func(x *sandesh.Node) error {
			return items(x, func(kind string, it Item) error {
				it.Key = kind + kindSep + it.Key
				return send(it)
			})
		})
	}
}

// compareVRFs compares the inet routes of each VRF both sides have
// (matched by name: its index may differ).
func compareVRFs(ctx context.Context, sa, sb *Source, a, b Node,
	run func(name, pathA, pathB string, names []string, items func(*sandesh.Node, func(string, Item) error) error) bool, note func(string)) {
	vrfs := func(s *Source, n Node) (map[string]string, error) {
		out := map[string]string{}
		err := s.stream(ctx, n, vrfListPath, []string{"VrfSandeshData"}, func(x *sandesh.Node) error {
			out[x.ChildText("name")] = x.ChildText("ucindex")
			return nil
		})
		return out, err
	}
	va, err := vrfs(sa, a)
	if err != nil {
		note(a.Name + ": VRFs not compared: " + err.Error())
		return
	}
	vb, err := vrfs(sb, b)
	if err != nil {
		note(b.Name + ": VRFs not compared: " + err.Error())
		return
	}
	names := make([]string, 0, len(va))
	for name := range va {
		if _, ok := vb[name]; ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if !run("routes of "+name, vrfPath(va[name]), vrfPath(vb[name]), []string{"RouteUcSandeshData"}, agentRouteItems(name)) {
			return
		}
	}
}

// sortChanges orders changes by node (controls, vRouters, others; names
// with numbers as numbers), kind, table, key.
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(x, y Change) int {
		return cmp.Or(collect.CompareRoles(x.Role, y.Role), collect.NaturalCompare(x.Node, y.Node),
			cmp.Compare(slices.Index(kindOrder, x.Kind), slices.Index(kindOrder, y.Kind)),
			collect.NaturalCompare(x.Table, y.Table), collect.NaturalCompare(x.Key, y.Key))
	})
}

func summarize(cs []Change) []NodeSummary {
	var out []NodeSummary
	for _, c := range cs {
		if len(out) == 0 || out[len(out)-1].Node != c.Node || out[len(out)-1].Role != c.Role {
			out = append(out, NodeSummary{Node: c.Node, Role: c.Role, Counts: map[string]int{}})
		}
		out[len(out)-1].Counts[c.Kind]++
	}
	return out
}
