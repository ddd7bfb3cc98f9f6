package catalog

import (
	"strings"
	"testing"
)

// TestOneURLRule: every request sends each of its fields in declaration
// order, empty when not given, because the C++ daemons read arguments by
// position (spec §1.3). Where ist.py's URL breaks that (vr nh without an
// index gave -p's value to nh_index; vr ifmap lost an '&'; ctr ifmap node
// <search> searched table names), ist sends the fields the daemon needs.
func TestOneURLRule(t *testing.T) {
	checkPaths(t, []pathCase{
		{"vr", "nh", mapInput{"policy": "enabled"}, "Snh_NhListReq?type=&nh_index=&policy_enabled=enabled"},
		{"vr", "nh", mapInput{"index": "12", "type": "tunnel"}, "Snh_NhListReq?type=tunnel&nh_index=12&policy_enabled="},
		{"vr", "nh", mapInput{"index": "0"}, "Snh_NhListReq?type=&nh_index=0&policy_enabled="},
		{"vr", "mpls", mapInput{}, "Snh_MplsReq?type=&label="},
		{"vr", "mpls", mapInput{"label": "17"}, "Snh_MplsReq?type=&label=17"},
		{"vr", "vxlan nh", mapInput{"id": "5"}, "Snh_VxLanReq?vxlan_id=5"},
		{"vr", "ifmap", mapInput{"link_type": "a", "link_node": "b"}, "Snh_ShowIFMapAgentReq?table_name=&node_sub_string=&link_type_sub_string=a&link_node_sub_string=b"},
		{"ctr", "ifmap node", mapInput{"search": "vn1"}, "Snh_IFMapTableShowReq?table_name=&search_string=vn1"},
		{"vr", "vm", mapInput{"uuid": "{7C3C8B8E-0000-4000-8000-000000000003}"}, "Snh_VmListReq?uuid=%7B7C3C8B8E-0000-4000-8000-000000000003%7D"},
	})
}

// TestUUIDArguments: vr vm, vrfassign and si take what ist.py's
// validate_uuid (Python's UUID()) takes; anything else is refused before
// anything is sent (ist.py would list every record instead).
func TestUUIDArguments(t *testing.T) {
	good := []string{"7c3c8b8e-0000-4000-8000-000000000003", "7C3C8B8E000040008000000000000003", "{7c3c8b8e-0000-4000-8000-000000000003}",
		"urn:uuid:7c3c8b8e-0000-4000-8000-000000000003", "uuid:7c3c8b8e000040008000000000000003", "7-c3c8b8e000040008000000000000003"}
	bad := []string{"foo", "vm1", "7c3c8b8e-0000-4000-8000-00000000000", "7c3c8b8e-0000-4000-8000-00000000000g", " 7c3c8b8e000040008000000000000003"}
	for _, cmd := range []string{"vm", "vrfassign", "si"} {
		c := find(t, "vr", cmd)
		for _, u := range good {
			if err := c.Validate(mapInput{"uuid": u}); err != nil {
				t.Errorf("vr %s %s: %v", cmd, u, err)
			}
		}
		for _, u := range bad {
			if err := c.Validate(mapInput{"uuid": u}); err == nil || !strings.Contains(err.Error(), "not a uuid") {
				t.Errorf("vr %s %q: %v, want not a uuid", cmd, u, err)
			}
		}
	}
}
