package sandesh

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

// Parsers are recycled between documents (parse_pool.go): a document
// parsed after others with other names, other tags and the same tags
// selected differently gets exactly what a fresh parser gives, serial and
// pipelined, transient or not, also after a parse that failed half way.
func TestRecycledParserForgetsTheLastDocument(t *testing.T) {
	doc := []byte(`<R><list><a x="1"><v>1</v></a><b x="1"><v>2</v></b><a x="2"><v>3</v></a></list></R>`)
	other := []byte(`<Q><a x="1" y="2"><w>9</w></a><c/></Q>`)
	broken := []byte(`<R><list><a x="1"><v>1</v></a><b x="1"><v>`)
	get := func(mode int, transient bool, d []byte, names ...string) string {
		var out []string
		var err error
		withPipeMode(mode, func() {
			err = StreamWith(bytes.NewReader(d), names, func(n *Node) error {
				out = append(out, n.Name+"="+n.ChildText("v")+n.ChildText("w")+"/"+n.Attr("x")+n.Attr("y"))
				return nil
			}, Options{Transient: transient})
		})
		if err != nil {
			out = append(out, "err")
		}
		return strings.Join(out, " ")
	}
	for _, mode := range []int{1, 2} {
		for _, tr := range []bool{false, true} {
			name := fmt.Sprintf("mode %d transient %v", mode, tr)
			for i := 0; i < 20; i++ {
				if got := get(mode, tr, doc, "a"); got != "a=1/1 a=3/2" {
					t.Fatalf("%s: names a: %q", name, got)
				}
				if got := get(mode, tr, doc, "b"); got != "b=2/1" {
					t.Fatalf("%s: names b: %q", name, got)
				}
				if got := get(mode, tr, other, "a", "c"); got != "a=9/12 c=/" {
					t.Fatalf("%s: other document: %q", name, got)
				}
				if got := get(mode, tr, broken, "a", "b"); got != "a=1/1 err" {
					t.Fatalf("%s: broken document: %q", name, got)
				}
			}
		}
	}
	// In memory, read where it lies: the same records, and the bytes are
	// left as they were.
	keep := bytes.Clone(doc)
	var got []string
	if err := StreamBytes(doc, []string{"a"}, func(n *Node) error { got = append(got, n.ChildText("v")); return nil }, Options{}); err != nil || strings.Join(got, ",") != "1,3" || !bytes.Equal(doc, keep) {
		t.Fatalf("StreamBytes: %q %v", got, err)
	}
}

// Records repeat their fields in order, so the start tag at each place
// is predicted from the last record: after the first route, a route's
// ~60 start tags (lists of one and two elements included, whose
// <element> is followed by different fields) cost no hash lookup. The
// earlier predictor (the tag that followed the same tag last time) missed
// 11 per route.
func TestStartTagsPredicted(t *testing.T) {
	doc := sandeshtest.RouteDoc(0, 2000, "")
	p := newParser(bytes.NewReader(doc)).selecting([]string{"ShowRoute"}, func(*Node) error { return nil }, Options{Transient: true})
	if err := p.run(); err != nil {
		t.Fatal(err)
	}
	if p.tagLookups > 200 {
		t.Fatalf("%d hash lookups for 2000 routes: the predictions miss", p.tagLookups)
	}
}
