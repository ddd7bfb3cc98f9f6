package agent

import (
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestIstKernelAndFlowCommands runs the kernel and flow commands of `ist
// vr` against two agents that carried traffic (one packet dropped by a
// security group, a full flow table on vrouter-1): each prints what the
// agent holds, and the flow dumps come whole through their continuation
// links (150 flows: two pages each).
func TestIstKernelAndFlowCommands(t *testing.T) {
	a1, a2, p1, p2, _ := dpPair(t, 7)
	ist := buildIst(t)
	if out, _ := send(t, a1, p1.Name, "10.47.255.2", 6, 80); !out.Delivered {
		t.Fatalf("send: %+v", out)
	}
	sg, _ := a2.SecurityGroup(sgA)
	a2.SetSecurityGroupRules(sgA, []Rule{{UUID: "d1", Action: "deny", Protocol: 17}, {UUID: "p1"}}, sg.Egress.Rules)
	if out, _ := send(t, a1, p1.Name, "10.47.255.2", 17, 53); out.Delivered {
		t.Fatalf("udp through the deny: %+v", out)
	}
	run := func(host string, args ...string) string {
		t.Helper()
		cmd := exec.Command(ist, append([]string{"--host", host, "vr"}, args...)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("ist vr %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return string(out)
	}
	h1, h2 := a1.IntrospectAddr(), a2.IntrospectAddr()
	nh := strconv.Itoa(int(nhOf(t, a2, p2.Name)))
	for _, c := range []struct {
		host string
		args string
		want []string
	}{
		{h1, "kroute -v 2", []string{"10.47.255.2", "MPLS", "AF_INET"}},
		{h1, "kroute -v 2 10.47.255.2 -f text", []string{"prefix_len: 32", "label_flags: MPLS"}},
		{h1, "kroute -v 2 --family inet6", nil},
		{h1, "knh", []string{"TUNNEL", "ENCAP", a2.cfg.Address.String()}},
		{h2, "kmpls", []string{nh}},
		{h2, "kflow", []string{"FORWARD", "DROP", "SG"}},
		{h2, "dropstats", []string{"ds_flow_action_drop: 1"}},
		{h2, "flow", []string{"10.47.255.1", "Flow drop SG"}},
		{h2, "flow --nh " + nh + " --sip 10.47.255.1 --dip 10.47.255.2 --proto 17 --sport 40000 --dport 53 -f text",
			[]string{"sg_rule_uuid: d1", "drop_reason: Flow drop SG"}},
		{h2, "flowtable", []string{"512000"}},
	} {
		out := run(c.host, strings.Fields(c.args)...)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("ist vr %s: output lacks %q:\n%s", c.args, w, out)
			}
		}
	}
	if err := a1.FillFlowTable(150); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"flow", "-f", "json"}, {"kflow", "-f", "json"}} {
		var recs []json.RawMessage
		if err := json.Unmarshal([]byte(run(h1, args...)), &recs); err != nil {
			t.Fatalf("ist vr %s: %v", args[0], err)
		}
		if len(recs) != 150 {
			t.Errorf("ist vr %s: %d records, the table holds 150", args[0], len(recs))
		}
	}
}
