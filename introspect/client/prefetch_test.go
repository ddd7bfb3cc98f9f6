package client

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// The next page is asked for while the current one is still being
// handed out: the first record's callback waits until the server has
// seen the request for page 2.
func TestNextPageFetchedWhileParsing(t *testing.T) {
	rec := &recorder{pages: map[string]string{
		"/Snh_BgpNeighborReq?search_string=":           neighborPage([]string{"ctrl-2", "compute-1"}, "compute-1||"),
		"/Snh_BgpNeighborReqIterate?x=compute-1%7C%7C": neighborPage([]string{"compute-2"}, ""),
	}}
	s := startServer(t, rec)
	c := newClient(t, Config{Hosts: []string{s}})
	var got []string
	err := c.Each(context.Background(), Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}}, func(_ Target, n *sandesh.Node) error {
		if len(got) == 0 {
			testwait.For(t, "page 2 to be requested while page 1 is parsed", 5*time.Second, func() bool { return requests(rec) >= 2 })
		}
		got = append(got, n.Child("peer").Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "ctrl-2 compute-1 compute-2" {
		t.Fatalf("records %q", got)
	}
}

// A prefetch of the wrong page (the last next_batch of the body differs
// from the first, which is the one followed) is dropped: only the
// followed chain is delivered.
func TestWrongPrefetchDropped(t *testing.T) {
	first := neighborPage([]string{"a"}, "right||")
	first = strings.Replace(first, `<more type`, `<next_batch type="string" identifier="2" link="BgpNeighborReqIterate" link_title="next_batch">wrong||</next_batch><more type`, 1)
	rec := &recorder{pages: map[string]string{
		"/Snh_BgpNeighborReq?search_string=":       first,
		"/Snh_BgpNeighborReqIterate?x=right%7C%7C": neighborPage([]string{"b"}, ""),
		"/Snh_BgpNeighborReqIterate?x=wrong%7C%7C": neighborPage([]string{"never"}, ""),
	}}
	c := newClient(t, Config{Hosts: []string{startServer(t, rec)}})
	got, err := collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "BgpNeighborResp=a BgpNeighborResp=b" {
		t.Fatalf("records %q", got)
	}
}

func requests(r *recorder) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.uris)
}

// startServer serves rec on 127.0.0.1 for the test and returns host:port.
func startServer(t *testing.T, rec *recorder) string {
	s := httptest.NewServer(rec)
	t.Cleanup(s.Close)
	return hostOf(s)
}

// Bodies larger than the first chunk are read ahead on another
// goroutine, smaller ones parsed whole where they lie; one of exactly a
// chunk takes the first way and finds the end at once. Pages of every
// kind chain by next_batch in order, each asked for once (the prefetch
// of the next one is used, by both ways).
func TestPagesLargeSmallAndOneChunk(t *testing.T) {
	var big []string
	for i := range 5000 {
		big = append(big, fmt.Sprintf("peer-%d", i))
	}
	exact := neighborPage([]string{"exact"}, "p4||")
	exact += strings.Repeat(" ", aheadChunk-len(exact))
	rec := &recorder{pages: map[string]string{
		"/Snh_BgpNeighborReq?search_string=":    neighborPage(big, "p2||"),
		"/Snh_BgpNeighborReqIterate?x=p2%7C%7C": neighborPage([]string{"small"}, "p3||"),
		"/Snh_BgpNeighborReqIterate?x=p3%7C%7C": exact,
		"/Snh_BgpNeighborReqIterate?x=p4%7C%7C": neighborPage([]string{"last"}, ""),
	}}
	if len(rec.pages["/Snh_BgpNeighborReq?search_string="]) <= 2*aheadChunk {
		t.Fatal("the first page must be larger than the read-ahead chunk")
	}
	c := newClient(t, Config{Hosts: []string{startServer(t, rec)}})
	got, err := collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}, Transient: true})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, 0, 5003)
	for _, p := range append(big, "small", "exact", "last") {
		want = append(want, "BgpNeighborResp="+p)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("%d records, want %d; first %q last %q", len(got), len(want), got[:3], got[len(got)-3:])
	}
	if requests(rec) != 4 {
		t.Fatalf("requests %q, want each page once", rec.uris)
	}
}

// The parser reads read-ahead chunks where they lie; a token cut at a
// chunk's end moves into the next one's headroom, and one longer than
// that (a 20 KiB attribute, a CDATA section spanning several chunks)
// into a buffer of its own. Whatever the cuts, the records are those of
// the same bytes parsed whole.
func TestTokensAcrossChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString(pi + `<BgpNeighborListResp type="sandesh"><neighbors type="list" identifier="1"><list type="struct" size="40">`)
	for i := range 40 {
		fmt.Fprintf(&b, `<BgpNeighborResp><peer type="string" identifier="1" link="%s">%s<![CDATA[%s]]></peer><state type="string">%s</state></BgpNeighborResp>`,
			strings.Repeat("a", 20000+i*997), strings.Repeat("t", i*3001), strings.Repeat("c", 30000+i*7919), strings.Repeat("s", i%7))
	}
	b.WriteString(`</list></neighbors><more type="bool" identifier="0">false</more></BgpNeighborListResp>`)
	doc := b.String()
	if len(doc) < 4*aheadChunk {
		t.Fatalf("document of %d bytes: must span several chunks", len(doc))
	}
	var want []string
	err := sandesh.StreamBytes([]byte(doc), []string{"BgpNeighborResp"}, func(n *sandesh.Node) error {
		want = append(want, string(sandesh.AppendJSON(nil, n)))
		return nil
	}, sandesh.Options{})
	if err != nil || len(want) != 40 {
		t.Fatal(err, len(want))
	}
	rec := &recorder{pages: map[string]string{"/Snh_BgpNeighborReq?search_string=": doc}}
	c := newClient(t, Config{Hosts: []string{startServer(t, rec)}})
	var got []string
	err = c.Stream(context.Background(), c.Targets()[0], Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}}, func(n *sandesh.Node) error {
		got = append(got, string(sandesh.AppendJSON(nil, n)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%d records differ from the document parsed whole", len(got))
	}
}
