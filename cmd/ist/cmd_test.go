package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/testnet"
)

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ctr", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// serve answers each request path (with query) from pages; 404 otherwise.
func serve(t *testing.T, pages map[string]string) string {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.RequestURI()]
		if !ok {
			w.WriteHeader(404)
			w.Write([]byte("<html>\n<title>404 Not Found</title>\n</html>\r\n\x00"))
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

const neiPath = "/Snh_BgpNeighborReq?search_string="

func TestManyHostsHostColumn(t *testing.T) {
	h1 := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml")})
	h2 := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml")})
	out, err := runIst(t, "ctr", "nei", "-t", "BGP", "-c", "peer", "state", "--host", h1+","+h2)
	if err != nil {
		t.Fatal(err)
	}
	want := "| host" + strings.Repeat(" ", len(h1)-4) + " | peer   | state       |"
	if !strings.Contains(out, want) || strings.Count(out, "| "+h1+" |") != 2 || strings.Count(out, "| "+h2+" |") != 2 {
		t.Fatalf("want a host column with 2 BGP rows per host:\n%s", out)
	}
	if i1, i2 := strings.Index(out, h1), strings.Index(out, h2); i1 > i2 {
		t.Fatalf("hosts not in the order given:\n%s", out)
	}
	js, err := runIst(t, "--host", h1+","+h2, "ctr", "nei", "-f", "json", "-c", "peer")
	if err != nil || !strings.Contains(js, `{"host":"`+h2+`","peer":"ctrl-2"}`) {
		t.Fatalf("json: %v\n%s", err, js)
	}
}

// TestRouteShowFollowsNextBatch serves ShowRouteResp in two pages: every
// route is printed once, every table header once.
func TestRouteShowFollowsNextBatch(t *testing.T) {
	doc := fixture(t, "ShowRouteReq.xml")
	cookie := "||||x||bgp.l3vpn.0||10.0.0.21:1:10.244.0.3/32||1000||||||||false||false"
	page1 := strings.Replace(doc, `<more type="bool" identifier="0">false</more></ShowRouteResp>`,
		`<next_batch type="string" identifier="2" link="ShowRouteReqIterate" link_title="next_batch">`+cookie+`</next_batch><more type="bool" identifier="0">false</more></ShowRouteResp>`, 1)
	first := "/Snh_ShowRouteReq?routing_table=&routing_instance=&prefix=&longer_match=&shorter_match=&count=&start_routing_table=&start_routing_instance=&start_prefix=&source=&protocol=&family="
	host := serve(t, map[string]string{
		first: page1,
		"/Snh_ShowRouteReqIterate?x=" + strings.NewReplacer("|", "%7C", "/", "%2F").Replace(cookie): doc,
	})
	out, err := runIst(t, "--host", host, "ctr", "route", "show")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n10.244.0.3/32, age: "); n != 2 {
		t.Fatalf("route printed %d times over 2 pages, want 2:\n%s", n, out)
	}
	if n := strings.Count(out, "bgp.l3vpn.0: 6 destinations"); n != 1 {
		t.Fatalf("table header printed %d times, want once:\n%s", n, out)
	}
}

func TestRouteShowQuery(t *testing.T) {
	want := "/Snh_ShowRouteReq?routing_table=&routing_instance=default-domain:admin:vn1:vn1&prefix=10.1.1.3%2F32&longer_match=&shorter_match=1&count=&start_routing_table=&start_routing_instance=&start_prefix=&source=&protocol=XMPP&family=inet"
	host := serve(t, map[string]string{want: fixture(t, "ShowRouteReq.xml")})
	if _, err := runIst(t, "--host", host, "ctr", "route", "show", "10.1.1.3", "-v", "default-domain:admin:vn1:vn1", "-p", "XMPP", "-f", "inet"); err != nil {
		t.Fatalf("ist did not send %s: %v", want, err)
	}
}

func TestExitCodesAndNothingPrinted(t *testing.T) {
	h := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml")[:900]})
	dead := testnet.DeadAddr(t)
	for _, tc := range []struct {
		args []string
		exit int
	}{
		{[]string{"ctr", "nei", "--bogus"}, 2},
		{[]string{"ctr", "nei", "-t", "ISIS"}, 2},
		{[]string{"ctr", "nosuch"}, 2},
		{[]string{"nosuch"}, 2},
		{[]string{"ctr", "nei", "-f", "yaml"}, 2},
		{[]string{"ctr", "nei", "--max_width", "-1"}, 2},
		{[]string{"--timeout", "soon", "ctr", "nei"}, 2},
		{[]string{"--host", dead, "ctr", "nei"}, 3},
		{[]string{"--host", h, "ctr", "ri"}, 4},
		{[]string{"--host", h, "ctr", "nei"}, 5},
	} {
		out, errs, code := runMain(t, tc.args...)
		if code != tc.exit || out != "" || !strings.HasPrefix(errs, "ist: ") || strings.Count(errs, "\n") != 1 {
			t.Errorf("ist %s: exit %d, stdout %q, stderr %q; want exit %d, no output, one error line", strings.Join(tc.args, " "), code, out, errs, tc.exit)
		}
	}
}

// TestFlagsAnywhere: ist.py's grammar through clikit.Normalize over ist's
// command tree: global options anywhere, a command's options after its
// arguments, "-c a b c".
func TestFlagsAnywhere(t *testing.T) {
	for in, want := range map[string]string{
		"ctr nei foo -t BGP --host h":                                        "--host h ctr nei -t BGP foo",
		"--host=h ctr route show 10.1.1.3 -f inet":                           "--host=h ctr route show -f inet 10.1.1.3",
		"ctr nei -c peer state -t XMPP":                                      "ctr nei -c peer,state -t XMPP",
		"ctr route summary --family all --file f":                            "--file f ctr route summary --family all",
		"ctr route show -d -r":                                               "ctr route show -d -r",
		"ctr nei -c":                                                         "ctr nei",
		"--host h follow vrf 10.0.0.1 -f json --vrouter=x --hosts f -- -odd": "--host h follow -f json --vrouter=x --hosts f -- vrf 10.0.0.1 -odd",
	} {
		if got := strings.Join(clikit.Normalize(newApp(), strings.Fields(in), options), " "); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// Text output of several hosts: each host's block under "== host ==",
// hosts in the order given; route show gets one printer per host.
func TestManyHostsText(t *testing.T) {
	routes := "/Snh_ShowRouteReq?routing_table=&routing_instance=&prefix=&longer_match=&shorter_match=&count=&start_routing_table=&start_routing_instance=&start_prefix=&source=&protocol=&family="
	h1 := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml"), routes: fixture(t, "ShowRouteReq.xml")})
	h2 := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml"), routes: fixture(t, "ShowRouteReq.xml")})
	out, err := runIst(t, "--host", h2+","+h1, "ctr", "nei", "-t", "BGP", "-f", "text")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "== "+h2+" ==\nBgpNeighborResp\n") || strings.Count(out, "== ") != 2 || strings.Index(out, h1) < strings.Index(out, "peer: mx1") {
		t.Fatalf("text of two hosts:\n%s", out)
	}
	one, err := runIst(t, "--host", h1, "ctr", "route", "show")
	if err != nil {
		t.Fatal(err)
	}
	// One host prints ist.py's banner first; several hosts print none.
	one, ok := strings.CutPrefix(one, "Introspect Host: "+h1+"\n")
	if !ok {
		t.Fatalf("route show on one host has no banner:\n%s", one)
	}
	two, err := runIst(t, "--host", h1+","+h2, "ctr", "route", "show")
	if err != nil {
		t.Fatal(err)
	}
	two = ageRE.ReplaceAllString(two, "age: AGE, ")
	one = ageRE.ReplaceAllString(one, "age: AGE, ")
	if two != "== "+h1+" ==\n"+one+"== "+h2+" ==\n"+one {
		t.Fatalf("route show on two hosts:\n%s\nwant each host's block:\n%s", two, one)
	}
}

func TestRouteShowJSON(t *testing.T) {
	out, err := runIst(t, "--file", filepath.Join("..", "..", "testdata", "ctr", "ShowRouteReq.xml"), "ctr", "route", "show", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var routes []struct {
		Table  string `json:"routing_table_name"`
		Prefix string `json:"prefix"`
		Paths  []struct {
			Label int      `json:"label"`
			Encap []string `json:"tunnel_encap"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(out), &routes); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(routes) != 4 || routes[3].Table != "bgp.l3vpn.0" || routes[3].Prefix != "10.0.0.21:1:10.244.0.3/32" ||
		routes[0].Paths[0].Label != 25 || strings.Join(routes[0].Paths[0].Encap, ",") != "gre,udp" {
		t.Fatalf("routes %+v", routes)
	}
}
