package main

import (
	"net"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

var bin string

func TestMain(m *testing.M) { clitest.Main(m, "github.com/tfkit/tfkit/cmd/tf-exporter", &bin) }

// TestUsage: bad input is one line on stderr and exit 2; a busy listen
// address exits 1; --help lists every metric.
func TestUsage(t *testing.T) {
	clitest.CheckUsageErrors(t, bin, newApp(), 1)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "give either --host or --hosts"},
		{[]string{"--host", "a", "--hosts", "b"}, "give either --host or --hosts"},
		{[]string{"--hosts", "b", "--roles", "nope"}, `unknown role "nope"`},
		{[]string{"--hosts", "b", "--ports", "vr"}, `bad --ports entry "vr"`},
		{[]string{"--hosts", "b", "--scrape-timeout", "soon"}, `bad duration "soon"`},
		{[]string{"--hosts", "b", "extra"}, `takes no arguments, got "extra"`},
	} {
		clitest.CheckUsage(t, "tf-exporter", tc.args, clitest.Exec(t, bin, tc.args...), tc.want)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if r := clitest.Exec(t, bin, "--hosts", "127.0.0.1", "--listen", ln.Addr().String()); r.Code != 1 || !strings.Contains(r.Stderr, "cannot listen on") {
		t.Errorf("busy address: %+v", r)
	}
	r := clitest.Exec(t, bin, "--help")
	if r.Code != 0 || !strings.Contains(r.Stdout, "tf_bgp_peer_up{node,peer,peer_address,peer_asn} (gauge)") || !strings.Contains(r.Stdout, "tf_vrouter_drops_total{node,reason} (counter)") {
		t.Errorf("--help: %+v", r)
	}
}
