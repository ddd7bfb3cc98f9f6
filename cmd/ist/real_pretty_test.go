package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pretty matches the indentation xmllint --format puts between tags.
var pretty = regexp.MustCompile(`>\n +<`)

// compactCopy writes data without the whitespace between tags (what the
// daemon sent, spec §2.9) to a temporary file and returns its path.
func compactCopy(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "compact.xml")
	if err := os.WriteFile(p, []byte(interTag.ReplaceAllString(strings.TrimSpace(string(data)), "><")), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRealPrettyPrinted holds ist to ist.py on the four real captures
// that went through xmllint --format (spec §2.9): lxml gives a container
// the whitespace before its first child as its text, and ist.py prints an
// element that has text as "tag: text" without its children. So `uve`
// prints the struct's name alone, and in `status` every list cell
// (server_addrs) is the whitespace: an empty cell over two lines, where
// the compact answer prints the addresses.
func TestRealPrettyPrinted(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(realDir, "*SandeshUVECacheReq*.xml"))
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !pretty.Match(data) {
			continue
		}
		n++
		base := filepath.Base(f)
		role := "ctr"
		if strings.HasPrefix(base, "config-api") {
			role = "cfg_api"
		}
		uveName := "NodeStatus"
		if strings.Contains(base, "BgpRouterState") {
			uveName = "BgpRouterState"
		}
		t.Run(base, func(t *testing.T) {
			compact := compactCopy(t, data)
			uve, err := runIst(t, "--no-banner", "--file", f, role, "uve", uveName)
			if err != nil || uve != uveName+":\n" {
				t.Errorf("uve %s on the formatted capture: %v\n%q, want %q", uveName, err, uve, uveName+":\n")
			}
			if uve, err := runIst(t, "--no-banner", "--file", compact, role, "uve", uveName); err != nil || !strings.HasPrefix(uve, uveName+"\n  name: ") {
				t.Errorf("uve %s on the compact answer: %v\n%s", uveName, err, uve)
			}
			if uveName != "NodeStatus" {
				return
			}
			conns := strings.Count(string(data), "<ConnectionInfo>")
			out, err := runIst(t, "--no-banner", "--file", f, role, "status")
			if err != nil {
				t.Fatal(err)
			}
			col := columnOf(out, "server_addrs")
			if len(col) != 2*conns {
				t.Fatalf("server_addrs: %d cell lines for %d connections, want 2 each (the whitespace text):\n%s", len(col), conns, out)
			}
			for _, c := range col {
				if strings.TrimSpace(c) != "" {
					t.Fatalf("server_addrs cell %q is not blank:\n%s", c, out)
				}
			}
			out, err = runIst(t, "--no-banner", "--file", compact, role, "status")
			if err != nil {
				t.Fatal(err)
			}
			addrs := 0
			for _, c := range columnOf(out, "server_addrs") {
				if c == "" {
					continue // another column's wrapped line
				}
				if !strings.HasPrefix(c, "  ") || !strings.Contains(c, ":") {
					t.Fatalf("compact: server_addrs cell %q is not an address:\n%s", c, out)
				}
				addrs++
			}
			if addrs < conns {
				t.Fatalf("compact: %d addresses for %d connections:\n%s", addrs, conns, out)
			}
		})
	}
	if n == 0 {
		t.Skip("no formatted real captures at " + realDir)
	}
	if n != 4 {
		t.Fatalf("%d formatted captures, want the 4 of PROVENANCE.md", n)
	}
}

// columnOf returns the data lines of the named column of the first table
// in out, padding trimmed on the right.
func columnOf(out, name string) []string {
	var col []string
	idx := -1
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if idx < 0 {
			for i, c := range cells {
				if strings.TrimSpace(c) == name {
					idx = i
				}
			}
			continue
		}
		if idx < len(cells) {
			col = append(col, strings.TrimRight(strings.TrimPrefix(cells[idx], " "), " "))
		}
	}
	return col
}
