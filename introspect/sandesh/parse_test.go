package sandesh

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tfkit/tfkit/internal/realdata"
)

func mustParse(t *testing.T, s string) *Node {
	t.Helper()
	n, err := ParseBytes([]byte(s))
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return n
}

func TestParseCompactNodeStatus(t *testing.T) {
	doc := realdata.Read(t, "control-SandeshUVECacheReq-NodeStatus-1.xml")
	root, err := ParseBytes(doc)
	if err != nil {
		t.Fatal(err)
	}
	if root.Name != "__NodeStatusUVE_list" || root.Type() != "slist" {
		t.Fatalf("root %s type %q", root.Name, root.Type())
	}
	ns := root.Find("NodeStatus")
	if ns == nil {
		t.Fatal("no NodeStatus")
	}
	name := ns.Child("name")
	if name.Text != "a6s45" || name.Attr("key") != "ObjectBgpRouter" || name.Attr("identifier") != "1" {
		t.Fatalf("name = %+v", name)
	}
	cis := root.All("ConnectionInfo")
	if len(cis) != 5 {
		t.Fatalf("%d ConnectionInfo, want 5", len(cis))
	}
	if got := cis[1].ChildText("name"); got != "" {
		t.Fatalf("empty name = %q", got)
	}
	if got := cis[0].Find("element").Text; got != "10.84.13.45:8443" {
		t.Fatalf("server_addrs element %q", got)
	}
	if got := root.Find("returned").Text; got != "1" {
		t.Fatalf("returned %q", got)
	}
}

// The formatted sample gives the same structure, and every container
// keeps the indentation before its first child as its text, like lxml's
// .text (ist.py prints it: spec §2.9); empty elements have empty text.
func TestParsePrettyPrinted(t *testing.T) {
	doc := realdata.Read(t, "control-SandeshUVECacheReq-NodeStatus-2.xml")
	root, err := ParseBytes(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range root.All("server_addrs") {
		if n.Text != "\n                      " {
			t.Fatalf("container text %q", n.Text)
		}
		if l := n.Child("list"); l == nil || strings.TrimSpace(l.Text) != "" || l.Text == "" || len(l.Children) != 1 {
			t.Fatalf("list = %+v", l)
		}
	}
	cis := root.All("ConnectionInfo")
	if len(cis) != 4 || cis[1].ChildText("name") != "" || cis[0].ChildText("description") != "Connection with IFMap Server (irond)" {
		t.Fatalf("ConnectionInfo: %s", dump(cis[1]))
	}
	// Same document compacted by hand parses to the same tree, but for
	// the containers' whitespace.
	compact := regexpWS(doc)
	root2, err := ParseBytes(compact)
	if err != nil {
		t.Fatal(err)
	}
	root.Walk(func(n *Node) bool {
		if len(n.Children) > 0 {
			n.Text = ""
		}
		return true
	})
	if dump(root) != dump(root2) {
		t.Fatalf("pretty and compact differ:\n%s\n%s", dump(root), dump(root2))
	}
}

// regexpWS removes whitespace between '>' and '<'.
func regexpWS(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '>' {
			out = append(out, '>')
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\n' || b[j] == '\t' || b[j] == '\r') {
				j++
			}
			if j < len(b) && b[j] == '<' {
				i = j - 1
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func TestParseLexical(t *testing.T) {
	doc := "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"/universal_parse.xsl\"?>\n<!-- c -->" +
		`<!DOCTYPE r [ <!ENTITY x "y"> ]><R type='sandesh' a = "x&amp;&lt;&#65;&#x42;'">` +
		`<s type="string"> a &lt;b&gt; &amp; &apos;c&apos; &quot;d&quot; &#233;&#x263A; </s>` +
		`<x type="xml"><![CDATA[<abc>]]]]></x><e type="string"/><e2></e2>` +
		"<m>pre<k>1</k>post</m><!-- inside --><?pi inside?></R>\n<!-- after -->\n"
	r := mustParse(t, doc)
	if r.Name != "R" || r.Attr("type") != "sandesh" || r.Attr("a") != "x&<AB'" {
		t.Fatalf("root %+v", r.Attrs)
	}
	if got := r.ChildText("s"); got != " a <b> & 'c' \"d\" é☺ " {
		t.Fatalf("text %q", got)
	}
	if got := r.ChildText("x"); got != "<abc>]]" {
		t.Fatalf("cdata %q", got)
	}
	if e := r.Child("e"); e == nil || e.Text != "" || e.Type() != "string" || len(e.Children) != 0 {
		t.Fatalf("self-closing %+v", e)
	}
	if got := r.Child("m").Text; got != "pre" {
		t.Fatalf("mixed content: text %q, want lxml's .text: the text before the first child", got)
	}
	if len(r.Children) != 5 {
		t.Fatalf("%d children", len(r.Children))
	}
}

func TestParseLeafWhitespaceKept(t *testing.T) {
	r := mustParse(t, "<R>\n  <a>  x  </a>\n  <b>   </b>\n</R>")
	if r.Text != "\n  " || r.ChildText("a") != "  x  " || r.ChildText("b") != "   " {
		t.Fatalf("%s", dump(r))
	}
}

// Reading one byte at a time must give the same tree as a single buffer
// (every token crosses a buffer boundary somewhere).
func TestParseOneByteReader(t *testing.T) {
	doc := routeDoc(2, 3)
	a, err := ParseBytes(doc)
	if err != nil {
		t.Fatal(err)
	}
	p := newParser(iotest.OneByteReader(bytes.NewReader(doc)))
	p.buf = make([]byte, 16) // force shifting and growth
	p.keepAll = true
	var b *Node
	p.fn = func(n *Node) error { b = n; return nil }
	if err := p.run(); err != nil {
		t.Fatal(err)
	}
	if dump(a) != dump(b) {
		t.Fatal("one-byte reader gives a different tree")
	}
	if got := len(a.All("ShowRoute")); got != 6 {
		t.Fatalf("%d routes", got)
	}
}

func TestStreamNested(t *testing.T) {
	doc := routeDoc(3, 4)
	var routes, tables int
	var seenTables []string
	err := Stream(bytes.NewReader(doc), []string{"ShowRouteTable", "ShowRoute"}, func(n *Node) error {
		switch n.Name {
		case "ShowRoute":
			routes++
			var tbl *Node
			for p := n.Parent; p != nil; p = p.Parent {
				if p.Name == "ShowRouteTable" {
					tbl = p
				}
			}
			if tbl == nil || n.Parent.Name != "list" || n.Parent.Parent.Name != "routes" {
				t.Fatalf("route parent chain wrong: %v", n.Parent)
			}
			want := "default-domain:admin:vn" + string(rune('0'+tables)) + ":vn" + string(rune('0'+tables)) + ".inet.0"
			if got := tbl.ChildText("routing_table_name"); got != want {
				t.Fatalf("context routing_table_name %q, want %q", got, want)
			}
			if n.Find("next_hop") == nil {
				t.Fatal("route subtree incomplete")
			}
		case "ShowRouteTable":
			if n.Parent != nil {
				t.Fatalf("top record has parent %s", n.Parent.Name)
			}
			if l := n.Child("routes").Child("list"); len(l.Children) != 0 {
				t.Fatalf("nested records kept in enclosing: %d", len(l.Children))
			}
			seenTables = append(seenTables, n.ChildText("routing_table_name"))
			tables++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if routes != 12 || tables != 3 {
		t.Fatalf("routes %d tables %d", routes, tables)
	}
}

func TestStreamCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Stream(bytes.NewReader(routeDoc(1, 5)), []string{"ShowRoute"}, func(*Node) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 {
		t.Fatalf("err %v after %d", err, n)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ doc, want string }{
		{`<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><ShowRouteResp type="sandesh"><tables type="list" identifier="1"><list type="struct" size="1"><Show`,
			`malformed XML at byte 161 in <ShowRouteResp><tables><list>: unexpected EOF`},
		{`<a><b>text</a>`, `malformed XML at byte 10 in <a><b>: end tag </a> does not match <b>`},
		{`<a><b x=1></b></a>`, `malformed XML at byte 8 in <a>: attribute value must be quoted`},
		{`<a>&bogus;</a>`, `malformed XML at byte 3 in <a>: bad entity reference "&bogus;"`},
		{`<a></a><b/>`, `second root element <b>`},
		{`<a>0&</a>`, `malformed XML at byte 4 in <a>: bad entity reference (no ';')`},
		{`<a>x &amp y;</a>`, `bad entity reference (no ';')`},
		{`<a></a>junk`, `text after the root element`},
		{``, `empty response: no XML element`},
		{"  \n", `empty response: no XML element`},
		{`Internal Server Error`, `response is not XML: it starts with "Internal Server Error"`},
		{"<html>\n<title>404 Not Found</title>\n</html>\r\n\x00", `got an HTML page instead of Sandesh XML: "404 Not Found"`},
		{`<h3>Invalid data provided in Sandesh Request</h3>`, `got an HTML page instead of Sandesh XML: "Invalid data provided in Sandesh Request"`},
		{`<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN"><html><head><title>Error: 404 Not Found</title><style type="text/css">html {background-color: #eee;}</style></head><body><h1>Error: 404 Not Found</h1><p>Sorry, the requested URL <tt>&#039;http://127.0.0.1:8084/x&#039;</tt> caused an error:</p></body></html>`,
			`got an HTML page instead of Sandesh XML: "Error: 404 Not Found Error: 404 Not Found Sorry, the requested URL 'http://127.0.0.1:8084/x' caused an error:"`},
	}
	for _, c := range cases {
		_, err := ParseBytes([]byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("doc %.40q: err %v, want %q", c.doc, err, c.want)
		}
		// Stream selecting nothing still rejects the same documents.
		serr := Stream(strings.NewReader(c.doc), nil, func(*Node) error { return nil })
		if serr == nil || !strings.Contains(serr.Error(), c.want) {
			t.Errorf("stream doc %.40q: err %v, want %q", c.doc, serr, c.want)
		}
	}
	_, err := ParseBytes([]byte("<a><b>"))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated doc: %v does not wrap io.ErrUnexpectedEOF", err)
	}
	var he *HTMLError
	if _, err := ParseBytes([]byte("<HTML><body>x</body></HTML>")); !errors.As(err, &he) || he.Text != "x" {
		t.Errorf("html: %v", err)
	}
}
