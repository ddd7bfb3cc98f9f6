package sandesh

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
)

// boundedReader counts the bytes read and remembers whether more than
// max were asked for while closed is false.
type boundedReader struct {
	r      io.Reader
	read   atomic.Int64
	max    int64
	open   atomic.Bool // Run has started: no bound
	passed atomic.Bool
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if b.read.Add(int64(n)) > b.max && !b.open.Load() {
		b.passed.Store(true)
	}
	return n, err
}

// A document parsed ahead gives what StreamWith gives (records in order,
// the same error) whatever it is; before Run, the tokenizer reads about
// aheadBytes of it and waits, and Run then takes it to the end, also
// when what the tokenizer reads after a wait sends the builder nothing
// (a long left-out text: the wait's mark must still reach the builder).
func TestStreamAheadSameAsStream(t *testing.T) {
	var routes strings.Builder
	routes.WriteString(`<ShowRouteResp><tables><list>`)
	for i := 0; routes.Len() < 3*aheadBytes/2; i++ {
		fmt.Fprintf(&routes, `<ShowRoute><prefix>10.0.%d.%d/32</prefix><paths><list><ShowRoutePath><protocol>XMPP</protocol><next_hop>10.1.%d.%d</next_hop><label>%d</label><source>compute-%d</source></ShowRoutePath></list></paths></ShowRoute>`,
			i>>8&255, i&255, i>>8&255, i&255, 16+i, i%50)
	}
	routes.WriteString(`</list></tables></ShowRouteResp>`)
	doc := routes.String()
	silent := `<R><list><rec><keep>a</keep><skip>` + strings.Repeat("s", 3*aheadBytes) + `</skip></rec><rec><keep>b</keep></rec></list></R>`
	for _, tc := range []struct {
		name  string
		doc   string
		names []string
		o     Options
	}{
		{"routes", doc, []string{"ShowRoute"}, Options{}},
		{"routes, transient, projected", doc, []string{"ShowRoute"}, Options{Transient: true, Keep: map[string]bool{"prefix": true, "paths": true, "list": true, "ShowRoutePath": true, "label": true}}},
		{"broken", doc[:len(doc)*3/4] + "</oops>" + doc[len(doc)*3/4:], []string{"ShowRoute"}, Options{Transient: true}},
		{"cut short", doc[:len(doc)-100], []string{"ShowRoute"}, Options{}},
		{"long left-out text", silent, []string{"rec"}, Options{Keep: map[string]bool{"keep": true}, MaxText: 4 * aheadBytes}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			werr := StreamWith(strings.NewReader(tc.doc), tc.names, func(n *Node) error {
				want = append(want, string(AppendJSON(nil, n)))
				return nil
			}, tc.o)
			r := &boundedReader{r: strings.NewReader(tc.doc), max: aheadBytes + 2*initialBufSize}
			a := StreamAhead(r, tc.names, tc.o)
			// The tokenizer goes on alone up to its bound, and waits there
			// (every document is larger, its fault after it).
			testwait.For(t, "the tokenizer to wait at its bound", 10*time.Second, func() bool { return a.q.waits.Load() > 0 })
			if r.passed.Load() || r.read.Load() < aheadBytes {
				t.Fatalf("the tokenizer read %d bytes ahead of the builder, want %d to %d", r.read.Load(), aheadBytes, r.max)
			}
			r.open.Store(true)
			var got []string
			gerr := a.Run(func(n *Node) error {
				got = append(got, string(AppendJSON(nil, n)))
				return nil
			})
			if r.passed.Load() {
				t.Fatalf("the tokenizer read more than %d bytes ahead of the builder", r.max)
			}
			if fmt.Sprint(gerr) != fmt.Sprint(werr) || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("ahead: %d records, err %v; StreamWith: %d records, err %v", len(got), gerr, len(want), werr)
			}
			if len(want) < 2 {
				t.Fatalf("only %d records", len(want))
			}
		})
	}
}

// A document parsed ahead and abandoned (Stop, no Run) leaves no
// goroutine, whether its tokenizer waits at its bound or is done.
func TestStreamAheadStop(t *testing.T) {
	doc := `<R><list>` + strings.Repeat(`<rec><a>1</a></rec>`, aheadBytes/10) + `</list></R>`
	for _, size := range []int{100, len(doc)} {
		g0 := runtime.NumGoroutine()
		r := &boundedReader{r: bytes.NewReader([]byte(doc[:size])), max: 1 << 62}
		a := StreamAhead(r, []string{"rec"}, Options{})
		testwait.For(t, "the tokenizer to start", 10*time.Second, func() bool { return r.read.Load() > 0 })
		a.Stop()
		testwait.For(t, "the tokenizer to end", 10*time.Second, func() bool { return runtime.NumGoroutine() <= g0 })
	}
}
