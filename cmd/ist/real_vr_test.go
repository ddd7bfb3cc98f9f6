package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRealVrSamples runs the matching `ist vr` command on every real
// vRouter agent answer (agent-<Request>-*.xml) and checks the rows against
// the records counted in the file itself.
func TestRealVrSamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(realDir, "agent-*.xml"))
	if len(files) == 0 {
		t.Skip("no real agent samples at " + realDir)
	}
	// request name -> command line and the record element it tabulates
	byRequest := map[string]struct {
		args   []string
		record string
		column string // a column whose values must all be printed
	}{
		"VnListReq":  {[]string{"vr", "vn", "--no-wrap"}, "VnSandeshData", "name"},
		"ItfReq":     {[]string{"vr", "intf", "--no-wrap"}, "ItfSandeshData", "name"},
		"VrfListReq": {[]string{"vr", "vrf", "--no-wrap"}, "VrfSandeshData", "name"},
		"NhListReq":  {[]string{"vr", "nh", "--no-wrap"}, "NhSandeshData", "nh_index"},
		"MplsReq":    {[]string{"vr", "mpls", "--no-wrap"}, "MplsSandeshData", "label"},
	}
	for _, f := range files {
		base := filepath.Base(f)
		req := strings.SplitN(strings.TrimPrefix(base, "agent-"), "-", 2)[0]
		t.Run(base, func(t *testing.T) {
			c, ok := byRequest[req]
			if !ok {
				t.Fatalf("no vr command is mapped to %s: add it to byRequest", req)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := runIst(t, append([]string{"--file", f}, c.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Count(string(data), "<"+c.record+">")
			if got := tableRows(out); got != want || want == 0 {
				t.Errorf("%d rows, want %d:\n%s", got, want, out)
			}
			re := regexp.MustCompile(fmt.Sprintf(`<%s>(?:<[^>]*>)*?<%s [^>]*>([^<]*)<`, c.record, c.column))
			for _, m := range re.FindAllStringSubmatch(string(data), -1) {
				if !strings.Contains(out, "| "+m[1]+" ") {
					t.Errorf("%s %q not printed:\n%s", c.column, m[1], out)
				}
			}
			js, err := runIst(t, append([]string{"--file", f}, append(c.args[:2:2], "-f", "json")...)...)
			if err != nil || strings.Count(js, `"`+c.record+`"`) == 0 && strings.Count(js, "\n") < want {
				t.Errorf("json: %v\n%s", err, js)
			}
		})
	}
}

// pagedAgentList is an agent paged answer (spec §3.2): the list response
// with the given records, then a Pagination whose next_page/all cookies
// are as given.
func pagedAgentList(resp, field, records, next, all string) string {
	return `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><__` + resp + `_list type="slist"><` + resp + ` type="sandesh">` +
		`<` + field + ` type="list" identifier="1"><list type="struct" size="1">` + records + `</list></` + field + `>` +
		`<more type="bool" identifier="0">true</more></` + resp + `><Pagination type="sandesh"><req type="struct" identifier="1"><PageReqData>` +
		`<prev_page type="string" identifier="1" link="PageReq"></prev_page><next_page type="string" identifier="2" link="PageReq">` + next + `</next_page>` +
		`<first_page type="string" identifier="3" link="PageReq"></first_page><all type="string" identifier="4" link="PageReq">` + all + `</all>` +
		`<table_size type="u32" identifier="5">3</table_size><entries type="string" identifier="6">0-0/3</entries></PageReqData></req>` +
		`<more type="bool" identifier="0">false</more></Pagination></__` + resp + `_list>`
}

// TestVrFollowsAgentPagination: a first page with a next_page is replaced
// by the `all` page (ist.py: the first page's records are dropped), for
// vr intf and vr route.
func TestVrFollowsAgentPagination(t *testing.T) {
	itf := func(i int) string {
		return fmt.Sprintf(`<ItfSandeshData><index type="u32" identifier="1">%d</index><name type="string" identifier="2">tap%d</name></ItfSandeshData>`, i, i)
	}
	route := func(i int) string {
		return fmt.Sprintf(`<RouteUcSandeshData><src_ip type="string" identifier="1">10.0.0.%d</src_ip><src_plen type="u32" identifier="2">32</src_plen>`+
			`<src_vrf type="string" identifier="3">vrf</src_vrf><path_list type="list" identifier="4"><list type="struct" size="0"></list></path_list></RouteUcSandeshData>`, i)
	}
	const itfAll, routeAll = "begin:-1,end:-1,table:db.interface.0,", "begin:-1,end:-1,table:vrf.uc.route.0,"
	addr := serve(t, map[string]string{
		"/Snh_ItfReq?name=&type=&uuid=&vn=&mac=&ipv4_address=":        pagedAgentList("ItfResp", "itf_list", itf(0), "begin:1,end:1,table:db.interface.0,", itfAll),
		"/Snh_PageReq?x=" + itfAll:                                    pagedAgentList("ItfResp", "itf_list", itf(0)+itf(1)+itf(2), "", itfAll),
		"/Snh_Inet4UcRouteReq?vrf_index=0&src_ip=&prefix_len=&stale=": pagedAgentList("Inet4UcRouteResp", "route_list", route(0), "begin:1,end:1,table:vrf.uc.route.0,", routeAll),
		"/Snh_PageReq?x=" + routeAll:                                  pagedAgentList("Inet4UcRouteResp", "route_list", route(0)+route(1)+route(2), "", routeAll),
	})
	out, err := runIst(t, "--host", addr, "vr", "intf", "--no-wrap", "-c", "name")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if n := strings.Count(out, fmt.Sprintf("| tap%d ", i)); n != 1 {
			t.Errorf("tap%d printed %d times, want once:\n%s", i, n, out)
		}
	}
	out, err = runIst(t, "--host", addr, "vr", "route")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if n := strings.Count(out, fmt.Sprintf("10.0.0.%d/32\n", i)); n != 1 {
			t.Errorf("route 10.0.0.%d printed %d times, want once:\n%s", i, n, out)
		}
	}
}
