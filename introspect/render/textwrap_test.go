package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestTextwrapMatchesPython replays random lines wrapped by CPython's
// textwrap.fill (testdata/render/gen_textwrap_cases.py).
func TestTextwrapMatchesPython(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(moduleRoot(t), "testdata/render/textwrap_cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Python string
		Cases  []struct {
			Text  string
			Width int
			Fill  string
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) < 1000 {
		t.Fatalf("only %d cases", len(doc.Cases))
	}
	bad := 0
	for i, c := range doc.Cases {
		if got := fill(c.Text, c.Width); got != c.Fill {
			bad++
			if bad <= 10 {
				t.Errorf("case %d fill(%q, %d)\n got %q\nwant %q (Python %s)", i, c.Text, c.Width, got, c.Fill, doc.Python)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ", bad, len(doc.Cases))
	}
}

func TestTextwrapExamples(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"default-domain:k8s-default:k8s-default-pod-network", 36,
			"default-\ndomain:k8s-default:k8s-default-pod-\nnetwork"},
		{"aaaaaaaaaa", 4, "aaaa\naaaa\naa"},
		{"  lead and trail  ", 8, "  lead\nand\ntrail"},
		{"a\tb", 4, "a\nb"},
	} {
		if got := fill(c.in, c.width); got != c.want {
			t.Errorf("fill(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}

// moduleRoot finds the directory holding go.mod above the package.
func moduleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the package")
		}
		dir = parent
	}
}
