package hosts

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	in := `# vRouters of rack 1
10.0.0.21 vrouter-1.lab          # the vhost0 address, then where introspect answers
10.0.0.22	https://10.9.0.22:8085	vr ignored words
::ffff:10.0.0.23 10.9.0.23:18085
10.0.0.21 duplicate-is-ignored
10.0.0.31 analytics-1 collector

`
	f, err := Parse(strings.NewReader(in), "hosts.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{netip.MustParseAddr("10.0.0.21"), "vrouter-1.lab", "", 2},
		{netip.MustParseAddr("10.0.0.22"), "https://10.9.0.22:8085", "vr", 3},
		{netip.MustParseAddr("10.0.0.23"), "10.9.0.23:18085", "", 4},
		{netip.MustParseAddr("10.0.0.31"), "analytics-1", "collector", 6},
	}
	if len(f.Entries) != len(want) {
		t.Fatalf("entries %+v", f.Entries)
	}
	for i, e := range want {
		if f.Entries[i] != e {
			t.Errorf("entry %d = %+v, want %+v", i, f.Entries[i], e)
		}
	}
	if e, ok := f.Lookup(netip.MustParseAddr("::ffff:10.0.0.21")); !ok || e.Host != "vrouter-1.lab" {
		t.Errorf("lookup of a mapped address: %+v %v", e, ok)
	}
	if _, ok := f.Lookup(netip.MustParseAddr("10.0.0.99")); ok {
		t.Error("lookup of an absent address succeeded")
	}
	var nilFile *File
	if _, ok := nilFile.Lookup(netip.MustParseAddr("10.0.0.21")); ok {
		t.Error("nil file found an entry")
	}
}

func TestParseErrors(t *testing.T) {
	for in, want := range map[string]string{
		"10.0.0.1 a\nvrouter-2 10.0.0.2\n": `hosts.txt line 2: "vrouter-2" is not an IP address`,
		"\n\n10.0.0.3\n":                   "hosts.txt line 3: 10.0.0.3 has no host name after it",
	} {
		_, err := Parse(strings.NewReader(in), "hosts.txt")
		if err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
	if _, err := Read(filepath.Join(t.TempDir(), "absent")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("absent file: %v", err)
	}
	p := filepath.Join(t.TempDir(), "h")
	if err := os.WriteFile(p, []byte("10.0.0.5 node-5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := Read(p); err != nil || len(f.Entries) != 1 || f.Name != p {
		t.Errorf("read: %+v %v", f, err)
	}
}
