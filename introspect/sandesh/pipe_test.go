package sandesh

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// withPipeMode runs f with the parser forced serial (1) or pipelined (2).
func withPipeMode(mode int, f func()) {
	old := pipeMode
	pipeMode = mode
	defer func() { pipeMode = old }()
	f()
}

// streamModes streams doc serially and pipelined, Stream and
// StreamTransient, and fails t unless all four deliver the same records
// (JSON and enclosing table, made in the callback) and the same error.
func streamModes(t testing.TB, doc []byte, names []string) {
	t.Helper()
	type result struct {
		recs []string
		err  string
	}
	run := func(mode int, transient bool) result {
		var r result
		withPipeMode(mode, func() {
			err := StreamWith(bytes.NewReader(doc), names, func(n *Node) error {
				ctx := ""
				for p := n.Parent; p != nil; p = p.Parent {
					ctx += "<" + p.Name + ">" + p.ChildText("routing_table_name")
				}
				r.recs = append(r.recs, ctx+string(AppendJSON(nil, n))+"|"+n.Text)
				return nil
			}, Options{Transient: transient})
			if err != nil {
				r.err = err.Error()
			}
		})
		return r
	}
	want := run(1, false)
	for _, c := range []struct {
		mode      int
		transient bool
	}{{2, false}, {1, true}, {2, true}} {
		got := run(c.mode, c.transient)
		if got.err != want.err || len(got.recs) != len(want.recs) {
			t.Fatalf("mode %d transient %v: %d records, err %q; serial: %d records, err %q", c.mode, c.transient, len(got.recs), got.err, len(want.recs), want.err)
		}
		for i := range got.recs {
			if got.recs[i] != want.recs[i] {
				t.Fatalf("mode %d transient %v, record %d:\n%s\nserial:\n%s", c.mode, c.transient, i, got.recs[i], want.recs[i])
			}
		}
	}
}

// The pipelined parser gives the same records and errors as the serial
// one, on every sample and on broken documents.
func TestPipelinedSameAsSerial(t *testing.T) {
	var docs [][]byte
	for _, dir := range []string{filepath.Join("..", "..", "testdata", "ctr"), filepath.Join("..", "..", "testdata", "vr"), realDir} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, b, b[:len(b)/2], bytes.Replace(b, []byte("</"), []byte("</x"), 1))
		}
	}
	for _, doc := range docs {
		for _, names := range [][]string{{"ShowRouteTable", "ShowRoute"}, {"list", "element"}, {"NodeStatus", "ConnectionInfo"}, {"ItfSandeshData", "VnSandeshData", "NhSandeshData"}} {
			streamModes(t, doc, names)
		}
	}
	big := routeDoc(2, 800) // tens of batches of events
	for _, doc := range [][]byte{big, big[:len(big)*2/3]} {
		streamModes(t, doc, []string{"ShowRouteTable", "ShowRoute"})
	}
}

// When fn fails, the pipelined parser stops its tokenizer and returns
// fn's error.
func TestPipelinedCallbackError(t *testing.T) {
	boom := errors.New("boom")
	withPipeMode(2, func() {
		n := 0
		err := Stream(bytes.NewReader(routeDoc(2, 5000)), []string{"ShowRoute"}, func(*Node) error {
			if n++; n == 1234 {
				return boom
			}
			return nil
		})
		if err != boom || n != 1234 {
			t.Fatalf("%d records, %v", n, err)
		}
	})
}
