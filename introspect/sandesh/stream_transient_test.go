package sandesh

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// recordsJSON streams doc with stream and returns each delivered record,
// with its table's name, as JSON made inside the callback (a transient
// record is only valid until the callback returns).
func recordsJSON(t *testing.T, stream func([]byte, []string, func(*Node) error) error, doc []byte, names []string) []string {
	t.Helper()
	var out []string
	err := stream(doc, names, func(n *Node) error {
		ctx := ""
		for p := n.Parent; p != nil; p = p.Parent {
			if p.Name == "ShowRouteTable" {
				ctx = p.ChildText("routing_table_name")
			}
		}
		out = append(out, ctx+string(AppendJSON(nil, n)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func streamBytes(doc []byte, names []string, fn func(*Node) error) error {
	return Stream(bytes.NewReader(doc), names, fn)
}

func streamTransientBytes(doc []byte, names []string, fn func(*Node) error) error {
	return StreamTransient(bytes.NewReader(doc), names, fn)
}

// StreamTransient delivers the same records as Stream, nested ones and
// their enclosing record's fields included, although it reuses memory.
func TestStreamTransientSameRecords(t *testing.T) {
	docs := map[string][]byte{"routes": routeDoc(3, 300)}
	files, _ := filepath.Glob(filepath.Join(realDir, "*.xml"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			docs[filepath.Base(f)] = b
		}
	}
	names := []string{"ShowRouteTable", "ShowRoute", "ShowRoutePath", "list", "element"}
	for name, doc := range docs {
		want := recordsJSON(t, streamBytes, doc, names)
		got := recordsJSON(t, streamTransientBytes, doc, names)
		if len(got) != len(want) {
			t.Fatalf("%s: %d records, want %d", name, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: record %d:\n got %.300s\nwant %.300s", name, i, got[i], want[i])
			}
		}
	}
}

// Reuse is what makes it worth having: a 3000-route stream allocates far
// less than with Stream.
func TestStreamTransientAllocates(t *testing.T) {
	doc := routeDoc(1, 3000)
	count := func(stream func([]byte, []string, func(*Node) error) error) float64 {
		return testing.AllocsPerRun(2, func() {
			if err := stream(doc, []string{"ShowRouteTable", "ShowRoute"}, func(*Node) error { return nil }); err != nil {
				t.Fatal(err)
			}
		})
	}
	s, tr := count(streamBytes), count(streamTransientBytes)
	if tr*3 > s {
		t.Fatalf("StreamTransient %v allocations, Stream %v: no reuse", tr, s)
	}
}
