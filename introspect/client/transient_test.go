package client

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With Transient the parser reuses record memory; continuations (kept
// past their callback) and the agent's held first page must still work.
func TestTransientFollowsPagesAndHolds(t *testing.T) {
	all := "begin:-1,end:-1,table:db.interface.0,name:"
	rec := &recorder{pages: map[string]string{
		"/Snh_BgpNeighborReq?search_string=":                        neighborPage([]string{"ctrl-2", "compute-1"}, "compute-1||"),
		"/Snh_BgpNeighborReqIterate?x=compute-1%7C%7C":              neighborPage([]string{"compute-2"}, "compute 2&amp;x||"),
		"/Snh_BgpNeighborReqIterate?x=compute%202%26x%7C%7C":        neighborPage([]string{"compute-3"}, ""),
		"/Snh_ItfReq?name=":                                         itfPage([]string{"vhost0"}, "begin:1,end:1,table:db.interface.0,name:", all),
		"/Snh_PageReq?x=begin:-1,end:-1,table:db.interface.0,name:": itfPage([]string{"vhost0", "tap1", "tap2"}, "", all),
	}}
	s := httptest.NewServer(rec)
	defer s.Close()
	c := newClient(t, Config{Hosts: []string{hostOf(s)}})
	got, err := collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}, Transient: true})
	if want := "BgpNeighborResp=ctrl-2 BgpNeighborResp=compute-1 BgpNeighborResp=compute-2 BgpNeighborResp=compute-3"; err != nil || strings.Join(got, " ") != want {
		t.Fatalf("records %q, err %v, want %q", got, err, want)
	}
	got, err = collect(t, c, Request{Path: Path("ItfReq", Arg{"name", ""}), Names: []string{"ItfSandeshData"}, Transient: true})
	if want := "ItfSandeshData=vhost0 ItfSandeshData=tap1 ItfSandeshData=tap2"; err != nil || strings.Join(got, " ") != want {
		t.Fatalf("records %q, err %v, want %q", got, err, want)
	}

	// Several targets: Each keeps the records until all are fetched.
	c2 := newClient(t, Config{Hosts: []string{hostOf(s), hostOf(s)}})
	got, err = collect(t, c2, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}, Transient: true})
	if err != nil || len(got) != 8 || !strings.HasSuffix(got[3], "BgpNeighborResp=compute-3") || !strings.HasSuffix(got[7], "BgpNeighborResp=compute-3") {
		t.Fatalf("two targets: records %q, err %v", got, err)
	}

	f := filepath.Join(t.TempDir(), "nei.xml")
	os.WriteFile(f, []byte(neighborPage([]string{"x1", "x2", "x3"}, "")), 0o644)
	got, err = collect(t, newClient(t, Config{File: f}), Request{Path: "Snh_BgpNeighborReq", Names: []string{"BgpNeighborResp"}, Transient: true})
	if err != nil || strings.Join(got, " ") != "BgpNeighborResp=x1 BgpNeighborResp=x2 BgpNeighborResp=x3" {
		t.Fatalf("file: %q, %v", got, err)
	}
}
