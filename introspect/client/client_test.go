package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testnet"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

const pi = `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>`

// neighborPage is a BgpNeighborListResp with the given peers and cookie.
func neighborPage(peers []string, next string) string {
	var b strings.Builder
	b.WriteString(pi + `<BgpNeighborListResp type="sandesh"><neighbors type="list" identifier="1"><list type="struct" size="` + fmt.Sprint(len(peers)) + `">`)
	for _, p := range peers {
		b.WriteString(`<BgpNeighborResp><peer type="string" identifier="1" link="BgpNeighborReq">` + p + `</peer></BgpNeighborResp>`)
	}
	b.WriteString(`</list></neighbors>`)
	if next != "" {
		b.WriteString(`<next_batch type="string" identifier="2" link="BgpNeighborReqIterate" link_title="next_batch">` + next + `</next_batch>`)
	}
	b.WriteString(`<more type="bool" identifier="0">false</more></BgpNeighborListResp>`)
	return b.String()
}

// itfPage is an agent list answer with a Pagination trailer.
func itfPage(names []string, next, all string) string {
	var b strings.Builder
	b.WriteString(pi + `<__ItfResp_list type="slist"><ItfResp type="sandesh"><itf_list type="list" identifier="1"><list type="struct" size="` + fmt.Sprint(len(names)) + `">`)
	for _, n := range names {
		b.WriteString(`<ItfSandeshData><name type="string" identifier="2">` + n + `</name></ItfSandeshData>`)
	}
	b.WriteString(`</list></itf_list><more type="bool" identifier="0">true</more></ItfResp>`)
	b.WriteString(`<Pagination type="sandesh"><req type="struct" identifier="1"><PageReqData><prev_page type="string" identifier="1" link="PageReq"></prev_page><next_page type="string" identifier="2" link="PageReq">` + next + `</next_page><first_page type="string" identifier="3" link="PageReq"></first_page><all type="string" identifier="4" link="PageReq">` + all + `</all><table_size type="u32" identifier="5">3</table_size><entries type="string" identifier="6">0-0/3</entries></PageReqData></req><more type="bool" identifier="0">false</more></Pagination></__ItfResp_list>`)
	return b.String()
}

// recorder is a test server that answers by raw request URI.
type recorder struct {
	mu    sync.Mutex
	uris  []string
	pages map[string]string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.uris = append(r.uris, req.URL.RequestURI())
	body, ok := r.pages[req.URL.RequestURI()]
	r.mu.Unlock()
	if !ok {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(404)
		w.Write([]byte("<html>\n<title>404 Not Found</title>\n</html>\r\n\x00"))
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Write([]byte(body))
}

func newClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func hostOf(s *httptest.Server) string { return strings.TrimPrefix(s.URL, "http://") }

func collect(t *testing.T, c *Client, req Request) ([]string, error) {
	t.Helper()
	var got []string
	err := c.Each(context.Background(), req, func(tg Target, n *sandesh.Node) error {
		v := n.Child("peer")
		if v == nil {
			v = n.Child("name")
		}
		s := n.Name + "=" + v.Text
		if len(c.Targets()) > 1 {
			s = tg.Label + "/" + s
		}
		got = append(got, s)
		return nil
	})
	return got, err
}

func TestNextBatchFollowsEveryPage(t *testing.T) {
	rec := &recorder{pages: map[string]string{
		"/Snh_BgpNeighborReq?search_string=":                 neighborPage([]string{"ctrl-2", "compute-1"}, "compute-1||"),
		"/Snh_BgpNeighborReqIterate?x=compute-1%7C%7C":       neighborPage([]string{"compute-2"}, "compute 2&amp;x||"),
		"/Snh_BgpNeighborReqIterate?x=compute%202%26x%7C%7C": neighborPage([]string{"compute-3"}, ""),
	}}
	s := httptest.NewServer(rec)
	defer s.Close()
	c := newClient(t, Config{Hosts: []string{hostOf(s)}})
	got, err := collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "BgpNeighborResp=ctrl-2 BgpNeighborResp=compute-1 BgpNeighborResp=compute-2 BgpNeighborResp=compute-3"
	if strings.Join(got, " ") != want {
		t.Fatalf("records %q, want %q", got, want)
	}
	if len(rec.uris) != 3 {
		t.Fatalf("fetched %q, want 3 pages", rec.uris)
	}
}

// Also with a Keep that names only the records' field: the client still
// reads the Pagination it selects itself.
func TestAgentPaginationRefetchesAll(t *testing.T) {
	all := "begin:-1,end:-1,table:db.interface.0,name:"
	rec := &recorder{pages: map[string]string{
		"/Snh_ItfReq?name=": itfPage([]string{"vhost0"}, "begin:1,end:1,table:db.interface.0,name:", all),
		"/Snh_PageReq?x=begin:-1,end:-1,table:db.interface.0,name:": itfPage([]string{"vhost0", "tap1", "tap2"}, "", all),
	}}
	s := httptest.NewServer(rec)
	defer s.Close()
	c := newClient(t, Config{Hosts: []string{hostOf(s)}})
	for _, keep := range []map[string]bool{nil, {"name": true}} {
		got, err := collect(t, c, Request{Path: Path("ItfReq", Arg{"name", ""}), Names: []string{"ItfSandeshData"}, Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		// The first page is superseded: vhost0 must appear once.
		if want := "ItfSandeshData=vhost0 ItfSandeshData=tap1 ItfSandeshData=tap2"; strings.Join(got, " ") != want {
			t.Fatalf("Keep %v: records %q, want %q", keep, got, want)
		}
	}
}

// A Pagination without its request (a broken or hostile agent) ends the
// answer after its records instead of crashing ist.
func TestPaginationWithoutRequest(t *testing.T) {
	page := strings.Replace(itfPage([]string{"vhost0"}, "x", "y"), `<req type="struct" identifier="1">`, `<bad type="struct" identifier="1">`, 1)
	page = strings.Replace(page, `</req>`, `</bad>`, 1)
	rec := &recorder{pages: map[string]string{"/Snh_ItfReq?name=": page}}
	s := httptest.NewServer(rec)
	defer s.Close()
	c := newClient(t, Config{Hosts: []string{hostOf(s)}})
	got, err := collect(t, c, Request{Path: Path("ItfReq", Arg{"name", ""}), Names: []string{"ItfSandeshData"}})
	if err != nil || strings.Join(got, " ") != "ItfSandeshData=vhost0" || len(rec.uris) != 1 {
		t.Fatalf("records %q, err %v, fetched %q", got, err, rec.uris)
	}
}

func TestAgentLastPageIsKept(t *testing.T) {
	rec := &recorder{pages: map[string]string{
		"/Snh_ItfReq?name=": itfPage([]string{"vhost0", "tap1"}, "", "begin:-1,end:-1,table:db.interface.0,name:"),
	}}
	s := httptest.NewServer(rec)
	defer s.Close()
	c := newClient(t, Config{Hosts: []string{hostOf(s)}})
	got, err := collect(t, c, Request{Path: Path("ItfReq", Arg{"name", ""}), Names: []string{"ItfSandeshData"}})
	if err != nil || strings.Join(got, " ") != "ItfSandeshData=vhost0 ItfSandeshData=tap1" || len(rec.uris) != 1 {
		t.Fatalf("records %q, err %v, fetched %q", got, err, rec.uris)
	}
}

func TestManyHostsTaggedInOrder(t *testing.T) {
	a := httptest.NewServer(&recorder{pages: map[string]string{"/Snh_BgpNeighborReq?search_string=": neighborPage([]string{"a1", "a2"}, "")}})
	defer a.Close()
	b := httptest.NewServer(&recorder{pages: map[string]string{"/Snh_BgpNeighborReq?search_string=": neighborPage([]string{"b1"}, "")}})
	defer b.Close()
	c := newClient(t, Config{Hosts: []string{hostOf(b), hostOf(a)}})
	got, err := collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}})
	if err != nil {
		t.Fatal(err)
	}
	want := hostOf(b) + "/BgpNeighborResp=b1 " + hostOf(a) + "/BgpNeighborResp=a1 " + hostOf(a) + "/BgpNeighborResp=a2"
	if strings.Join(got, " ") != want {
		t.Fatalf("records %q, want %q", got, want)
	}
}

func TestManyHostsOneFailsNothingDelivered(t *testing.T) {
	a := httptest.NewServer(&recorder{pages: map[string]string{"/Snh_BgpNeighborReq?search_string=": neighborPage([]string{"a1"}, "")}})
	defer a.Close()
	dead := testnet.DeadAddr(t)
	c := newClient(t, Config{Hosts: []string{hostOf(a), dead}})
	got, err := collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}})
	if len(got) != 0 || ExitCode(err) != 3 || !strings.Contains(err.Error(), dead) {
		t.Fatalf("got %q err %v (exit %d)", got, err, ExitCode(err))
	}
}

func TestErrorClasses(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	}))
	defer slow.Close()
	pages := &recorder{pages: map[string]string{
		"/Snh_Html":      `<h3>Invalid data provided in Sandesh Request</h3>`,
		"/Snh_Truncated": pi + `<BgpNeighborListResp type="sandesh"><neighbors type="list" identifier="1"><list type="struct" size="1"><BgpNeighborResp><peer>`,
		"/Snh_Bad":       pi + `<BgpNeighborListResp type="sandesh"><peer></BgpNeighborListResp>`,
	}}
	srv := httptest.NewServer(pages)
	defer srv.Close()
	boom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal trouble", 500)
	}))
	defer boom.Close()
	tlsSrv := httptest.NewTLSServer(pages)
	defer tlsSrv.Close()
	cases := []struct {
		name, host, path string
		ssl              bool
		timeout          time.Duration
		exit             int
		want             string
	}{
		{"refused", testnet.DeadAddr(t), "Snh_X", false, 0, 3, "connection refused"},
		{"timeout", hostOf(slow), "Snh_X", false, 200 * time.Millisecond, 3, "no answer within 200ms"},
		{"404", hostOf(srv), "Snh_Nope?x=1", false, 0, 4, "HTTP 404: this daemon does not know Nope"},
		{"500", hostOf(boom), "Snh_X", false, 0, 4, "HTTP 500: internal trouble"},
		{"html", hostOf(srv), "Snh_Html", false, 0, 4, "HTML page instead of XML"},
		{"truncated", hostOf(srv), "Snh_Truncated", false, 0, 5, "unexpected EOF"},
		{"malformed", hostOf(srv), "Snh_Bad", false, 0, 5, "does not match <peer>"},
		{"tls-unknown-ca", strings.TrimPrefix(tlsSrv.URL, "https://"), "Snh_Html", true, 0, 6, "certificate"},
		{"https-to-http", hostOf(srv), "Snh_Html", true, 0, 6, "does not speak TLS"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			to := tc.timeout
			if to == 0 {
				to = 5 * time.Second
			}
			c, err := New(Config{Hosts: []string{tc.host}, SSL: tc.ssl, Timeout: to})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			err = c.Each(context.Background(), Request{Path: tc.path, Names: []string{"BgpNeighborResp"}}, func(Target, *sandesh.Node) error { n++; return nil })
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if ExitCode(err) != tc.exit || !strings.Contains(msg, tc.want) || !strings.Contains(msg, tc.host) || strings.Contains(msg, "\n") {
				t.Fatalf("exit %d, message %q; want exit %d containing %q and %q on one line", ExitCode(err), msg, tc.exit, tc.want, tc.host)
			}
			if n != 0 {
				t.Fatalf("%d records delivered before the failure", n)
			}
		})
	}
}
