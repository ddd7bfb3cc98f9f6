package client

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// TestFlowDumpsFollowTheirLinks: KFlowReq pages go on through
// NextKFlowReq with flow_handle until "0"; FetchAllFlowRecords through
// NextFlowRecordsSet with flow_key until the start key. A flow record's
// own flow_handle field stays in the record.
func TestFlowDumpsFollowTheirLinks(t *testing.T) {
	kpage := func(idx, handle string) string {
		return pi + `<KFlowResp type="sandesh"><flow_list type="list" identifier="1"><list type="struct" size="1"><KFlowInfo><index type="i32" identifier="1">` +
			idx + `</index></KFlowInfo></list></flow_list><flow_handle type="string" identifier="2" link="NextKFlowReq">` + handle +
			`</flow_handle><more type="bool" identifier="0">false</more></KFlowResp>`
	}
	fpage := func(h, key string) string {
		return pi + `<FlowRecordsResp type="sandesh"><flow_list type="list" identifier="1"><list type="struct" size="1"><SandeshFlowData><flow_handle type="i32" identifier="16">` +
			h + `</flow_handle></SandeshFlowData></list></flow_list><flow_key type="string" identifier="2" link="NextFlowRecordsSet">` + key +
			`</flow_key><more type="bool" identifier="0">false</more></FlowRecordsResp>`
	}
	rec := &recorder{pages: map[string]string{
		"/Snh_KFlowReq":            kpage("7", "8"),
		"/Snh_NextKFlowReq?x=8":    kpage("9", "0"),
		"/Snh_FetchAllFlowRecords": fpage("11", "0-21-40000-80-6-10.0.0.1-10.0.0.2"),
		"/Snh_NextFlowRecordsSet?x=0-21-40000-80-6-10.0.0.1-10.0.0.2": fpage("12", "0-0-0-0-0-0.0.0.0-0.0.0.0"),
	}}
	s := httptest.NewServer(rec)
	defer s.Close()
	c := newClient(t, Config{Hosts: []string{hostOf(s)}})
	var got []string
	each := func(tg Target, n *sandesh.Node) error {
		got = append(got, n.Name+"="+n.Child(map[string]string{"KFlowInfo": "index", "SandeshFlowData": "flow_handle"}[n.Name]).Text)
		return nil
	}
	if err := c.Each(context.Background(), Request{Path: "Snh_KFlowReq", Names: []string{"KFlowInfo"}}, each); err != nil {
		t.Fatal(err)
	}
	if err := c.Each(context.Background(), Request{Path: "Snh_FetchAllFlowRecords", Names: []string{"SandeshFlowData"}}, each); err != nil {
		t.Fatal(err)
	}
	if w := "KFlowInfo=7 KFlowInfo=9 SandeshFlowData=11 SandeshFlowData=12"; strings.Join(got, " ") != w {
		t.Fatalf("records %q, want %q (fetched %q)", got, w, rec.uris)
	}
	if len(rec.uris) != 4 {
		t.Fatalf("fetched %q", rec.uris)
	}
}
