package render

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Cell is the table cell of column for one record, by ist.py's dumpTbl
// rules (spec §6.2): "-" when the record has no such child; the child's
// text verbatim (whitespace included) when it has text; otherwise the
// rstripped ElementToStr of each of its children, one after the other
// (ist.py crashes when there is more than one; we join them with a
// newline); "n/a" when it is empty. A column with '/' is a path of child
// names, as ElementPath's find() reads it ("nh/NhSandeshData/type").
func Cell(rec *sandesh.Node, column string) string {
	f := findPath(rec, column)
	if f == nil {
		return "-"
	}
	if f.Text != "" {
		return f.Text
	}
	switch len(f.Children) {
	case 0:
		return "n/a"
	case 1:
		return ElementText(f.Children[0])
	}
	var b []byte
	for i, c := range f.Children {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, rstrip(string(appendElement(nil, "", 0, c)))...)
	}
	return string(b)
}

// findPath returns the first element reached from n by the '/'-separated
// child names of path, in document order, or nil.
func findPath(n *sandesh.Node, path string) *sandesh.Node {
	name, rest, deeper := strings.Cut(path, "/")
	for _, c := range n.Children {
		if c.Name != name {
			continue
		}
		if !deeper {
			return c
		}
		if f := findPath(c, rest); f != nil {
			return f
		}
	}
	return nil
}

// DefaultColumns is ist.py's column list when none is given: the tag names
// of the first record's children, without `more`.
func DefaultColumns(first *sandesh.Node) []string {
	cols := make([]string, 0, len(first.Children))
	for _, c := range first.Children {
		if c.Name != "more" {
			cols = append(cols, c.Name)
		}
	}
	return cols
}
