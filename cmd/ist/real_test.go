package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// realDir is ../shared/testdata-real beside the checkout.
var realDir = realdata.Dir()

// TestRealSamples runs ist on every real daemon answer and checks the rows
// it finds against counts taken from the file itself; files without an
// ist command (agent pages, encoder vectors) are parsed and rendered as
// text.
func TestRealSamples(t *testing.T) {
	var files []string
	filepath.WalkDir(realDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xml") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no real samples at " + realDir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(f)
		t.Run(base, func(t *testing.T) {
			if pretty.Match(data) {
				// Counted as the daemon sent it (compact): the formatted
				// captures print differently, like ist.py (see
				// TestRealPrettyPrinted).
				f = compactCopy(t, data)
			}
			switch {
			case strings.Contains(base, "SandeshUVECacheReq-NodeStatus"):
				role := "ctr"
				if strings.HasPrefix(base, "config-api") {
					role = "cfg_api"
				}
				out, err := runIst(t, "--no-banner", "--file", f, role, "status", "--no-wrap")
				if err != nil {
					t.Fatal(err)
				}
				want := strings.Count(string(data), "<ConnectionInfo>")
				if got := tableRows(out); got != want {
					t.Errorf("%d ConnectionInfo rows, want %d:\n%s", got, want, out)
				}
				if !strings.HasPrefix(out, "module_id: ") || !strings.Contains(out, "\nstate: ") {
					t.Errorf("no module_id/state lines:\n%s", out)
				}
				uve, err := runIst(t, "--no-banner", "--file", f, role, "uve", "NodeStatus")
				if err != nil || !strings.HasPrefix(uve, "NodeStatus\n  name: ") {
					t.Errorf("uve NodeStatus: %v\n%s", err, uve)
				}
			case strings.Contains(base, "BgpRouterState"):
				out, err := runIst(t, "--no-banner", "--file", f, "ctr", "uve", "BgpRouterState")
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(out, "BgpRouterState\n  name: cs1-bm-ctrl-1\n") || !strings.Contains(out, "\n  router_id: ") {
					t.Errorf("uve BgpRouterState:\n%s", out)
				}
			default:
				root, err := sandesh.ParseBytes(data)
				if err != nil {
					t.Fatal(err)
				}
				out, err := render.Append(nil, []render.Record{{Node: root}}, render.Options{Format: render.FormatText})
				if err != nil || !strings.HasPrefix(string(out), root.Name) {
					t.Fatalf("text of %s: %v\n%s", root.Name, err, out)
				}
				if strings.Contains(base, "VnListResp") {
					// No vr commands yet: select the records as `vr vn` will
					// and render its table.
					var recs []render.Record
					sandesh.Stream(strings.NewReader(string(data)), []string{"VnSandeshData"}, func(n *sandesh.Node) error {
						recs = append(recs, render.Record{Node: n})
						return nil
					})
					tbl, err := render.Append(nil, recs, render.Options{NoWrap: true, Columns: []string{"name", "uuid", "layer2_forwarding", "ipv4_forwarding", "enable_rpf", "bridging"}})
					want := strings.Count(string(data), "<VnSandeshData>")
					if got := tableRows(string(tbl)); err != nil || got != want || want == 0 {
						t.Errorf("%d rows, want %d (%v):\n%s", got, want, err, tbl)
					}
				}
			}
		})
	}
}

// tableRows counts the data rows of --no-wrap tables: lines starting with
// "| " that are not the header line right after the top border.
func tableRows(out string) int {
	n := 0
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "| ") && !(i > 0 && strings.HasPrefix(lines[i-1], "+") && (i < 2 || !strings.HasPrefix(lines[i-2], "| "))) {
			n++
		}
	}
	return n
}
