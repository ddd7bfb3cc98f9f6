package cluster_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
	"github.com/tfkit/tfkit/refnode/agent"
)

// dnsRow is the row of `ist vr xmpp-dns` (table) for one DNS server IP,
// split into its cells; nil when absent.
func dnsRow(out, ip string) []string {
	for _, line := range strings.Split(out, "\n") {
		cells := strings.Split(line, "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) > 2 && cells[1] == ip {
			return cells[1 : len(cells)-1]
		}
	}
	return nil
}

// TestIstXmppDNS: `ist vr xmpp-dns` against the default cluster lists
// the agent's two DNS servers (the dns personas of the control nodes it
// uses) Established; stopping one dns persona (`refnode ctl stop
// dns@control-N`) takes its row to Active/Connect with a flap, starting
// it brings it back; a cut of the other session counts its flap; a
// partition keeps it down until healed.
func TestIstXmppDNS(t *testing.T) {
	ist := buildIst(t)
	top := testTopology(t, 220)
	c := startCluster(t, top)
	vr := top.VRouters[0]
	a := c.Node(vr.Name).(*agent.Agent)
	servers := a.DNSServers()
	if len(servers) != 2 || strings.Join(servers, ",") != strings.Join(a.Controls(), ",") {
		t.Fatalf("DNS servers %v, want the agent's two control nodes %v", servers, a.Controls())
	}
	ip := func(name string) string { return top.Control(name).Address }
	var out string
	// rows waits until every server's row satisfies ok, and returns them.
	rows := func(what string, ok func(server string, row []string) error) {
		t.Helper()
		eventually(t, 30*time.Second, what, func() error {
			r := clitest.Exec(t, ist, "--host", vr.Address, "--timeout", "5", "vr", "xmpp-dns")
			if r.Code != 0 {
				return fmt.Errorf("exit %d: %s", r.Code, r.Stderr)
			}
			out = r.Stdout
			for _, s := range servers {
				if err := ok(s, dnsRow(out, ip(s))); err != nil {
					return fmt.Errorf("%s: %v\n%s", s, err, out)
				}
			}
			return nil
		})
	}
	// Columns: dns_controller_ip, state, peer_name, peer_address, flap_count, flap_time.
	want := func(server string, row []string, state, flaps string) error {
		switch {
		case len(row) != 6:
			return fmt.Errorf("row %q: want the 6 default columns", row)
		case state == "Established" && row[1] != state, state != "Established" && row[1] != "Active" && row[1] != "Connect":
			return fmt.Errorf("state %q, want %s", row[1], state)
		case row[2] != "network-dns@contrailsystems.com" || row[3] != ip(server)+":8093":
			return fmt.Errorf("peer %q %q", row[2], row[3])
		case row[4] != flaps:
			return fmt.Errorf("flap_count %q, want %s", row[4], flaps)
		case (flaps == "0") != (row[5] == "n/a"): // ist prints an empty field as n/a
			return fmt.Errorf("flap_time %q with flap_count %s", row[5], flaps)
		}
		return nil
	}
	rows("both DNS sessions Established", func(s string, row []string) error { return want(s, row, "Established", "0") })
	if !strings.HasPrefix(out, "Introspect Host: "+vr.Address+"\n") || !strings.Contains(out, "dns_controller_ip") {
		t.Errorf("no banner or header:\n%s", out)
	}

	stopped, other := servers[0], servers[1]
	if err := c.StopNode("dns@" + stopped); err != nil {
		t.Fatal(err)
	}
	rows("the stopped server's session down", func(s string, row []string) error {
		if s == stopped {
			return want(s, row, "down", "1")
		}
		return want(s, row, "Established", "0")
	})
	if err := c.StartNode("dns@" + stopped); err != nil {
		t.Fatal(err)
	}
	rows("back after the start", func(s string, row []string) error {
		if s == stopped {
			return want(s, row, "Established", "1")
		}
		return want(s, row, "Established", "0")
	})

	if err := c.Cut("dns@"+other, vr.Name); err != nil {
		t.Fatal(err)
	}
	rows("the cut counted", func(s string, row []string) error { return want(s, row, "Established", "1") })
	if err := c.Partition(vr.Name, "dns@"+other); err != nil {
		t.Fatal(err)
	}
	rows("the partitioned session down", func(s string, row []string) error {
		if s == other {
			return want(s, row, "down", "2")
		}
		return want(s, row, "Established", "1")
	})
	if err := c.Heal("dns@"+other, vr.Name); err != nil {
		t.Fatal(err)
	}
	rows("healed", func(s string, row []string) error {
		return want(s, row, "Established", map[bool]string{true: "2", false: "1"}[s == other])
	})
	if err := c.Cut("dns@"+other, "control-1"); err == nil || !strings.Contains(err.Error(), "DNS XMPP") {
		t.Errorf("cut dns@%s/control-1: %v, want an error naming the session kinds", other, err)
	}
}
