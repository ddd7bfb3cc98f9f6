package doctor

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

var now = synthStamp.Add(time.Hour)

func findings(col *collect.Collection) []Finding {
	return Evaluate(col, Checks, Options{}, now).Findings
}

func node(col *collect.Collection, name string) *collect.Node {
	for _, n := range col.Nodes {
		if n.Name == name {
			return n
		}
	}
	panic("no node " + name)
}

// TestSyntheticHealthy: the synthetic cluster every unit test and the
// benchmark start from has no finding, and a fault in it has one.
func TestSyntheticHealthy(t *testing.T) {
	col := synthCluster(3, 20)
	if fs := findings(col); len(fs) != 0 {
		t.Fatalf("healthy synthetic cluster: %+v", fs)
	}
	n := node(col, "vrouter-3")
	n.AddResult(ok(n.Target.Addr, collect.NodeStatus(), nodeStatus("vrouter-3", "contrail-vrouter-agent",
		conn{"Database", "Cassandra", "Down", "Cassandra state detected DOWN.", "10.0.0.9:9041"})))
	fs := findings(col)
	if len(fs) != 1 || fs[0].Check != "nodestatus.connection" || fs[0].Node != "vrouter-3" || fs[0].Severity != Error {
		t.Errorf("findings %+v", fs)
	}
}

// TestUnconfiguredCollector: OpenSDN runs without analytics; a Collector
// connection with no server address is not a fault, the process being
// Non-Functional for it neither. A configured one that is down is a
// warning.
func TestUnconfiguredCollector(t *testing.T) {
	col := synthCluster(3, 4)
	n := node(col, "control-2")
	n.AddResult(ok(n.Target.Addr, collect.NodeStatus(), nodeStatus("control-2", "contrail-control",
		conn{"Collector", "", "Down", "Idle : EvStart", ""})))
	if fs := findings(col); len(fs) != 0 {
		t.Errorf("no collector configured: %+v", fs)
	}
	n.AddResult(ok(n.Target.Addr, collect.NodeStatus(), nodeStatus("control-2", "contrail-control",
		conn{"Collector", "", "Down", "Connect : EvTcpConnectFail", "10.0.0.50:8086"})))
	fs := findings(col)
	if len(fs) != 1 || fs[0].Severity != Warning || fs[0].What != "contrail-control connection Collector is Down: Connect : EvTcpConnectFail" {
		t.Errorf("collector down: %+v", fs)
	}
}

// TestUnreachableAndSkipped: a node whose first request got no answer is
// one finding (not one per request), with the class's cause.
func TestUnreachableAndSkipped(t *testing.T) {
	col := synthCluster(3, 4)
	unreachable(col, "vrouter-2", client.ClassTLS, "TLS handshake failed: bad certificate")
	fs := findings(col)
	var checks []string
	for _, f := range fs {
		checks = append(checks, f.Node+" "+f.Check)
	}
	// The agent's controls still list it: its /32 stays checked from the
	// control side only, and nothing else fires.
	if fmt.Sprint(checks) != "[vrouter-2 node.unreachable]" {
		t.Fatalf("findings %v", checks)
	}
	if !strings.Contains(fs[0].Cause, "introspect_ssl_enable") || fs[0].Next[1] != "ist --host 10.1.0.2:8085 vr status" {
		t.Errorf("finding %+v", fs[0])
	}
}

// unreachable replaces a node by one that did not answer, as a collector
// records it: the first request failed, the others skipped.
func unreachable(col *collect.Collection, name string, class client.Class, what string) {
	n := node(col, name)
	m := &collect.Node{Name: n.Name, Role: n.Role, Address: n.Address, Target: n.Target}
	for i, r := range n.Results() {
		f := failed(n.Target.Addr, r.Request, class, what)
		f.Skipped = i > 0
		m.AddResult(f)
	}
	col.Nodes[slices.Index(col.Nodes, n)] = m
}

// TestSilentNode: a node where every request fails without a transport
// error (something else answers there: HTTP errors, malformed XML) is
// unreachable too, with the class's cause; one failed request of a node
// that answers the others is node.request-failed.
func TestSilentNode(t *testing.T) {
	col := synthCluster(3, 4)
	n := node(col, "vrouter-3")
	m := &collect.Node{Name: n.Name, Role: n.Role, Address: n.Address, Target: n.Target}
	for _, r := range n.Results() {
		m.AddResult(failed(n.Target.Addr, r.Request, client.ClassParse, "XML syntax error on line 1"))
	}
	col.Nodes[slices.Index(col.Nodes, n)] = m
	c := node(col, "control-1")
	c.AddResult(failed(c.Target.Addr, collect.RouteSummary(), client.ClassHTTP, "HTTP 404: this daemon does not know ShowRouteSummaryReq"))
	fs := findings(col)
	var got []string
	for _, f := range fs {
		got = append(got, f.Severity.String()+" "+f.Node+" "+f.Check+": "+f.Cause)
	}
	want := []string{
		"error vrouter-3 node.unreachable: the answer is not valid Sandesh XML (cut short, or a bug): save it with curl and report it",
		"warning control-1 node.request-failed: something else answers on that port, or the daemon does not know the request: wrong role or port?",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
	if rs := Evaluate(col, Checks, Options{}, now).Summary.Roles[1]; rs.Unreachable != 1 || rs.Answered != 3 {
		t.Errorf("summary %+v", rs)
	}
}

// TestRouteLostOnOneControl: a pod route missing on one of the two
// control nodes its agent publishes to: the update was lost there.
func TestRouteLostOnOneControl(t *testing.T) {
	col := synthCluster(3, 4)
	c := node(col, "control-2")
	r := c.Result(collect.IDRoutesPrefix + synthVRF + ".inet.0@XMPP")
	var kept []*sandesh.Node
	for _, p := range r.Records {
		if p.Text != "10.32.0.1/32" {
			kept = append(kept, p)
		}
	}
	r.Records = kept
	fs := findings(col)
	if len(fs) != 1 || fs[0].Node != "vrouter-1" || fs[0].Check != "routes.missing" ||
		fs[0].What != "route 10.32.0.1/32 of pod-1 (tap00000000000) is missing on control-2, where its agent publishes it" ||
		fs[0].Cause != "the update was lost on control-2 only: a reset of that XMPP session republishes it" ||
		fs[0].Next[0] != "ist --host 10.0.0.2:8083 ctr route show -t "+synthVRF+".inet.0 -p XMPP 10.32.0.1" {
		t.Errorf("findings %+v", fs)
	}
}

func TestInactiveReasons(t *testing.T) {
	for in, want := range map[string]string{
		"Active": "false []",
		"Inactive < vn-null vrf-null ipv4_inactive ipv6_inactive l2_inactive  >": "true [vn-null vrf-null]",
		"Inactive":                        "true []",
		"Inactive < admin-down no-dev  >": "true [admin-down no-dev]",
	} {
		a, r := Interface{Active: in}.Inactive()
		if got := fmt.Sprint(a, " ", r); got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]string{
		"2025-Mar-01 10:00:00.123456": "2025-03-01T10:00:00.123456Z",
		"2025-Mar-01 10:00:00":        "2025-03-01T10:00:00Z",
		"1740823200123456":            "2025-03-01T10:00:00.123456Z",
		"":                            "0001-01-01T00:00:00Z",
		"n/a":                         "0001-01-01T00:00:00Z",
	} {
		if got := parseTime(in).Format(time.RFC3339Nano); got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
}

func TestExpand(t *testing.T) {
	got := expand("{a} and {b} but not {c} or {", map[string]string{"a": "1", "b": "{a}"})
	if got != "1 and {a} but not {c} or {" {
		t.Errorf("expand: %q", got)
	}
}

// TestChecksAreWhole: every check has an id, a doc line, the requests it
// reads, texts and a predicate; ids are unique.
func TestChecksAreWhole(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks {
		if c.ID == "" || c.Doc == "" || len(c.Needs) == 0 || c.What == "" || c.Cause == "" || len(c.Next) == 0 || c.Find == nil || c.Severity == 0 {
			t.Errorf("incomplete check %+v", c)
		}
		if seen[c.ID] {
			t.Errorf("duplicate check %s", c.ID)
		}
		seen[c.ID] = true
	}
	if CheckByID("bgp.asymmetric") == nil || CheckByID("nope") != nil {
		t.Error("CheckByID")
	}
}

// TestPlan: each role is asked what the checks need of it; neighbors come
// from discovery, routes from the follow-up.
func TestPlan(t *testing.T) {
	p := Plan(Checks)
	ids := func(role string) string {
		var out []string
		for _, r := range p.Requests(&collect.Node{Role: role}) {
			out = append(out, r.ID)
		}
		return strings.Join(out, " ")
	}
	for role, want := range map[string]string{"ctr": "nodestatus route-summary", "vr": "nodestatus xmpp-connections dns-xmpp-connections interfaces", "collector": "nodestatus"} {
		if got := ids(role); got != want {
			t.Errorf("%s: %q, want %q", role, got, want)
		}
	}
	if p.FollowUp == nil {
		t.Fatal("no route follow-up")
	}
	asks := p.FollowUp(synthCluster(3, 4))
	if len(asks) != 3 || len(asks[0].Requests) != 1 || asks[0].Requests[0].ID != collect.IDRoutesPrefix+synthVRF+".inet.0@XMPP" {
		t.Errorf("follow-up %+v", asks)
	}
	if only := Plan([]Check{*CheckByID("node.unreachable")}); only.FollowUp != nil || ids("vr") == "" {
		t.Error("a plan for node.unreachable alone asks routes")
	}
}

// faulty is the synthetic cluster with an unreachable agent and an
// inactive interface: one error of each kind for the output tests.
func faulty() *Report {
	col := synthCluster(3, 4)
	n := node(col, "vrouter-4")
	n.AddResult(ok(n.Target.Addr, collect.Interfaces(), elem("ItfSandeshData", leaf("name", "tap1"), leaf("type", "vport"),
		leaf("active", "Inactive < vn-null vrf-null ipv4_inactive ipv6_inactive l2_inactive  >"), leaf("vrf_name", "--ERROR--"),
		leaf("ip_addr", "10.32.0.4"), leaf("vm_name", "web-1"))))
	unreachable(col, "vrouter-1", client.ClassConnection, "connection refused")
	c := node(col, "control-3")
	c.AddResult(ok(c.Target.Addr, collect.NodeStatus(), nodeStatus("control-3", "contrail-control",
		conn{"Collector", "", "Down", "Connect : EvTcpConnectFail", "10.0.0.50:8086"})))
	return Evaluate(col, Checks, Options{}, now)
}

func TestOutputs(t *testing.T) {
	rep := faulty()
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Severity.String()+" "+f.Node+" "+f.Check)
	}
	want := "[error vrouter-1 node.unreachable error vrouter-4 interface.inactive warning control-3 nodestatus.connection]"
	if fmt.Sprint(got) != want || rep.Healthy() || rep.Summary.Errors != 2 || rep.Summary.Warnings != 1 {
		t.Fatalf("findings %v, summary %+v", got, rep.Summary)
	}

	table, err := Append(nil, rep, FormatTable)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"Control nodes:  3/3 answering  2 functional, 1 not  BGP 6/6 Established\n",
		"vRouters:       3/4 answering  3 functional         XMPP 6/6 Established  interfaces 3, 1 inactive\n",
		"Findings:       2 errors, 1 warning\n",
		"SEVERITY  NODE       CHECK                  WHAT",
	} {
		if !strings.Contains(string(table), s) {
			t.Errorf("table lacks %q:\n%s", s, table)
		}
	}
	row := "error vrouter-4 interface.inactive interface tap1 of web-1 (10.32.0.4) is Inactive: vn-null vrf-null ist --host 10.1.0.4:8085 vr intf tap1 -f text"
	if !slices.ContainsFunc(strings.Split(string(table), "\n"), func(l string) bool { return strings.Join(strings.Fields(l), " ") == row }) {
		t.Errorf("table lacks the row %q:\n%s", row, table)
	}

	text, _ := Append(nil, rep, FormatText)
	for _, s := range []string{
		"\nERROR vrouter-4 interface.inactive\n  what:     interface tap1 of web-1 (10.32.0.4) is Inactive: vn-null vrf-null\n",
		"  evidence: tap1 active=\"Inactive < vn-null vrf-null ipv4_inactive ipv6_inactive l2_inactive  >\" vrf_name=--ERROR-- vn_name=\n            http://10.1.0.4:8085/Snh_ItfReq?",
		"  next:     ist --host 10.1.0.4:8085 vr intf tap1 -f text\n            tf-capture links web-1 (on vrouter-4)\n",
	} {
		if !strings.Contains(string(text), s) {
			t.Errorf("text lacks %q:\n%s", s, text)
		}
	}

	js, _ := Append(nil, rep, FormatJSON)
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.Schema != Schema || len(back.Findings) != 3 || back.Findings[0].Severity != Error || back.Findings[2].Severity != Warning ||
		back.Summary.Roles[1].Unreachable != 1 || len(back.Checks) != len(Checks) {
		t.Errorf("json round trip: %+v", back)
	}
	var raw map[string]any
	_ = json.Unmarshal(js, &raw)
	f0 := raw["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"severity", "node", "role", "host", "check", "what", "evidence", "cause", "next"} {
		if _, ok := f0[k]; !ok {
			t.Errorf("json finding lacks %q: %v", k, f0)
		}
	}

	ju, _ := Append(nil, rep, FormatJUnit)
	var suites struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Classname string `xml:"classname,attr"`
				Name      string `xml:"name,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
				Out string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(ju, &suites); err != nil {
		t.Fatal(err)
	}
	s := suites.Suites[0]
	// One case per check without findings, one per finding.
	if s.Failures != 2 || s.Tests != len(Checks)-3+3 {
		t.Errorf("junit: %d tests, %d failures", s.Tests, s.Failures)
	}
	for _, c := range s.Cases {
		if c.Classname == "doctor.nodestatus.connection" && (c.Failure != nil || !strings.HasPrefix(c.Out, "warning: ")) {
			t.Errorf("a warning is a passing case with its text: %+v", c)
		}
		if c.Classname == "doctor.node.unreachable" && (c.Failure == nil || c.Name != "vrouter-1") {
			t.Errorf("an error is a failure: %+v", c)
		}
	}
	if _, err := Append(nil, rep, "yaml"); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestDNSSessions: an agent's DNS session not Established is a warning
// while the other one is up, an error when none is; the cause names the
// control node that does not answer at all, or contrail-dns on a node
// that does. The agent's NodeStatus entry for the DNS server (Down,
// process Functional) adds no finding of its own. An agent with no DNS server configured (no rows) or whose
// request failed is not judged here.
func TestDNSSessions(t *testing.T) {
	col := synthCluster(3, 4)
	n := node(col, "vrouter-1") // DNS servers 10.0.0.1 and 10.0.0.2
	n.AddResult(ok(n.Target.Addr, collect.DNSXMPPConnections(), dnsSession("10.0.0.1", "Active", 1), dnsSession("10.0.0.2", "Established", 0)))
	// The agent's NodeStatus says so too (Functional, the DNS server
	// named): reported once, under the DNS check, not as a connection.
	n.AddResult(ok(n.Target.Addr, collect.NodeStatus(), nodeStatus("vrouter-1", "contrail-vrouter-agent",
		conn{"XMPP", "control-node:10.0.0.1", "Up", "OpenSent", "10.0.0.1:5269"}, dnsConn("10.0.0.1", "Down", "Connect"), dnsConn("10.0.0.2", "Up", "OpenSent"))))
	fs := findings(col)
	if len(fs) != 1 || fs[0].Check != "xmpp.dns-sessions" || fs[0].Node != "vrouter-1" || fs[0].Severity != Warning ||
		fs[0].What != "1 of 2 DNS XMPP sessions Established (control-1 Active, control-2 Established)" ||
		!strings.Contains(fs[0].Cause, "contrail-dns on control-1 is stopped") ||
		fs[0].Next[0] != "ist --host 10.1.0.1:8085 vr xmpp-dns" || fs[0].Next[1] != "ist --host 10.0.0.1 dns status" ||
		!strings.HasPrefix(fs[0].Evidence[0].Value, "dns_controller_ip=10.0.0.1 state=Active flap_count=1 flap_time=") {
		t.Errorf("one DNS server down: %+v", fs)
	}
	n.AddResult(ok(n.Target.Addr, collect.DNSXMPPConnections(), dnsSession("10.0.0.1", "Active", 1), dnsSession("10.0.0.2", "Connect", 3)))
	unreachable(col, "control-2", client.ClassConnection, "connection refused")
	var dns []Finding
	for _, f := range findings(col) {
		if f.Check == "xmpp.dns-sessions" {
			dns = append(dns, f)
		}
	}
	if len(dns) != 1 || dns[0].Severity != Error || !strings.HasPrefix(dns[0].What, "0 of 2 DNS XMPP sessions") ||
		!strings.Contains(dns[0].Cause, "control-2 does not answer introspect either") {
		t.Errorf("both down, control-2 unreachable: %+v", dns)
	}
	for _, r := range []*collect.Result{ok(n.Target.Addr, collect.DNSXMPPConnections()),
		failed(n.Target.Addr, collect.DNSXMPPConnections(), client.ClassHTTP, "HTTP 404")} {
		n.AddResult(r)
		for _, f := range findings(col) {
			if f.Check == "xmpp.dns-sessions" {
				t.Errorf("no rows or a failed request judged: %+v", f)
			}
		}
	}
}
