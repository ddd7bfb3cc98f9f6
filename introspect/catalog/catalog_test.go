package catalog

import (
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// mapInput is an Input from a map ("true" for set bools).
type mapInput map[string]string

func (m mapInput) String(n string) string { return m[n] }
func (m mapInput) Bool(n string) bool     { return m[n] == "true" }

func find(t *testing.T, role, words string) *Command {
	t.Helper()
	for _, c := range ForRole(role) {
		if c.Name() == words {
			return c
		}
	}
	t.Fatalf("no command %s %s", role, words)
	return nil
}

// The control-node commands of issue 2, with ist.py's names.
func TestControlNodeCommandsExist(t *testing.T) {
	for _, w := range []string{"nei", "ri", "route summary", "route tables", "route show", "route static", "route aggregate",
		"mcast", "bgp_stats", "xmpp trace", "xmpp stats", "xmpp conn", "ifmap peer", "ifmap client", "ifmap table",
		"ifmap node", "ifmap link", "ifmap cm", "ifmap pending_vm", "sc", "config ri", "config rp", "config bgp", "rt",
		"status", "cpu", "trace", "uve"} {
		find(t, "ctr", w)
	}
}

func TestEveryRoleHasCommonCommandsAndPort(t *testing.T) {
	want := map[string]int{"ctr": 8083, "vr": 8085, "cfg_api": 8084, "cfg_schema": 8087, "cfg_svcmon": 8088, "cfg_disc": 5997,
		"collector": 8089, "analytics": 8090, "alarm_gen": 5995, "dns": 8092, "qe": 8091, "dm": 8096, "nodemgr_cfg": 8100,
		"nodemgr_db": 8103, "nodemgr_ctr": 8101, "nodemgr_vr": 8102, "nodemgr_analytics": 8104}
	if len(Roles()) != len(want) {
		t.Fatalf("%d roles, want %d", len(Roles()), len(want))
	}
	for _, r := range Roles() {
		if want[r.Name] != r.Port {
			t.Errorf("%s port %d, want %d", r.Name, r.Port, want[r.Name])
		}
		for _, w := range []string{"status", "cpu", "trace", "uve"} {
			find(t, r.Name, w)
		}
	}
}

// Queries as ist.py builds them (positional order for C++ daemons).
// pathCase is one command, its input and the request path it must send.
type pathCase struct {
	role, cmd string
	in        mapInput
	want      string
}

// checkPaths plans each case and compares the request path.
func checkPaths(t *testing.T, cases []pathCase) {
	t.Helper()
	for _, tc := range cases {
		c := find(t, tc.role, tc.cmd)
		q, err := c.Plan(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Path(tc.in); got != tc.want {
			t.Errorf("%s %s: %s, want %s", tc.role, tc.cmd, got, tc.want)
		}
	}
}

func TestQueries(t *testing.T) {
	checkPaths(t, []pathCase{
		{"ctr", "nei", mapInput{"search": "compute 1"}, "Snh_BgpNeighborReq?search_string=compute%201"},
		{"ctr", "route show", mapInput{"prefix": "2001:db8::1", "table": "inet6.0"},
			"Snh_ShowRouteReq?routing_table=inet6.0&routing_instance=&prefix=2001:db8::1%2F128&longer_match=&shorter_match=1&count=&start_routing_table=&start_routing_instance=&start_prefix=&source=&protocol=&family="},
		{"ctr", "route show", mapInput{"prefix": "10.1.0.0/16", "longer_match": "true", "source": "10.0.0.12"},
			"Snh_ShowRouteReq?routing_table=&routing_instance=&prefix=10.1.0.0%2F16&longer_match=1&shorter_match=&count=&start_routing_table=&start_routing_instance=&start_prefix=&source=10.0.0.12&protocol=&family="},
		{"ctr", "mcast", mapInput{"type": "tree", "table": "a.ermvpn.0"}, "Snh_ShowMulticastManagerDetailReq?x=a.ermvpn.0"},
		{"ctr", "rt", mapInput{"detail": "true"}, "Snh_ShowRtGroupReq?search_string="},
		{"ctr", "ifmap client", mapInput{"client": "compute-1", "type": "link"}, "Snh_IFMapPerClientLinksShowReq?client_index_or_name=compute-1&search_string="},
		{"ctr", "ifmap table", mapInput{}, "Snh_IFMapNodeTableListShowReq"},
		{"ctr", "ifmap node", mapInput{"search": "vn1"}, "Snh_IFMapTableShowReq?table_name=&search_string=vn1"},
		{"vr", "status", mapInput{}, "Snh_SandeshUVECacheReq?tname=NodeStatus"},
		{"dns", "trace", mapInput{"name": "DnsBind"}, "Snh_SandeshTraceRequest?x=DnsBind"},
		{"ctr", "xmpp trace", mapInput{}, "Snh_SandeshTraceRequest?x=XmppMessageTrace"},
	})
}

func TestFilters(t *testing.T) {
	node := func(kids ...string) *sandesh.Node {
		n := &sandesh.Node{Name: "r"}
		for i := 0; i+1 < len(kids); i += 2 {
			n.Children = append(n.Children, &sandesh.Node{Name: kids[i], Text: kids[i+1]})
		}
		return n
	}
	nei := find(t, "ctr", "nei").Query
	if len(nei.Pick(mapInput{"type": "BGP"}, node("encoding", "XMPP"), false)) != 0 || len(nei.Pick(mapInput{"type": "BGP"}, node("encoding", "BGP"), false)) != 1 {
		t.Error("nei -t BGP filter")
	}
	sum := find(t, "ctr", "route summary").Query
	in := mapInput{"family": "inet"}
	if len(sum.Pick(in, node("name", "vn1.inet6.0"), false)) != 0 || len(sum.Pick(in, node("name", "vn1.inet.0"), false)) != 1 {
		t.Error("route summary --family inet must keep *.inet.0 only")
	}
	bgp := find(t, "ctr", "config bgp").Query
	if len(bgp.Pick(mapInput{"type": "fabric"}, node("router_type", " "), false)) != 1 || len(bgp.Pick(mapInput{"type": "fabric"}, node("router_type", "bgpaas-client"), false)) != 0 {
		t.Error("config bgp -t fabric")
	}
	if len(bgp.Pick(mapInput{"type": "fabric"}, node("name", "x"), false)) != 0 {
		t.Error("config bgp -t fabric must drop records without router_type")
	}
	tables := find(t, "ctr", "route tables").Query
	got := tables.Pick(mapInput{"family": "all"}, node("name", "a", "prefixes", "1"), false)
	if len(got) != 1 || got[0].Name != "name" {
		t.Error("route tables prints the name child")
	}
}

func TestValidate(t *testing.T) {
	show := find(t, "ctr", "route show")
	for in, bad := range map[string]bool{"10s": false, "5m": false, "2h": false, "5d": false, "1w": false, "5x": true, "m": true, "-5m": true} {
		err := show.Validate(mapInput{"last": in})
		if (err != nil) != bad {
			t.Errorf("--last %s: %v", in, err)
		}
	}
	if err := find(t, "ctr", "nei").Validate(mapInput{"type": "ISIS"}); err == nil || !strings.Contains(err.Error(), "BGP, XMPP") {
		t.Errorf("-t ISIS: %v", err)
	}
}
