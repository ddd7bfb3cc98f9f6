package sandesh

import "unsafe"

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

// Child returns the first direct child with the given name, or nil (also
// on a nil n, so that a.Child("x").Child("y") is safe on any answer).
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
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
// parser reuses the original's memory). Texts are copied (the parser
// carves them from large buffers); names and attribute strings are
// shared, as the parser allocates each of them on its own (interned), so
// keeping the copy keeps nothing of the parser's buffers alive. The copy
// is made in four allocations whatever its size (nodes, child lists,
// attributes, texts), so keeping one of its nodes keeps the whole copy.
func (n *Node) Clone(parent *Node) *Node {
	var sz cloneSize
	sz.add(n)
	m := cloneMem{
		nodes: make([]Node, sz.nodes),
		kids:  make([]*Node, sz.kids),
		attrs: make([]Attr, sz.attrs),
		text:  make([]byte, 0, sz.bytes),
	}
	return m.clone(n, parent)
}

// cloneSize is what a Clone needs.
type cloneSize struct{ nodes, kids, attrs, bytes int }

func (s *cloneSize) add(n *Node) {
	s.nodes++
	s.kids += len(n.Children)
	s.attrs += len(n.Attrs)
	s.bytes += len(n.Text)
	for _, k := range n.Children {
		s.add(k)
	}
}

// cloneMem is the memory of a Clone, handed out in order.
type cloneMem struct {
	nodes []Node
	kids  []*Node
	attrs []Attr
	text  []byte
}

func (m *cloneMem) clone(n, parent *Node) *Node {
	c := &m.nodes[0]
	m.nodes = m.nodes[1:]
	*c = Node{Name: n.Name, Text: m.str(n.Text), Parent: parent}
	if k := len(n.Attrs); k > 0 {
		c.Attrs, m.attrs = m.attrs[:k:k], m.attrs[k:]
		copy(c.Attrs, n.Attrs)
	}
	if k := len(n.Children); k > 0 {
		c.Children, m.kids = m.kids[:k:k], m.kids[k:]
		for i, k := range n.Children {
			c.Children[i] = m.clone(k, c)
		}
	}
	return c
}

// str copies s into the copy's text memory.
func (m *cloneMem) str(s string) string {
	if s == "" {
		return ""
	}
	start := len(m.text)
	m.text = append(m.text, s...)
	return unsafe.String(&m.text[start], len(s))
}
