package doctor_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/doctor"
	"github.com/tfkit/tfkit/refnode/agent"
)

const podTable = "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network.inet.0"
const podVRF = "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network"

// TestRouteWithdrawn: the control nodes lost a pod's route while its
// interface stays active: missing on both control nodes its agent
// publishes to.
func TestRouteWithdrawn(t *testing.T) {
	f := startCluster(t, 186, 187, nil)
	f.healthy()
	pod := f.top.PodsOn("vrouter-1")[0]
	ctls := f.c.Node("vrouter-1").(*agent.Agent).Controls()
	slices.SortFunc(ctls, collect.NaturalCompare)
	if err := f.c.WithdrawRoute("vrouter-1", pod.Name); err != nil {
		t.Fatal(err)
	}
	rep := f.expectOnly(want{node: "vrouter-1", check: "routes.missing", severity: doctor.Error,
		next:  "ist --host " + f.host(ctls[0]) + " ctr route show -t " + podTable + " -p XMPP " + pod.IP,
		what:  []string{"route " + pod.IP + "/32 of " + pod.Name + " (" + pod.Interface + ") is missing on " + ctls[0] + " and " + ctls[1] + ", where its agent publishes it"},
		cause: "not export"})
	if fd := rep.Findings[0]; fd.Next[1] != "ist follow --vrouter "+f.host("vrouter-1")+" "+podVRF+" "+pod.IP {
		t.Errorf("next %q", fd.Next)
	}
}

// TestInterfaceInactive: a pod interface without its VN is Inactive with
// the agent's reasons (an error, and no routes.missing for it: its route
// is gone for that reason); an administratively down one is a warning.
func TestInterfaceInactive(t *testing.T) {
	f := startCluster(t, 188, 189, nil)
	f.healthy()
	p1, p2 := f.top.PodsOn("vrouter-1")[0], f.top.PodsOn("vrouter-2")[0]
	if err := f.c.SetInterfaceInactive("vrouter-1", p1.Name, "vn-null"); err != nil {
		t.Fatal(err)
	}
	if err := f.c.SetInterfaceInactive("vrouter-2", p2.Name, "admin-down"); err != nil {
		t.Fatal(err)
	}
	f.expectOnly(
		want{node: "vrouter-1", check: "interface.inactive", severity: doctor.Error, next: "ist --host " + f.host("vrouter-1") + " vr intf " + p1.Interface + " -f text",
			what: []string{"interface " + p1.Interface + " of " + p1.Name + " (" + p1.IP + ") is Inactive: vn-null vrf-null"}, cause: "no virtual network"},
		want{node: "vrouter-2", check: "interface.inactive", severity: doctor.Warning, next: "ist --host " + f.host("vrouter-2") + " vr intf " + p2.Interface + " -f text",
			what: []string{"is Inactive: admin-down"}, cause: "administratively down"},
	)
}

// TestRouteCountMismatch: control-3 is cut off from the other control
// nodes by BGP and has no agent (the vRouters use control-1 and
// control-2): its pod table is empty where the others have both pods.
func TestRouteCountMismatch(t *testing.T) {
	f := startCluster(t, 190, 191, twoControls)
	f.healthy()
	for _, c := range []string{"control-1", "control-2"} {
		if err := f.c.Partition("control-3", c); err != nil {
			t.Fatal(err)
		}
	}
	f.expect(want{node: "control-3", check: "routes.count-mismatch", severity: doctor.Warning,
		next: "ist --host " + f.host("control-3") + " ctr route summary " + podVRF,
		what: []string{"table " + podTable + " has 0 prefixes here, 2 on control-1, 2 on control-2"}, cause: "BGP session between them is down"})
}

// TestASNMismatch: control-2 runs with another ASN: its peers refuse it,
// and the cause is named.
func TestASNMismatch(t *testing.T) {
	f := startCluster(t, 192, 193, func(s string) string {
		return strings.Replace(s, "{name: control-2, address: 127.0.192.2}", "{name: control-2, address: 127.0.192.2, asn: 64513}", 1)
	})
	f.expect(
		want{node: "control-2", check: "config.asn-mismatch", severity: doctor.Error, next: "ist --host " + f.host("control-2") + " ctr nei -t BGP",
			what: []string{"runs with ASN 64513, the other control nodes with 64512"}, cause: "Bad Peer AS"},
		want{node: "control-1", check: "bgp.not-established", severity: doctor.Error, next: "ist --host " + f.host("control-1") + " ctr nei -t BGP control-2",
			what: []string{"control-2"}, cause: "control-2 runs with ASN 64513 instead of 64512"},
	)
}

// TestRouterIDCollision: control-3 uses control-1's router id.
func TestRouterIDCollision(t *testing.T) {
	f := startCluster(t, 194, 195, func(s string) string {
		return strings.Replace(s, "{name: control-3, address: 127.0.194.3}", "{name: control-3, address: 127.0.194.3, router_id: 127.0.194.1}", 1)
	})
	f.expect(
		want{node: "control-1", check: "config.router-id-collision", severity: doctor.Error, next: "ist --host " + f.host("control-1") + " ctr nei -t BGP",
			what: []string{"uses BGP router id 127.0.194.1, like control-3"}, cause: "Bad BGP Identifier"},
		want{node: "control-3", check: "config.router-id-collision", severity: doctor.Error, next: "ist --host " + f.host("control-3") + " ctr nei -t BGP",
			what: []string{"uses BGP router id 127.0.194.1, like control-1"}},
	)
}

// TestClockSkew: control-2's clock is five minutes ahead: every session
// it has disagrees with its peer on when it came up.
func TestClockSkew(t *testing.T) {
	f := startCluster(t, 196, 197, func(s string) string {
		return strings.Replace(s, "{name: control-2, address: 127.0.196.2}", "{name: control-2, address: 127.0.196.2, clock_offset: 5m}", 1)
	})
	f.expectOnly(want{node: "control-2", check: "config.clock-skew", severity: doctor.Warning, next: "chronyc tracking (on control-2)",
		what: []string{"clock is 5m0s ahead of its peers'"}, cause: "NTP"})
}
