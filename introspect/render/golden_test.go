package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// goldenCase is one entry of testdata/render/cases.json: a fixture, the
// ist.py command line that produced testdata/golden/render/<name>.txt
// (gen_golden.py), and the renderer calls that must print the same bytes.
type goldenCase struct {
	Name  string
	XML   string
	Ist   []string
	Parts []struct {
		Select   string
		Format   string
		Columns  []string
		MaxWidth int `json:"max_width"`
	}
}

func loadCases(t testing.TB) (string, []goldenCase) {
	root := moduleRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "testdata/render/cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	return root, cases
}

func parseFile(t testing.TB, path string) *sandesh.Node {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := sandesh.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return n
}

// selectNodes evaluates the two xpath shapes ist.py's printers use:
// //A (every A, document order) and //A/B (the B children of every A).
func selectNodes(root *sandesh.Node, xpath string) []*sandesh.Node {
	path := strings.TrimPrefix(xpath, "//")
	first, child, hasChild := strings.Cut(path, "/")
	var out []*sandesh.Node
	var walk func(n *sandesh.Node)
	walk = func(n *sandesh.Node) {
		if n.Name == first {
			if !hasChild {
				out = append(out, n)
			} else {
				for _, c := range n.Children {
					if c.Name == child {
						out = append(out, c)
					}
				}
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(root)
	return out
}

// TestGoldenIstPy renders every case and compares with ist.py's bytes.
func TestGoldenIstPy(t *testing.T) {
	root, cases := loadCases(t)
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(root, "testdata/golden/render", c.Name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			doc := parseFile(t, filepath.Join(root, "testdata/render", c.XML))
			var got []byte
			for _, p := range c.Parts {
				recs := Records("", selectNodes(doc, p.Select))
				got, err = Append(got, recs, Options{Format: p.Format, Columns: p.Columns, MaxWidth: p.MaxWidth})
				if err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ist %s: output differs from ist.py\n%s", strings.Join(c.Ist, " "), firstDiff(got, want))
			}
		})
	}
}

// firstDiff shows the first differing line of two outputs.
func firstDiff(got, want []byte) string {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got  " + quote(gl) + "\n want " + quote(wl)
		}
	}
	return "(same lines)"
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }
