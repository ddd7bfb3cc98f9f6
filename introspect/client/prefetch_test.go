package client

import (
	"context"
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
