package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestTableMatchesPrettyTable replays random tables rendered by the real
// PrettyTable (testdata/render/gen_table_cases.py): wrapping, widths with
// wide, combining and control characters, headers wider than max_width.
func TestTableMatchesPrettyTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(moduleRoot(t), "testdata/render/table_cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Headers  []string
			Rows     [][]string
			MaxWidth int `json:"max_width"`
			Out      string
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) < 100 {
		t.Fatalf("only %d cases", len(doc.Cases))
	}
	bad := 0
	for i, c := range doc.Cases {
		var cells []string
		for _, r := range c.Rows {
			cells = append(cells, r...)
		}
		got := string(appendTable(nil, c.Headers, cells, c.MaxWidth, false))
		if got != c.Out {
			bad++
			if bad <= 3 {
				t.Errorf("case %d (max_width %d): %s", i, c.MaxWidth, firstDiff([]byte(got), []byte(c.Out)))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d tables differ", bad, len(doc.Cases))
	}
}
