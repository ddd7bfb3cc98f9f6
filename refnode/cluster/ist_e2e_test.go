package cluster_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// TestIstAgainstDefaultCluster runs ist.py's command lines of the
// control node, contrail-dns, the nodemgrs and the agents' network
// services with the built ist against the default topology (its
// network_services configured): each exits 0 and prints the rows the
// cluster holds, banner first. `ctr ifmap peer` is the one exception:
// TF and R2008 control nodes have no IFMapPeerServerInfoReq, so the
// daemon answers 404 and ist says so (exit 4).
func TestIstAgainstDefaultCluster(t *testing.T) {
	ist := buildIst(t)
	top := testTopology(t, 47)
	startCluster(t, top)
	ctl, vr1, vr2 := top.Controls[0].Address, top.VRouters[0].Address, top.VRouters[1].Address
	run := func(host, line string) clitest.Result {
		return clitest.Exec(t, ist, append([]string{"--host", host, "--timeout", "5"}, strings.Fields(line)...)...)
	}
	eventually(t, 60*time.Second, "the service chain Active", func() error {
		if r := run(ctl, "ctr sc -f text"); !strings.Contains(r.Stdout, "state: Active") {
			return fmt.Errorf("ctr sc: %s%s", r.Stdout, r.Stderr)
		}
		return nil
	})
	sc := top.NetworkServices.ServiceChains[0]
	cirros1, cirros2 := top.ServicePod("cirros-1"), top.ServicePod("cirros-2")
	podRI := top.Network("k8s-default-pod-network").RoutingInstance()
	cases := []struct {
		host, line string
		want       []string
	}{
		{ctl, "ctr status", []string{"module_id: contrail-control"}},
		{ctl, "ctr cpu", []string{"num_cpu: "}},
		{ctl, "ctr trace", []string{"XmppTrace"}},
		{ctl, "ctr uve", []string{"BgpRouterState"}},
		{ctl, "ctr nei", []string{"control-2", "vrouter-1"}},
		{ctl, "ctr ri -f text", []string{podRI}},
		{ctl, "ctr route summary -f text", []string{"name: " + podRI + ".inet.0"}},
		{ctl, "ctr route tables", []string{"inet.0"}},
		{ctl, "ctr route show", []string{cirros1.IP + "/32"}},
		{ctl, "ctr route static -f text", []string{"ri_name: " + podRI, "prefix: 10.50.0.0/24", "nexthop: 10.47.255.249", "prefix: 10.47.255.249/32"}},
		{ctl, "ctr route aggregate", nil},
		{ctl, "ctr mcast table", []string{".ermvpn.0"}},
		{ctl, "ctr mcast tree -t " + podRI + ".ermvpn.0", nil},
		{ctl, "ctr bgp_stats", []string{"rx_socket_stats"}},
		{ctl, "ctr xmpp trace", nil},
		{ctl, "ctr xmpp stats -f text", []string{"ShowXmppServerResp"}},
		{ctl, "ctr xmpp conn", []string{"vrouter-1"}},
		{ctl, "ctr ifmap client", []string{"vrouter-1", "vrouter-2"}},
		{ctl, "ctr ifmap client -l", []string{"| vrouter-1 ", "client_index"}},
		{ctl, "ctr ifmap client vrouter-1 -f text", []string{"node_name: virtual-router:default-global-system-config:vrouter-1", "node_name: routing-instance:" + podRI}},
		{ctl, "ctr ifmap client vrouter-1 -t link", []string{"virtual-network-routing-instance"}},
		{ctl, "ctr ifmap table", []string{"virtual-router"}},
		{ctl, "ctr ifmap node", []string{"virtual-network:default-domain:k8s-default:k8s-default-pod-network"}},
		{ctl, "ctr ifmap node --fqn virtual-router:default-global-system-config:vrouter-2", []string{"node_name: virtual-router:default-global-system-config:vrouter-2"}},
		{ctl, "ctr ifmap link -f text", []string{"metadata: virtual-network-routing-instance", "metadata: bgp-peering"}},
		{ctl, "ctr ifmap cm stats", []string{"unknown_subscribe_messages: 0"}},
		{ctl, "ctr ifmap cm map", []string{"| vrouter-1 ", vr1}},
		{ctl, "ctr ifmap pending_vm", []string{"map_count"}},
		{ctl, "ctr sc", []string{"default-domain:k8s-default:fw", "Active"}},
		{ctl, "ctr sc -r", []string{"service_chain_addr: " + sc.Address}},
		{ctl, "ctr sc -r -d", []string{"connectedRouteInfo:", sc.Address + "/32, age: ", "[XMPP (interface)|vrouter-1]"}},
		{ctl, "ctr config ri", []string{"k8s-default-pod-"}},
		{ctl, "ctr config rp", nil},
		{ctl, "ctr config bgp", []string{"control-node"}},
		{ctl, "ctr rt", []string{"target:64512:"}},
		{ctl, "dns status", []string{"module_id: contrail-dns"}},
		{ctl, "dns cpu", []string{"num_cpu: "}},
		{ctl, "dns trace", []string{"Config", "DnsBind", "Xmpp"}},
		{ctl, "dns trace Config", []string{"DnsConfigTrace: contrail-dns started"}},
		{ctl, "dns uve", []string{"NodeStatus"}},
		{ctl, "nodemgr_ctr status", []string{"contrail-control"}},
		{ctl, "nodemgr_ctr cpu", []string{"num_cpu: "}},
		{ctl, "nodemgr_ctr trace", nil}, // a pysandesh nodemgr creates no trace buffer
		{ctl, "nodemgr_ctr uve", []string{"NodeStatus"}},
		{vr1, "nodemgr_vr status", []string{"contrail-vrouter-agent"}},
		{vr1, "nodemgr_vr cpu", []string{"num_cpu: "}},
		{vr1, "nodemgr_vr trace", nil},
		{vr1, "vr linklocal -f text", []string{"linklocal_service_name: metadata", "linklocal_service_ip: 169.254.169.254", "linklocal_service_name: kubernetes"}},
		{vr1, "vr si -f text", []string{"uuid: " + sc.UUID, "vmi_inside: " + cirros1.VMIUUID}},
		{vr1, "vr mirror intf -f text", []string{"handle: analyzer-1", "intf_name: " + cirros1.Interface}},
		{vr1, "vr mirror vn -f text", []string{"vn_name: default-domain:k8s-default:k8s-default-pod-network"}},
		{vr2, "vr hc -f text", []string{"monitor_type: PING", "service_ip: " + cirros2.IP}},
		{vr2, "vr baas -f text", []string{"vm_bgp_peer_ip: " + cirros2.IP, "health_check_configured: true"}},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			r := run(c.host, c.line)
			if r.Code != 0 {
				t.Fatalf("ist --host %s %s: exit %d: %s", c.host, c.line, r.Code, r.Stderr)
			}
			if !strings.HasPrefix(r.Stdout, "Introspect Host: "+c.host+"\n") {
				t.Errorf("no banner:\n%s", r.Stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(r.Stdout, w) {
					t.Errorf("ist %s: output lacks %q:\n%s", c.line, w, r.Stdout)
				}
			}
		})
	}
	r := run(ctl, "ctr ifmap peer")
	if r.Code != 4 || r.Stdout != "" || !strings.Contains(r.Stderr, "IFMapPeerServerInfoReq") {
		t.Errorf("ctr ifmap peer: exit %d, stdout %q, stderr %q; want 404 (exit 4)", r.Code, r.Stdout, r.Stderr)
	}
}
