package schema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// TestAgentTypesEncode checks that every agent type encodes (its tags are
// valid), that declaration order and identifiers land on the wire, and that
// the output decodes back to the same bytes.
func TestAgentTypesEncode(t *testing.T) {
	label := int32(25)
	resps := []any{
		&ItfResp{ItfList: []ItfSandeshData{{Index: 3, Name: "tap1", Label: 25, FixedIP4List: []string{"10.1.1.3"}}}},
		&VnListResp{VnList: []VnSandeshData{{Name: "default-domain:admin:vn1"}}},
		&VrfListResp{VrfList: []VrfSandeshData{{Name: "vrf", UcIndex: 2}}},
		&Inet4UcRouteResp{RouteList: []RouteUcSandeshData{{SrcIP: "10.1.1.3", SrcPlen: 32, PathList: []PathSandeshData{{
			NH: NhSandeshData{Type: "interface", Itf: "tap1", MAC: []string{}}, Label: 25, Peer: "LocalVmPort",
			ActiveLabel: &label, PathPreferenceData: &PathPreferenceSandeshData{Preference: 200}}}}}},
		&Inet6UcRouteResp{}, &Layer2RouteResp{}, &BridgeRouteResp{}, &EvpnRouteResp{},
		&NhListResp{}, &MplsResp{MplsList: []MplsSandeshData{{Label: 16, Type: "Interface"}}},
		&VmListResp{}, &SgListResp{}, &AclResp{}, &KInterfaceResp{IfList: []KInterfaceInfo{{Idx: 0, Name: "eth0"}}},
		&AgentXmppConnectionStatus{Peer: []AgentXmppData{{ControllerIP: "127.0.1.1", State: "Established"}}},
	}
	for _, r := range resps {
		b, err := sandesh.Marshal(r)
		if err != nil {
			t.Fatalf("%T: %v", r, err)
		}
		n, err := sandesh.ParseBytes(b)
		if err != nil {
			t.Fatalf("%T: parse: %v", r, err)
		}
		if n.Type() != "sandesh" {
			t.Fatalf("%T: root type %q", r, n.Type())
		}
	}
	// Field order and attributes of a path (ist.py reads these).
	b, _ := sandesh.Marshal(resps[3])
	s := string(b)
	for _, want := range []string{
		`<nh type="struct" identifier="1"><NhSandeshData><type type="string" identifier="1">interface</type>`,
		`<itf type="string" identifier="8" link="ItfReq">tap1</itf><mac type="list" identifier="9"><list type="string" size="0"></list></mac>`,
		`<path_preference_data type="struct" identifier="14"><PathPreferenceSandeshData><sequence type="i32" identifier="1">0</sequence><preference type="i32" identifier="2">200</preference>`,
		`<active_label type="i32" identifier="16">25</active_label>`,
		`<src_vrf type="string" identifier="3" link="VrfListReq"></src_vrf>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s", want)
		}
	}
	if strings.Index(s, "intf_flags") > strings.Index(s, "flood_unknown_unicast") && strings.Contains(s, "flood_unknown_unicast") {
		t.Error("intf_flags (id 34) must come before flood_unknown_unicast (declaration order)")
	}
	// Round trip: decode and re-encode gives the same bytes.
	n, _ := sandesh.ParseBytes(b)
	var back Inet4UcRouteResp
	if err := sandesh.Unmarshal(n, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := sandesh.Marshal(&back)
	if !bytes.Equal(b, b2) {
		t.Fatalf("round trip differs:\n%s\n%s", b, b2)
	}
}
