package agent

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// connByName finds one ConnectionInfo of a ProcessStatus.
func connByName(ps schema.ProcessStatus, name string) (schema.ConnectionInfo, bool) {
	for _, ci := range ps.ConnectionInfos {
		if ci.Name == name {
			return ci, true
		}
	}
	return schema.ConnectionInfo{}, false
}

func connText(ci schema.ConnectionInfo) string {
	d := "<nil>"
	if ci.Description != nil {
		d = *ci.Description
	}
	return fmt.Sprintf("%s %s %v %s %q", ci.Type, ci.Name, ci.ServerAddrs, ci.Status, d)
}

// TestNodeStatusListsDNSServers: the agent's NodeStatus lists its DNS
// channels as "XMPP" connections "dns-server:<ip>" after the control
// nodes (ConnectionState map order), each written on the channel's
// events with the FSM's previous state as description (Up: "OpenSent";
// after a session loss: "Established"; after a timed-out retry:
// "Connect"). A DNS server down is named in the process description
// but leaves the agent Functional; only the control nodes decide that.
func TestNodeStatusListsDNSServers(t *testing.T) {
	ctl := startTestControl(t, "control-1", netip.MustParseAddr("127.211.8.1"), time.Second)
	dnsB, srvB := startDNS(t, "control-3", "127.211.8.3")
	_, srvA := startDNS(t, "control-2", "127.211.8.2")
	cfg := testConfig("vrouter-ns", "127.211.8.9", []Control{ctl.control()})
	cfg.DNSServers = []Control{srvB, srvA}
	// Retries 50, 100, 200, 400 ms apart: the Down entry of the lost
	// session is seen before the TIMEDOUT rewrites it.
	cfg.Timers.XMPPBackoff = 3 * time.Second
	a := startAgent(t, cfg)

	ctlName, dnsA, dnsBName := "control-node:127.211.8.1", "dns-server:127.211.8.2", "dns-server:127.211.8.3"
	var ps schema.ProcessStatus
	waitFor(t, "three connections up", func() bool {
		ps = nodeStatusHTTP(t, a)
		up := 0
		for _, ci := range ps.ConnectionInfos {
			if ci.Status == "Up" {
				up++
			}
		}
		return up == 3
	})
	if len(ps.ConnectionInfos) != 3 || ps.State != "Functional" || ps.Description == nil || *ps.Description != "" {
		t.Fatalf("all up: %+v", ps)
	}
	for i, name := range []string{ctlName, dnsA, dnsBName} {
		if got := ps.ConnectionInfos[i].Name; got != name {
			t.Errorf("connection %d is %q, want %q (ordered by name)", i, got, name)
		}
	}
	for _, name := range []string{dnsA, dnsBName} {
		ci, _ := connByName(ps, name)
		ip := strings.TrimPrefix(name, dnsConnPrefix)
		if connText(ci) != fmt.Sprintf("XMPP %s [%s:8093] Up %q", name, ip, "OpenSent") {
			t.Errorf("DNS entry: %s", connText(ci))
		}
	}

	// contrail-dns on control-3 stops: its entry goes Down, first with
	// the state the session left, then (TIMEDOUT) with the failed connect.
	if err := dnsB.Stop(); err != nil {
		t.Fatal(err)
	}
	var seen []string
	waitFor(t, dnsBName+" Down after the TIMEDOUT", func() bool {
		ci, _ := connByName(nodeStatusHTTP(t, a), dnsBName)
		if d := *ci.Description; ci.Status == "Down" && (len(seen) == 0 || seen[len(seen)-1] != d) {
			seen = append(seen, d)
		}
		return ci.Status == "Down" && *ci.Description == "Connect"
	})
	if !slices.Equal(seen, []string{"Established", "Connect"}) {
		t.Errorf("Down descriptions %q, want Established (the loss) then Connect (the TIMEDOUT)", seen)
	}
	ps = nodeStatusHTTP(t, a)
	if want := "XMPP:" + dnsBName + " connection down"; ps.State != "Functional" || *ps.Description != want {
		t.Errorf("one DNS server down: state %q description %q, want Functional %q", ps.State, *ps.Description, want)
	}
	if ci, _ := connByName(ps, dnsA); ci.Status != "Up" {
		t.Errorf("the other DNS entry moved: %s", connText(ci))
	}

	// The control node goes too: Non-Functional, both named, in order.
	ctl.srv.Stop()
	waitFor(t, "Non-Functional", func() bool { return nodeStatusHTTP(t, a).State == "Non-Functional" })
	if want := "XMPP:" + ctlName + ", XMPP:" + dnsBName + " connection down"; *nodeStatusHTTP(t, a).Description != want {
		t.Errorf("description %q, want %q", *nodeStatusHTTP(t, a).Description, want)
	}

	if err := dnsB.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, dnsBName+" Up again", func() bool {
		ci, _ := connByName(nodeStatusHTTP(t, a), dnsBName)
		return ci.Status == "Up" && *ci.Description == "OpenSent"
	})

	// No control node configured: the real agent's own text, DNS or not.
	b := startAgent(t, testConfig("vrouter-nons", "127.211.8.10", nil))
	if ps := nodeStatusHTTP(t, b); ps.State != "Non-Functional" || *ps.Description != "No control-nodes configured" || len(ps.ConnectionInfos) != 0 {
		t.Errorf("no control node: %+v", ps)
	}
}

// TestNodeStatusControlNodeDescriptions: a control-node entry follows the
// same event rule as a DNS entry (AgentXmppChannel::UpdateConnectionInfo
// writes the XMPP FSM's previous state): Up "OpenSent" while the session
// is Established, Down "Established" when the control node stops, Down
// "Connect" once the retries time out, and Up "OpenSent" again when it
// comes back.
func TestNodeStatusControlNodeDescriptions(t *testing.T) {
	ctl := startTestControl(t, "control-1", netip.MustParseAddr("127.211.8.21"), time.Second)
	cfg := testConfig("vrouter-ctldesc", "127.211.8.29", []Control{ctl.control()})
	// Retries 50, 100, 200, 400 ms apart: the Down entry of the lost
	// session is seen before the TIMEDOUT rewrites it.
	cfg.Timers.XMPPBackoff = 3 * time.Second
	a := startAgent(t, cfg)
	name := "control-node:127.211.8.21"
	addr := ctl.srv.Addr().String()

	entry := func() schema.ConnectionInfo {
		ci, ok := connByName(nodeStatusHTTP(t, a), name)
		if !ok {
			t.Fatalf("no %s entry in %+v", name, nodeStatusHTTP(t, a))
		}
		return ci
	}
	waitFor(t, name+" Up", func() bool { return entry().Status == "Up" })
	if got, want := connText(entry()), fmt.Sprintf("XMPP %s [%s] Up %q", name, addr, "OpenSent"); got != want {
		t.Errorf("Up entry %s, want %s", got, want)
	}

	ctl.srv.Stop()
	var seen []string
	waitFor(t, name+" Down after the TIMEDOUT", func() bool {
		ci := entry()
		if d := *ci.Description; ci.Status == "Down" && (len(seen) == 0 || seen[len(seen)-1] != d) {
			seen = append(seen, d)
		}
		return ci.Status == "Down" && *ci.Description == "Connect"
	})
	if !slices.Equal(seen, []string{"Established", "Connect"}) {
		t.Errorf("Down descriptions %q, want Established (the loss) then Connect (the TIMEDOUT)", seen)
	}
	if ps := nodeStatusHTTP(t, a); ps.State != "Non-Functional" || *ps.Description != "XMPP:"+name+" connection down" {
		t.Errorf("control node down: state %q description %q", ps.State, *ps.Description)
	}

	ctl.restart(t)
	waitFor(t, name+" Up again", func() bool { return entry().Status == "Up" })
	if got := *entry().Description; got != "OpenSent" {
		t.Errorf("Up again with description %q, want OpenSent", got)
	}
	if ps := nodeStatusHTTP(t, a); ps.State != "Functional" || *ps.Description != "" {
		t.Errorf("control node back: state %q description %q", ps.State, *ps.Description)
	}
}
