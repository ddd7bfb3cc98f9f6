package agent

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildIst builds cmd/ist into a temporary directory.
func buildIst(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("no go tool to build ist: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "ist")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/tfkit/tfkit/cmd/ist")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building ist: %v\n%s", err, out)
	}
	return bin
}

// TestIstVrAgainstAgent runs `ist vr <command>` (the ist.py command
// lines) against a running refnode agent: each must exit 0 and print what
// the agent holds. A command ist.py has and ist answers "unknown command"
// for fails the test.
func TestIstVrAgainstAgent(t *testing.T) {
	cfg := vrTestConfig("127.211.32.1")
	cfg.Services = testServices()
	a := startAgent(t, cfg)
	ist := buildIst(t)
	p3, p4 := pod(3, "10.47.255.3"), pod(4, "10.47.255.4")
	cases := []struct {
		args string
		want []string // substrings of stdout; none = only the exit code counts
	}{
		// Tables wrap cells at 36 characters as ist.py does: long names
		// are looked for in text format.
		{"status", []string{"Introspect Host: " + a.IntrospectAddr() + "\n", "contrail-vrouter-agent"}},
		{"cpu", []string{"num_cpu: ", "meminfo"}},
		{"trace", []string{"ControllerConnections"}},
		{"uve", []string{"NodeStatus"}},
		{"intf", []string{p3.Name, "10.47.255.3"}},
		{"kintf", []string{p3.Name}},
		{"vn -f text", []string{podVN}},
		{"vrf -f text", []string{podVRF}},
		{"route -v 2", []string{"10.47.255.3"}},
		{"nh", []string{"interface"}},
		{"mpls", nil},
		{"vm", []string{p3.VMUUID}},
		{"sg", nil},
		{"acl", nil},
		{"xmpp", nil},
		{"xmpp-dns", nil},
		{"vxlan nh -f text", []string{podVRF}},
		{"vxlan config", []string{"5e0a0b6e-0000-4000-8000-000000000006"}},
		{"mirror vn", []string{"k8s-default-pod-  |", "| 1 "}},
		{"mirror intf -f text", []string{"handle: analyzer-1", "intf_name: " + p3.Name, "ip: 10.47.255.4"}},
		{"vrfassign", nil},
		{"linklocal", []string{"169.254.169.254", "kubernetes"}},
		{"hc -f text", []string{"monitor_type: HTTP", "url_path: /healthz", "service_ip: 10.47.255.4"}},
		{"baas -f text", []string{"vm_bgp_peer_ip: 10.47.255.4", "vmi_uuid: " + p4.UUID, "health_check_configured: true"}},
		{"si -f text", []string{"service_type: firewall", "vmi_inside: " + p3.UUID}},
		{"ifmap", []string{"type:virtual-machine-interface", p3.UUID}},
		{"ifmap -t virtual-network", []string{podVN}},
		{"stats", []string{"IpcStatsResp", "flow_max_system_flows", "node_updates_processed"}},
		{"stats ifmap", []string{"15"}},
		{"stats flow", []string{"512000"}},
		{"service", []string{"MetadataResponse"}},
		{"service Metadata", []string{"8097"}},
		{"service Dhcp", []string{"dhcp_discover"}},
		{"service Dhcp --pkt", nil},
		{"service Arp --intf", nil},
		{"service Arp --cache", nil},
		{"service Icmpv6 --intf", nil},
		{"service Dns --intf", []string{p3.Name}},
	}
	for _, c := range cases {
		t.Run(c.args, func(t *testing.T) {
			args := append([]string{"--host", a.IntrospectAddr(), "vr"}, strings.Fields(c.args)...)
			cmd := exec.Command(ist, args...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if strings.Contains(stderr.String(), "unknown command") {
				t.Fatalf("ist has no `vr %s`, which ist.py has: %s", c.args, strings.TrimSpace(stderr.String()))
			}
			if err != nil {
				t.Fatalf("ist vr %s: %v\n%s", c.args, err, stderr.String())
			}
			for _, w := range c.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("ist vr %s: output lacks %q:\n%s", c.args, w, out)
				}
			}
		})
	}
}
