package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestStatsAllChainsTwoRequests: `vr stats` (all) prints AgentStatsReq's
// parts and then ShowIFMapAgentStatsReq's, like ist.py; with -f json both
// are one array; when the second request fails nothing is printed.
func TestStatsAllChainsTwoRequests(t *testing.T) {
	agent := `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><AgentStatsResp type="sandesh">` +
		`<IpcStatsResp type="sandesh"><ipc_in_msgs type="u64" identifier="1">7</ipc_in_msgs></IpcStatsResp>` +
		`<FlowStatsResp type="sandesh"><flow_active type="u32" identifier="1">3</flow_active></FlowStatsResp>` +
		`</AgentStatsResp>`
	ifmap := `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><ShowIFMapAgentStatsResp type="sandesh">` +
		`<node_updates_processed type="u64" identifier="1">19</node_updates_processed></ShowIFMapAgentStatsResp>`
	both := serve(t, map[string]string{"/Snh_AgentStatsReq": agent, "/Snh_ShowIFMapAgentStatsReq": ifmap})

	out, err := runIst(t, "--host", both, "vr", "stats")
	if err != nil {
		t.Fatal(err)
	}
	i, j := strings.Index(out, "ipc_in_msgs: 7"), strings.Index(out, "node_updates_processed: 19")
	if i < 0 || j < i || !strings.Contains(out, "flow_active: 3") {
		t.Errorf("text: want the agent stats then the IFMap stats:\n%s", out)
	}

	js, err := runIst(t, "--host", both, "vr", "stats", "-f", "json")
	var recs []map[string]any
	if err != nil || json.Unmarshal([]byte(js), &recs) != nil || len(recs) != 3 || recs[2]["node_updates_processed"] != 19.0 {
		t.Errorf("json: %v, want one array of 3 records:\n%s", err, js)
	}

	if out, err := runIst(t, "--host", both, "vr", "stats", "ifmap"); err != nil || strings.Contains(out, "ipc_in_msgs") || !strings.Contains(out, "19") {
		t.Errorf("stats ifmap: %v\n%s", err, out)
	}

	half := serve(t, map[string]string{"/Snh_AgentStatsReq": agent})
	if out, err := runIst(t, "--host", half, "vr", "stats"); err == nil || exitCode(err) != 4 || out != "" {
		t.Errorf("second request 404: exit %d, printed %q", exitCode(err), out)
	}
}
