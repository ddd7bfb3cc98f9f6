// Package sandesh is the one Sandesh XML model of tfkit: a generic element
// tree that the ist client parses into and renders from, and a typed
// encoder/decoder that refnode uses to answer with the same bytes as the
// real C++ daemons (see ../shared/spec/introspect.md §2).
package sandesh

// Attr is one XML attribute, kept in document order.
type Attr struct{ Name, Value string }

// Node is one element of a Sandesh document.
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
