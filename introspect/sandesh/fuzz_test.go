package sandesh

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: no input may panic, Parse, Stream and StreamTransient agree on whether a
// document is well formed, the pipelined parser delivers what the
// serial one does, and Options.Keep changes no error and nothing of the
// elements it names.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"<a/>", "<a b='1'>x&amp;y<![CDATA[z]]></a>", "<?xml version=\"1.0\"?><!-- c --><r><s>1</s></r>",
		"<html><h1>x</h1></html>", "<!DOCTYPE r [<!ENTITY x 'y'>]><r/>", "<a>&#x263A;&#10;</a>",
	} {
		f.Add([]byte(s))
	}
	f.Add(routeDoc(1, 2))
	files, _ := filepath.Glob(filepath.Join(realDir, "*.xml"))
	vecs, _ := filepath.Glob(filepath.Join(realDir, "encoder-vectors", "*.xml"))
	for _, name := range append(files, vecs...) {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		root, err := ParseBytes(doc)
		serr := Stream(bytes.NewReader(doc), []string{"list", "element", "a"}, func(n *Node) error { return nil })
		if (err == nil) != (serr == nil) {
			t.Fatalf("Parse err %v, Stream err %v", err, serr)
		}
		terr := StreamTransient(bytes.NewReader(doc), []string{"list", "element", "a"}, func(n *Node) error { return nil })
		if (terr == nil) != (serr == nil) {
			t.Fatalf("StreamTransient err %v, Stream err %v", terr, serr)
		}
		streamModes(t, doc, []string{"list", "element", "a"})
		keepSame(t, doc)
		if err == nil && root == nil {
			t.Fatal("nil root without error")
		}
		if err == nil {
			if out := AppendJSON(nil, root); !json.Valid(out) {
				t.Fatalf("invalid JSON %s", out)
			}
		}
	})
}
