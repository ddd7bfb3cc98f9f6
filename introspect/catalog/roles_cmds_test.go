package catalog

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// TestRoleCommandSetsMatchIstPy: the subcommands of every role other than
// ctr and vr are exactly ist.py's (vcheny v1.1, `ist.py <role> -h`).
func TestRoleCommandSetsMatchIstPy(t *testing.T) {
	common := []string{"cpu", "status", "trace", "uve"}
	want := map[string][]string{
		"cfg_schema": {"object", "ri", "sc", "vn"},
		"cfg_svcmon": {"si"},
		"collector":  {"redis", "server"},
	}
	for _, r := range Roles() {
		if r.Name == "ctr" || r.Name == "vr" {
			continue
		}
		exp := append(append([]string(nil), common...), want[r.Name]...)
		sort.Strings(exp)
		var got []string
		for _, c := range ForRole(r.Name) {
			got = append(got, c.Name())
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: commands %v, want %v", r.Name, got, exp)
		}
	}
}

// TestRoleCommandsHaveExamples: --help of each command shows at least one
// example that runs that very command.
func TestRoleCommandsHaveExamples(t *testing.T) {
	for _, role := range []string{"cfg_schema", "cfg_svcmon", "collector"} {
		for _, c := range ForRole(role) {
			if c.Role == "*" {
				continue
			}
			prefix := "ist " + role + " " + c.Name()
			if len(c.Examples) == 0 {
				t.Errorf("%s has no example", prefix)
			}
			for _, e := range c.Examples {
				if !strings.HasPrefix(e, prefix) {
					t.Errorf("example %q does not start with %q", e, prefix)
				}
			}
		}
	}
}

// Python daemons read arguments by name: every field keeps its name, and
// values are percent-encoded so that bottle (which turns '+' into a space)
// gets them back unchanged.
func TestPythonDaemonQueries(t *testing.T) {
	checkPaths(t, []pathCase{
		{"cfg_schema", "vn", mapInput{}, "Snh_VnList?vn_name="},
		{"cfg_schema", "vn", mapInput{"name": "default-domain:a b+c:vn1"}, "Snh_VnList?vn_name=default-domain:a%20b%2Bc:vn1"},
		{"cfg_schema", "ri", mapInput{"vn": "d:p:vn1", "name": "d:p:vn1:vn1"}, "Snh_RoutingInstanceList?vn_name=d:p:vn1&ri_name=d:p:vn1:vn1"},
		{"cfg_schema", "sc", mapInput{"name": "sc-1"}, "Snh_ServiceChainList?sc_name=sc-1"},
		{"cfg_schema", "object", mapInput{"type": "virtual_network", "name": "d:p:vn1"}, "Snh_StObjectReq?object_type=virtual_network&object_id_or_fq_name=d:p:vn1"},
		{"cfg_svcmon", "si", mapInput{"name": "d:p:si&1"}, "Snh_ServiceInstanceList?si_name=d:p:si%261"},
		{"collector", "server", mapInput{"type": "generators"}, "Snh_ShowCollectorServerReq"},
		{"collector", "redis", mapInput{}, "Snh_RedisUVERequest"},
		{"nodemgr_vr", "status", mapInput{}, "Snh_SandeshUVECacheReq?tname=NodeStatus"},
		{"cfg_api", "uve", mapInput{"name": "ConfigApiWorker"}, "Snh_SandeshUVECacheReq?x=ConfigApiWorker"},
	})
}

func TestCollectorServerTypeIsChecked(t *testing.T) {
	c := find(t, "collector", "server")
	if err := c.Validate(mapInput{"type": "tables"}); err == nil || !strings.Contains(err.Error(), "stats, generators, table, stats_table") {
		t.Errorf("type tables: %v", err)
	}
	if err := c.Validate(mapInput{"type": "stats_table"}); err != nil {
		t.Error(err)
	}
}

// leaf and tree build small element trees for the filter tests.
func leaf(name string) *sandesh.Node { return &sandesh.Node{Name: name, Text: "1"} }
func tree(name string, kids ...*sandesh.Node) *sandesh.Node {
	n := &sandesh.Node{Name: name, Children: kids}
	for _, k := range kids {
		k.Parent = n
	}
	return n
}

// collector server table keeps the DbTableInfo of table_info only, never
// the ones of statistics_table_info, nor the table_info element itself.
func TestCollectorTableKeepsOneListOnly(t *testing.T) {
	q, err := find(t, "collector", "server").Plan(mapInput{"type": "table"})
	if err != nil {
		t.Fatal(err)
	}
	inTable := leaf("DbTableInfo")
	table := tree("table_info", tree("list", inTable))
	inStats := leaf("DbTableInfo")
	tree("statistics_table_info", tree("list", inStats))
	loose := leaf("DbTableInfo") // delivered with no parent: not under a selected table_info
	if len(q.Pick(nil, inTable, false)) != 1 {
		t.Error("DbTableInfo under table_info/list dropped")
	}
	for name, n := range map[string]*sandesh.Node{"statistics_table_info's": inStats, "parentless": loose, "table_info itself": table} {
		if len(q.Pick(nil, n, false)) != 0 {
			t.Errorf("%s record printed", name)
		}
	}
}

// collector server stats prints the five parts in ist.py's order, the
// DbErrors struct itself rather than its errors wrapper, and leaves out
// everything else (generators, table_info, num_generators, more).
func TestCollectorStatsParts(t *testing.T) {
	q, err := find(t, "collector", "server").Plan(mapInput{"type": "stats"})
	if err != nil {
		t.Fatal(err)
	}
	resp := tree("ShowCollectorServerResp", leaf("rx_socket_stats"), leaf("tx_socket_stats"), leaf("num_generators"),
		tree("generators", tree("list")), leaf("stats"), tree("cql_metrics", tree("Metrics", leaf("stats"))),
		tree("table_info"), tree("errors", leaf("DbErrors")), tree("statistics_table_info"), leaf("more"))
	var got []string
	for _, n := range q.Pick(nil, resp, false) {
		got = append(got, n.Name)
	}
	if want := []string{"rx_socket_stats", "tx_socket_stats", "stats", "cql_metrics", "DbErrors"}; !reflect.DeepEqual(got, want) {
		t.Errorf("printed %v, want %v", got, want)
	}
	if m := resp.Child("cql_metrics").Child("Metrics"); m == nil || m.Child("stats") == nil {
		t.Error("the stats inside cql_metrics must stay in place")
	}
}
