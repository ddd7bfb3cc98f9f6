package sandesh

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tfkit/tfkit/internal/growth"
)

// A daemon's answer is untrusted input: these tests feed the parser the
// hostile documents of issue 16 at small sizes and hold it to linear
// cost (internal/growth) and to its documented limits.

// nested is depth elements <a> nested around text.
func nested(depth int, text string) string {
	return strings.Repeat("<a>", depth) + text + strings.Repeat("</a>", depth)
}

// endless is a reader of head, then body repeated without end, counting
// the bytes it hands out.
type endless struct {
	head, body []byte
	off        int
	n          int64
}

func (e *endless) Read(b []byte) (int, error) {
	if len(e.body) == 0 && e.off >= len(e.head) {
		return 0, io.EOF
	}
	k := 0
	for k < len(b) {
		src := e.body
		if e.off < len(e.head) {
			src = e.head[e.off:]
		} else if len(src) == 0 {
			break
		} else {
			src = src[(e.off-len(e.head))%len(e.body):]
		}
		c := copy(b[k:], src)
		k += c
		e.off += c
	}
	e.n += int64(k)
	return k, nil
}

func limitOf(err error) string {
	var le *LimitError
	if errors.As(err, &le) {
		return le.Limit
	}
	return ""
}

func TestDepthLimit(t *testing.T) {
	if _, err := ParseBytes([]byte(nested(MaxDepth, "x"))); err != nil {
		t.Fatalf("depth %d refused: %v", MaxDepth, err)
	}
	for _, doc := range []string{nested(MaxDepth+1, "x"), "<r>" + nested(MaxDepth, "") + "</r>"} {
		_, err := ParseBytes([]byte(doc))
		if limitOf(err) != LimitDepth || strings.Contains(err.Error(), "\n") || len(err.Error()) > 400 {
			t.Fatalf("depth %d: %v", strings.Count(doc, "<a>"), err)
		}
		if err := Stream(strings.NewReader(doc), []string{"a"}, func(*Node) error { return nil }); limitOf(err) != LimitDepth {
			t.Fatalf("Stream: %v", err)
		}
	}
}

// 100k nested elements (a 700 KB answer) crashed ist out of memory: the
// parser now stops at the limit, so the cost does not grow with the depth.
func TestDeepNestingRefusedAtOnce(t *testing.T) {
	growth.Linear(t, 25000, func(n int) {
		r := &endless{head: []byte(nested(n, "x"))}
		err := Stream(io.LimitReader(r, int64(len(r.head))), []string{"a"}, func(*Node) error { return nil })
		if limitOf(err) != LimitDepth {
			t.Fatalf("depth %d: %v", n, err)
		}
	})
}

// Many records nested up to the limit: parsing, JSON and the tree walk
// stay linear in the number of records.
func TestDeepRecordsLinear(t *testing.T) {
	growth.Linear(t, 100, func(k int) {
		doc := "<r>" + strings.Repeat(nested(MaxDepth-1, "x"), k) + "</r>"
		n := 0
		err := Stream(strings.NewReader(doc), []string{"a"}, func(a *Node) error {
			if a.Parent == nil {
				n++
				AppendJSON(nil, a)
			}
			return nil
		})
		if err != nil || n != k {
			t.Fatalf("%d records: %d, %v", k, n, err)
		}
	})
}

// A 40 MB tag name took 10 s: a tag that spans many reads was parsed
// again from its start after each one. Now each byte is scanned once
// (one-byte reads are the worst case).
func TestLongTagLinear(t *testing.T) {
	for _, shape := range []struct {
		name string
		doc  func(long string) string
	}{
		{"name", func(long string) string { return "<" + long + "></" + long + ">" }},
		{"attribute", func(long string) string { return `<r a="` + long + `"></r>` }},
	} {
		t.Run(shape.name, func(t *testing.T) {
			growth.Linear(t, MaxTagLen/4-100, func(n int) {
				doc := shape.doc(strings.Repeat("r", n))
				if _, err := Parse(iotest.OneByteReader(strings.NewReader(doc))); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

// Longer than MaxTagLen: refused after reading about MaxTagLen bytes,
// whatever the length.
func TestLongTagRefused(t *testing.T) {
	for _, head := range []string{"<", `<r a="`, "<r></", "<!--", "<?pi ", "<!DOCTYPE r "} {
		r := &endless{head: []byte(head), body: []byte("rrrrrrrr")}
		err := Stream(r, []string{"r"}, func(*Node) error { return nil })
		if limitOf(err) != LimitTag || r.n > 4*MaxTagLen {
			t.Fatalf("%q…: %v after %d bytes", head, err, r.n)
		}
	}
}

// One 500 MB text cell took 7.65 GB: text kept for a record is bounded;
// text outside every record is not kept and not limited.
func TestTextLimit(t *testing.T) {
	const max = 1000
	for _, doc := range []string{
		"<r><c>" + strings.Repeat("x", max+1) + "</c></r>",
		"<r><c><![CDATA[" + strings.Repeat("x", max+1) + "]]></c></r>",
		"<r><c>" + strings.Repeat("&amp;", max+1) + "</c></r>",
		"<r>" + strings.Repeat("x", max+1) + "<c/></r>",
	} {
		err := StreamWith(strings.NewReader(doc), []string{"r"}, func(*Node) error { return nil }, Options{MaxText: max})
		if limitOf(err) != LimitText {
			t.Fatalf("%.30q: %v", doc, err)
		}
	}
	doc := "<R><c>" + strings.Repeat("x", 10*max) + "</c><r><c>ok</c></r></R>"
	if err := StreamWith(strings.NewReader(doc), []string{"r"}, func(*Node) error { return nil }, Options{MaxText: max}); err != nil {
		t.Fatalf("text outside the records: %v", err)
	}
	r := &endless{head: []byte("<r><c>"), body: []byte("xxxxxxxx")}
	err := Stream(r, []string{"r"}, func(*Node) error { return nil })
	if limitOf(err) != LimitText || r.n > 2*DefaultMaxText {
		t.Fatalf("endless text: %v after %d bytes", err, r.n)
	}
}

// An endless record stream grew 1.7 GB in 5 s: the records held count
// against the budget (all of them for Stream, the current one for
// StreamTransient), and an endless one stops there.
func TestHeldBudget(t *testing.T) {
	rec := "<r><c>0123456789</c></r>"
	doc := "<R>" + strings.Repeat(rec, 100) + "</R>"
	count := func(o Options) (int, error) {
		n := 0
		err := StreamWith(strings.NewReader(doc), []string{"r"}, func(*Node) error { n++; return nil }, o)
		return n, err
	}
	b := &Budget{Max: int64(len(rec) * 50)}
	if n, err := count(Options{Held: b}); limitOf(err) != LimitHeld || n > 50 {
		t.Fatalf("held: %d records, %v", n, err)
	}
	b = &Budget{Max: int64(len(rec) * 100)}
	if n, err := count(Options{Held: b}); err != nil || n != 100 || b.Used() != int64(len(rec)*100) {
		t.Fatalf("within budget: %d records, %d bytes, %v", n, b.Used(), err)
	}
	b = &Budget{Max: int64(len(rec))}
	if n, err := count(Options{Held: b, Transient: true}); err != nil || n != 100 {
		t.Fatalf("transient: %d records, %v", n, err)
	}
	// Endless: records without end, and one record without end.
	for _, r := range []*endless{
		{head: []byte("<R>"), body: []byte(rec)},
		{head: []byte("<R><r>"), body: []byte("<c>0123456789</c>")},
	} {
		for _, transient := range []bool{false, true} {
			if endlessRecord := bytes.HasSuffix(r.head, []byte("<r>")); !endlessRecord && transient {
				continue // flat memory: the pages limit or the timeout ends it
			}
			r.n, r.off = 0, 0
			b := &Budget{Max: 1 << 20}
			err := StreamWith(r, []string{"r"}, func(*Node) error { return nil }, Options{Held: b, Transient: transient})
			if limitOf(err) != LimitHeld || r.n > 2<<20 {
				t.Fatalf("%q… transient %v: %v after %d bytes", r.head, transient, err, r.n)
			}
		}
	}
}

// `ist --file /dev/zero` ran for ever at 100% CPU: NUL bytes before the
// root (or any other non-XML byte) are refused at once.
func TestNULRefusedAtOnce(t *testing.T) {
	for _, head := range []string{"", "  \n", "\x00<r/>", "<r/>"} {
		r := &endless{head: []byte(head), body: []byte{0}}
		err := Stream(r, []string{"r"}, func(*Node) error { return nil })
		var se *SyntaxError
		if !errors.As(err, &se) || r.n > 2*initialBufSize {
			t.Fatalf("%q + NULs: %v after %d bytes", head, err, r.n)
		}
	}
}
