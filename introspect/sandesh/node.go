package sandesh

import "strings"

// Attr is one XML attribute, kept in document order.
type Attr struct{ Name, Value string }

// Node is one element of a Sandesh document. Nodes made by the parser share
// identical Attrs slices between elements: treat Attrs as read-only.
type Node struct {
	Name     string
	Attrs    []Attr
	Text     string // character data of a leaf; "" for containers
	Children []*Node
	Parent   *Node
}

// Attr returns the value of the named attribute, or "".
func (n *Node) Attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value
		}
	}
	return ""
}

// Type is the Sandesh wire type of the element (its type attribute).
func (n *Node) Type() string { return n.Attr("type") }

// Child returns the first direct child with the given name, or nil.
func (n *Node) Child(name string) *Node {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ChildText returns the text of the first direct child with the given
// name, or "" when there is none.
func (n *Node) ChildText(name string) string {
	if c := n.Child(name); c != nil {
		return c.Text
	}
	return ""
}

// Find returns the first descendant (depth first, document order, n itself
// excluded) with the given name, or nil.
func (n *Node) Find(name string) *Node {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
		if f := c.Find(name); f != nil {
			return f
		}
	}
	return nil
}

// All returns every descendant with the given name in document order
// (like the xpath .//name). Matches nested inside matches are included.
func (n *Node) All(name string) []*Node {
	var out []*Node
	n.Walk(func(d *Node) bool {
		if d != n && d.Name == name {
			out = append(out, d)
		}
		return true
	})
	return out
}

// Walk calls fn for n and its descendants in document order; returning
// false from fn skips that node's children.
func (n *Node) Walk(fn func(*Node) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(fn)
	}
}

// IsLeaf reports whether n has no element children.
func (n *Node) IsLeaf() bool { return len(n.Children) == 0 }

// Clone returns a deep copy of n and its subtree, with parent as the
// copy's Parent: what a caller keeps past a StreamTransient callback (the
// parser reuses the original's memory). The copy shares no memory with
// the parser, strings included (the parser carves them from large
// buffers), so keeping it keeps nothing else alive.
func (n *Node) Clone(parent *Node) *Node {
	c := &Node{Name: strings.Clone(n.Name), Text: strings.Clone(n.Text), Parent: parent}
	if len(n.Attrs) > 0 {
		c.Attrs = make([]Attr, len(n.Attrs))
		for i, a := range n.Attrs {
			c.Attrs[i] = Attr{strings.Clone(a.Name), strings.Clone(a.Value)}
		}
	}
	if len(n.Children) > 0 {
		c.Children = make([]*Node, len(n.Children))
		for i, k := range n.Children {
			c.Children[i] = k.Clone(c)
		}
	}
	return c
}
