package printers

import (
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

// showRoutes runs the route_show printer on testdata/ctr/ShowRouteReq.xml
// at a fixed time.
func showRoutes(t *testing.T, opt Options) string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "ctr", "ShowRouteReq.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opt.Now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	s, err := New("route_show", opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := sandesh.Stream(f, []string{"ShowRouteTable", "ShowRoute"}, func(n *sandesh.Node) error { return s.Add("h", n.Name, n) }); err != nil {
		t.Fatal(err)
	}
	out, err := s.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestRouteShowAges(t *testing.T) {
	out := showRoutes(t, Options{})
	// last_modified 2026-Nov-22 23:10:05.000123 at 2026-11-23 00:00:00.
	if !strings.Contains(out, "\n10.244.1.7/32, age: 0:49:54.999877, last_modified: 2026-Nov-22 23:10:05.000123\n    [BGP|10.0.0.12] age: 0:49:54.999877, ") {
		t.Fatalf("ages:\n%s", out)
	}
	if !strings.Contains(out, "10.244.0.3/32, age: 2288 days 21:25:06.643905, ") {
		t.Fatalf("old route age:\n%s", out)
	}
}

// With --last an old route is left out, and a route whose paths are of
// different ages shows only the recent ones, each under its own prefix
// line (ist.py's behaviour).
func TestRouteShowLast(t *testing.T) {
	out := showRoutes(t, Options{Last: time.Hour})
	if strings.Contains(out, "10.244.0.3/32") || !strings.Contains(out, "10.244.1.7/32") {
		t.Fatalf("-l 1h:\n%s", out)
	}
	// The route is 49m old: everything within 1h is shown.
	if strings.Count(out, "10.244.1.7/32, age:") != 1 || strings.Count(out, "    [BGP|") != 2 {
		t.Fatalf("-l 1h:\n%s", out)
	}
	// 49m54.999877s < route age, but the second path is 1.5s younger.
	out = showRoutes(t, Options{Last: 49*time.Minute + 54*time.Second})
	if strings.Count(out, "10.244.1.7/32, age:") != 1 || strings.Count(out, "[BGP|10.0.0.13]") != 1 || strings.Contains(out, "[BGP|10.0.0.12]") {
		t.Fatalf("-l between the path ages:\n%s", out)
	}
	// Table headers are printed even when no route is recent enough.
	if out = showRoutes(t, Options{Last: time.Second}); strings.Count(out, " destinations, ") != 3 || strings.Contains(out, "age:") {
		t.Fatalf("-l 1s:\n%s", out)
	}
}

// A path's fields are read in one pass: the first of each name counts,
// a missing one prints None, and a list field given twice lists the
// items of both (xpath over every child of that name, as ist.py).
func TestAppendPathFields(t *testing.T) {
	leaf := func(name, text string) *sandesh.Node { return &sandesh.Node{Name: name, Text: text} }
	list := func(name string, items ...string) *sandesh.Node {
		l := &sandesh.Node{Name: "list"}
		for _, it := range items {
			l.Children = append(l.Children, leaf("element", it))
		}
		return &sandesh.Node{Name: name, Children: []*sandesh.Node{l}}
	}
	p := &sandesh.Node{Name: "ShowRoutePath", Children: []*sandesh.Node{
		leaf("protocol", "BGP"), leaf("protocol", "XMPP"), leaf("source", ""),
		list("tunnel_encap", "gre"), leaf("label", "16"), list("tunnel_encap", "udp", ""),
		list("communities", "target:64512:1"), leaf("origin_vn", "vn1"),
	}}
	got := string(appendPath(nil, "  ", p, Options{Detail: true, ages: &ager{}}))
	want := "  [BGP|None] age: None, localpref: None, nh: None, encap: ['gre', 'udp'], label: 16, AS path: None\n" +
		"    primary table: None, origin vn: vn1, origin_vn_path: []\n" +
		"    communities: ['target:64512:1']\n" +
		"    last modified: None"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// Route show prints the same with the parser leaving out the elements
// it does not read (Keep, client.Request.Keep) as without, in every mode
// that has a Keep; --raw (every field) and the other printers have none.
func TestRouteShowKeep(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ctr", "ShowRouteReq.xml"))
	if err != nil {
		t.Fatal(err)
	}
	docs := [][]byte{sample, sandeshtest.RouteDoc(0, 300, "")}
	print := func(doc []byte, opt Options, keep map[string]bool, plain bool) string {
		opt.Now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
		s, err := New("route_show", opt)
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = bytes.NewReader(doc) // small: parsed serially
		if plain {
			r = struct{ io.Reader }{r} // no Len: pipelined
		}
		err = sandesh.StreamWith(r, []string{"ShowRouteTable", "ShowRoute"}, func(n *sandesh.Node) error { return s.Add("h", n.Name, n) }, sandesh.Options{Transient: true, Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		out, err := s.Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for i, doc := range docs {
		for _, opt := range []Options{{}, {Detail: true}, {Last: time.Hour}, {Last: 2000 * 24 * time.Hour, Detail: true}} {
			keep := Keep("route_show", opt)
			if keep == nil {
				t.Fatalf("%+v: no Keep", opt)
			}
			want := print(doc, opt, nil, false)
			for _, plain := range []bool{false, true} {
				if got := print(doc, opt, keep, plain); got != want {
					t.Fatalf("doc %d %+v pipelined %v: with Keep\n%s\nwithout\n%s", i, opt, plain, got, want)
				}
			}
		}
	}
	if !maps.Equal(Keep("route_show", Options{}), sandeshtest.RouteShowKeep) {
		t.Fatal("sandeshtest.RouteShowKeep (the benchmarks' copy) differs from route show's Keep")
	}
	if Keep("route_show", Options{Raw: true}) != nil || Keep("route_json", Options{}) != nil || Keep("", Options{}) != nil {
		t.Fatal("Keep for a printer that reads every field")
	}
}
