package catalog

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Pick applies q's filter and field selection to one element handed
// over by the client and returns what is printed; wholeRecords (JSON)
// ignores Field.
func (q Query) Pick(in Input, n *sandesh.Node, wholeRecords bool) []*sandesh.Node {
	if q.Filter != nil && !q.Filter(in, n) {
		return nil
	}
	switch {
	case wholeRecords || q.Field == "":
		return []*sandesh.Node{n}
	case q.Field == "*":
		return n.Children
	}
	var out []*sandesh.Node
	for _, c := range n.Children {
		if c.Name == q.Field {
			out = append(out, c)
		}
	}
	return out
}

// StringValue is the XPath string-value of an element: the concatenated
// text of its descendants.
func StringValue(n *sandesh.Node) string {
	if len(n.Children) == 0 {
		return n.Text
	}
	var b strings.Builder
	var walk func(*sandesh.Node)
	walk = func(n *sandesh.Node) {
		b.WriteString(n.Text)
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// childEquals is the predicate [child='<param value>'], true when the
// parameter is empty.
func childEquals(child, param string) func(Input, *sandesh.Node) bool {
	return func(in Input, n *sandesh.Node) bool {
		want := in.String(param)
		if want == "" {
			return true
		}
		for _, c := range n.Children {
			if c.Name == child && StringValue(c) == want {
				return true
			}
		}
		return false
	}
}

// childContains is [contains(child, s)] on the first such child.
func childContains(n *sandesh.Node, child, s string) bool {
	c := n.Child(child)
	return c != nil && strings.Contains(StringValue(c), s)
}
