package sandesh

import (
	"strings"
	"testing"
	"unsafe"
)

// A Clone is an equal tree whose texts are its own (not the parser's
// slab), whose parents point into the copy, and whose child and attribute
// lists can be appended to without writing over each other.
func TestCloneOwnsItsTexts(t *testing.T) {
	doc := []byte(`<r><a type="string" identifier="1">x1</a><b type="struct"><c type="u32">7</c><d type="string">deep</d></b><e type="string" identifier="1">y</e></r>`)
	var clones []*Node
	var originals []string
	err := StreamBytes(doc, []string{"r"}, func(n *Node) error {
		originals = append(originals, dump(n))
		clones = append(clones, n.Clone(nil))
		return nil
	}, Options{Transient: true})
	if err != nil {
		t.Fatal(err)
	}
	c := clones[0]
	if got := dump(c); got != originals[0] {
		t.Fatalf("clone\n%s\nwant\n%s", got, originals[0])
	}
	if c.Parent != nil {
		t.Fatal("the clone's root has a parent")
	}
	// Texts point into one buffer of the clone's own, never into doc or a
	// parser slab still alive elsewhere.
	texts := []string{c.Children[0].Text, c.Children[1].Children[0].Text, c.Children[1].Children[1].Text, c.Children[2].Text}
	if strings.Join(texts, ",") != "x1,7,deep,y" {
		t.Fatalf("texts %q", texts)
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(texts[0])))
	for _, s := range texts[1:] {
		if d := uintptr(unsafe.Pointer(unsafe.StringData(s))) - base; d > 16 {
			t.Fatalf("text %q not in the clone's text buffer (offset %d)", s, d)
		}
	}
	// Appending to one node's lists leaves its neighbours alone.
	b := c.Children[1]
	b.Children = append(b.Children, &Node{Name: "extra"})
	b.Children[0].Attrs = append(b.Children[0].Attrs, Attr{"k", "v"})
	if c.Children[2].Name != "e" || len(b.Children[1].Attrs) != 1 || b.Children[1].Attrs[0].Value != "string" {
		t.Fatal("an append to a clone's lists overwrote a neighbour")
	}
}
