package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/testnet"
)

// TestBanner: ist prints ist.py's first line exactly when ist.py does
// (a host given by --host or INTROSPECT_HOST; --file), for one host and
// table or text output, and never otherwise: not in JSON, not for
// several hosts, not with --no-banner or IST_NO_BANNER, not on an
// error (nothing on stdout then).
func TestBanner(t *testing.T) {
	h := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml")})
	h2 := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml")})
	host, port, _ := strings.Cut(h, ":")
	file := filepath.Join("..", "..", "testdata", "ctr", "BgpNeighborReq.xml")
	table, err := runIst(t, "--no-banner", "--host", h, "ctr", "nei")
	if err != nil || !strings.HasPrefix(table, "+---") {
		t.Fatalf("no banner: %v\n%s", err, table)
	}
	hostLine := "Introspect Host: " + h + "\n"
	fileLine := "Loadding from introspect xml " + file + "\n"
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string // the whole stdout
	}{
		{"--host", nil, []string{"--host", h, "ctr", "nei"}, hostLine + table},
		{"--host, flags after", nil, []string{"ctr", "nei", "--host", h}, hostLine + table},
		{"INTROSPECT_HOST", map[string]string{"INTROSPECT_HOST": h}, []string{"ctr", "nei"}, hostLine + table},
		{"default host: none, as ist.py", nil, []string{"--port", port, "ctr", "nei"}, table},
		{"--file", nil, []string{"--file", file, "ctr", "nei"}, fileLine + table},
		{"--host and --file: both, as ist.py", nil, []string{"--host", host, "--file", file, "ctr", "nei"}, "Introspect Host: " + host + "\n" + fileLine + table},
		{"--no-banner", nil, []string{"--no-banner", "--host", h, "ctr", "nei"}, table},
		{"IST_NO_BANNER", map[string]string{"IST_NO_BANNER": "1"}, []string{"--host", h, "--file", file, "ctr", "nei"}, table},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got, err := runIst(t, tc.args...)
			if err != nil || got != tc.want {
				t.Errorf("ist %s: %v\n--- got\n%s--- want\n%s", strings.Join(tc.args, " "), err, got, tc.want)
			}
		})
	}
	text, err := runIst(t, "--host", h, "ctr", "nei", "-f", "text")
	if err != nil || !strings.HasPrefix(text, hostLine+"BgpNeighborResp\n") {
		t.Errorf("text: %v\n%s", err, text)
	}
	js, err := runIst(t, "--host", h, "ctr", "nei", "-f", "json")
	if err != nil || !strings.HasPrefix(js, "[") {
		t.Errorf("json has a banner: %v\n%s", err, js)
	}
	many, err := runIst(t, "--host", h+","+h2, "ctr", "nei", "-f", "text")
	if err != nil || !strings.HasPrefix(many, "== "+h+" ==\n") {
		t.Errorf("several hosts have a banner: %v\n%s", err, many)
	}
	dead := testnet.DeadAddr(t)
	out, err := runIst(t, "--host", dead, "ctr", "nei")
	if exitCode(err) != 3 || out != "" {
		t.Errorf("a failed request printed %q (exit %d)", out, exitCode(err))
	}
}
