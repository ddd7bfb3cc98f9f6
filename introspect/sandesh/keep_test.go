package sandesh

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// pruned is n's JSON and text with every element not in keep removed
// with its subtree: what a caller that reads only keep's elements can
// see of a record.
func pruned(n *Node, keep map[string]bool) string {
	var cut func(n *Node) *Node
	cut = func(n *Node) *Node {
		c := *n
		c.Children = nil
		for _, k := range n.Children {
			if keep[k.Name] {
				c.Children = append(c.Children, cut(k))
			}
		}
		return &c
	}
	return string(AppendJSON(nil, cut(n))) + "|" + n.Text
}

// streamKeep streams doc with Options.Keep set to keep (nil: all),
// prunes the records to the leaves in prune,
// serially or pipelined, from a plain reader or a ChunkReader cut every
// cut bytes, and returns the pruned records (with their enclosing
// records' table names), the error, and the nodes delivered.
func streamKeep(doc []byte, names []string, keep, prune map[string]bool, mode int, transient bool, cut int) (recs []string, errText string, nodes int) {
	var src io.Reader = bytes.NewReader(doc)
	if cut > 0 {
		src = &cutReader{doc: doc, size: cut}
	}
	var count func(*Node) int
	count = func(n *Node) int {
		k := 1
		for _, c := range n.Children {
			k += count(c)
		}
		return k
	}
	withPipeMode(mode, func() {
		err := StreamWith(src, names, func(n *Node) error {
			ctx := ""
			for p := n.Parent; p != nil; p = p.Parent {
				ctx += "<" + p.Name + ">"
				if prune["routing_table_name"] {
					ctx += p.ChildText("routing_table_name")
				}
			}
			recs = append(recs, ctx+pruned(n, prune))
			nodes += count(n)
			return nil
		}, Options{Transient: transient, Keep: keep})
		if err != nil {
			errText = err.Error()
		}
	})
	return recs, errText, nodes
}

// With Options.Keep, a record holds what it holds without it once the
// elements the caller does not read are taken out, its Parent chain is
// the same, the errors are the same (broken and cut documents too), and
// on a large answer most of the other elements are not made at all.
func TestKeepProjection(t *testing.T) {
	// "routes" is left out: every ShowRoute opens inside an element
	// that was left out (and is then delivered with it).
	keep := map[string]bool{"routing_table_name": true, "prefix": true, "paths": true, "list": true, "ShowRoutePath": true,
		"protocol": true, "next_hop": true, "tunnel_encap": true, "element": true}
	docs := brokenSamples(t, filepath.Join("..", "..", "testdata", "ctr"), realDir)
	big := routeDoc(2, 800)
	docs = append(docs, big, big[:len(big)*2/3], bytes.Replace(big, []byte("<next_hop type"), []byte("<next_hop a='&bad;' type"), 1))
	names := []string{"ShowRouteTable", "ShowRoute"}
	for i, doc := range docs {
		want, wantErr, all := streamKeep(doc, names, nil, keep, 1, false, 0)
		for _, v := range []struct {
			mode      int
			transient bool
			cut       int
		}{{1, false, 0}, {2, false, 0}, {2, true, 0}, {1, true, 61}, {2, true, 4093}} {
			got, gotErr, nodes := streamKeep(doc, names, keep, keep, v.mode, v.transient, v.cut)
			if gotErr != wantErr || len(got) != len(want) {
				t.Fatalf("doc %d %+v: %d records, err %q; without Keep: %d, err %q", i, v, len(got), gotErr, len(want), wantErr)
			}
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("doc %d %+v, record %d:\n%s\nwithout Keep:\n%s", i, v, j, got[j], want[j])
				}
			}
			if i == len(docs)-3 && nodes*100 > all*40 {
				t.Fatalf("%+v: %d nodes made with Keep, %d without: the other elements were not left out", v, nodes, all)
			}
		}
	}
}

// keepSame fails t unless doc streamed with a Keep, pipelined, gives the
// records (pruned to Keep) and the error it gives without, serially.
func keepSame(t *testing.T, doc []byte) {
	t.Helper()
	names := []string{"list", "a"}
	keep := map[string]bool{"b": true, "element": true, "x": true}
	want, wantErr, _ := streamKeep(doc, names, nil, keep, 1, false, 0)
	got, gotErr, _ := streamKeep(doc, names, keep, keep, 2, true, 0)
	if gotErr != wantErr || len(got) != len(want) {
		t.Fatalf("with Keep: %d records, err %q; without: %d, err %q", len(got), gotErr, len(want), wantErr)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("record %d with Keep:\n%s\nwithout:\n%s", i, got[i], want[i])
		}
	}
}

// The text of a left-out element counts against MaxText as if it were
// kept: Keep changes no error (a long leaf, one with references, CDATA,
// a container's text before its first child; cached tags or not).
func TestKeepTextLimit(t *testing.T) {
	long := strings.Repeat("x", 150)
	rec := `<ShowRoute><prefix>p</prefix><med>m</med><pmsi><x>1</x></pmsi></ShowRoute>`
	for _, bad := range []string{
		`<med>` + long + `</med>`,
		`<med>` + long[:60] + `&amp;` + long[:60] + `</med>`,
		`<med><![CDATA[` + long[:60] + `]]><![CDATA[` + long[:60] + `]]></med>`,
		`<pmsi>` + long + `<x>1</x></pmsi>`,
		`<pmsi><x>` + long + `</x></pmsi>`,
	} {
		for _, n := range []int{1, 3} { // the bad record first (no tag cached) or after two
			doc := "<r>" + strings.Repeat(rec, n-1) + `<ShowRoute><prefix>p</prefix>` + bad + `</ShowRoute></r>`
			for _, mode := range []int{1, 2} {
				var errs [2]string
				for i, keep := range []map[string]bool{nil, {"prefix": true}} {
					withPipeMode(mode, func() {
						err := StreamWith(bytes.NewReader([]byte(doc)), []string{"ShowRoute"}, func(*Node) error { return nil }, Options{MaxText: 100, Keep: keep})
						if err != nil {
							errs[i] = err.Error()
						}
					})
				}
				if errs[0] == "" || errs[1] != errs[0] {
					t.Fatalf("mode %d, %s after %d: with Keep %q, without %q", mode, bad, n-1, errs[1], errs[0])
				}
			}
		}
	}
}

// A record's text before its first child is its text, also when that
// child is a leaf left out by Keep; with the tags cached (the second
// record on) the leaf is taken by step's fast path.
func TestKeepTextBeforeLeftOutLeaf(t *testing.T) {
	rec := `<ShowRoute>note<med>1</med><prefix>p</prefix></ShowRoute>`
	doc := []byte("<r>" + strings.Repeat(rec, 3) + "</r>")
	for _, mode := range []int{1, 2} {
		withPipeMode(mode, func() {
			var texts []string
			err := StreamWith(bytes.NewReader(doc), []string{"ShowRoute"}, func(n *Node) error {
				texts = append(texts, n.Text+"|"+n.ChildText("prefix"))
				return nil
			}, Options{Keep: map[string]bool{"prefix": true}})
			if err != nil || strings.Join(texts, ",") != "note|p,note|p,note|p" {
				t.Fatalf("mode %d: %q, %v", mode, texts, err)
			}
		})
	}
}
