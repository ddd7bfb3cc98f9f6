package sandesh

import (
	"bytes"
	"errors"
	"io"
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
	run := func(mode int, transient bool, cut ...int) result {
		var r result
		var src io.Reader = bytes.NewReader(doc)
		if len(cut) > 0 {
			src = &cutReader{doc: doc, size: cut[0]}
		}
		withPipeMode(mode, func() {
			err := StreamWith(src, names, func(n *Node) error {
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
	// Chunk sizes for a ChunkReader (the buffers read where they lie): a
	// cut inside every token of a small document, else a few.
	cuts := []int{61, 4093}
	if len(doc) < 16<<10 {
		cuts = append(cuts, 1, 7)
	}
	type variant struct {
		mode      int
		transient bool
		cut       int
	}
	variants := []variant{{2, false, 0}, {1, true, 0}, {2, true, 0}}
	for _, c := range cuts {
		variants = append(variants, variant{1, false, c}, variant{2, true, c})
	}
	for _, c := range variants {
		var got result
		if c.cut > 0 {
			got = run(c.mode, c.transient, c.cut)
		} else {
			got = run(c.mode, c.transient)
		}
		if got.err != want.err || len(got.recs) != len(want.recs) {
			t.Fatalf("mode %d transient %v chunks of %d: %d records, err %q; serial: %d records, err %q", c.mode, c.transient, c.cut, len(got.recs), got.err, len(want.recs), want.err)
		}
		for i := range got.recs {
			if got.recs[i] != want.recs[i] {
				t.Fatalf("mode %d transient %v chunks of %d, record %d:\n%s\nserial:\n%s", c.mode, c.transient, c.cut, i, got.recs[i], want.recs[i])
			}
		}
	}
}

// cutReader is a ChunkReader handing doc over size bytes at a time, each
// buffer new; the one before is overwritten once replaced, so a parser
// that read a replaced buffer would see garbage.
type cutReader struct {
	doc  []byte
	size int
	prev []byte
}

func (c *cutReader) Read([]byte) (int, error) { panic("a ChunkReader is read by ReadChunk") }

func (c *cutReader) ReadChunk(keep []byte) ([]byte, error) {
	if len(c.doc) == 0 {
		return nil, io.EOF
	}
	n := min(c.size, len(c.doc))
	b := make([]byte, len(keep)+n)
	copy(b, keep)
	copy(b[len(keep):], c.doc[:n])
	c.doc = c.doc[n:]
	c.DoneChunks()
	c.prev = b
	return b, nil
}

func (c *cutReader) DoneChunks() {
	for i := range c.prev {
		c.prev[i] = '#'
	}
	c.prev = nil
}

// brokenSamples is every sample document in dirs, each followed by its
// first half and a copy with an end tag that does not match.
func brokenSamples(t *testing.T, dirs ...string) [][]byte {
	t.Helper()
	var docs [][]byte
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, b, b[:len(b)/2], bytes.Replace(b, []byte("</"), []byte("</x"), 1))
		}
	}
	return docs
}

// The pipelined parser gives the same records and errors as the serial
// one, on every sample and on broken documents.
func TestPipelinedSameAsSerial(t *testing.T) {
	docs := brokenSamples(t, filepath.Join("..", "..", "testdata", "ctr"), filepath.Join("..", "..", "testdata", "vr"), realDir)
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
