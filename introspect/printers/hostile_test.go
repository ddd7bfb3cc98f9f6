package printers

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// streamInto feeds the records of doc named names to a new printer.
func streamInto(t *testing.T, name string, opt Options, doc []byte, names ...string) (Sink, error) {
	t.Helper()
	s, err := New(name, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s, sandesh.StreamWith(bytes.NewReader(doc), names, func(n *sandesh.Node) error { return s.Add("h", n.Name, n) }, sandesh.Options{Transient: Transient(name)})
}

// Every printer's table and text output reaches the terminal escaped;
// JSON stays JSON.
func TestHostileAnswerEscaped(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ctr", "ShowRouteReq.xml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := "10.0.0.1/32\x1b]0;owned\x07\x1b[2J\r\x00\xff"
	doc = bytes.Replace(doc, []byte(">10.244.1.7/32<"), []byte(">"+bad+"<"), 1)
	for _, p := range []struct{ name, format string }{{"route_show", ""}, {"", render.FormatTable}, {"", render.FormatText}, {"route_json", render.FormatJSON}} {
		s, err := streamInto(t, p.name, Options{Options: render.Options{Format: p.format, Columns: []string{"prefix"}, MaxWidth: 100}}, doc, "ShowRouteTable", "ShowRoute")
		if err != nil {
			t.Fatal(err)
		}
		// The bytes run writes (WriterTo), and Output's.
		var out bytes.Buffer
		if _, err := s.(io.WriterTo).WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		if b, err := s.Output(); err != nil || !bytes.Equal(b, out.Bytes()) {
			t.Fatalf("%s %s: Output differs from WriteTo: %v\n%s", p.name, p.format, err, b)
		}
		if !utf8.Valid(out.Bytes()) || bytes.ContainsAny(out.Bytes(), "\x1b\r\x00\x07") {
			t.Fatalf("%s %s: raw control bytes:\n%q", p.name, p.format, out.String())
		}
		want := `10.0.0.1/32\x1b]0;owned\x07\x1b[2J\x0d\x00` + "\uFFFD"
		if p.format == render.FormatJSON {
			want = `10.0.0.1/32\u001b]0;owned\u0007\u001b[2J\r\u0000\ufffd`
		}
		if !strings.Contains(out.String(), want) {
			t.Fatalf("%s %s: %q not shown:\n%s", p.name, p.format, want, out.String())
		}
	}
}

// Printers that print as they parse hold their output until every fetch
// succeeded: --max-bytes bounds it (exit 5, naming the flag).
func TestStreamingOutputBounded(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ctr", "ShowRouteReq.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"route_show", "route_json"} {
		format := ""
		if name == "route_json" {
			format = render.FormatJSON
		}
		_, err := streamInto(t, name, Options{Options: render.Options{Format: format}, MaxBytes: 100}, doc, "ShowRouteTable", "ShowRoute")
		if client.ExitCode(err) != 5 || !strings.Contains(err.Error(), "--max-bytes") {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := streamInto(t, name, Options{Options: render.Options{Format: format}, MaxBytes: 1 << 20}, doc, "ShowRouteTable", "ShowRoute"); err != nil {
			t.Fatalf("%s within the limit: %v", name, err)
		}
	}
}
