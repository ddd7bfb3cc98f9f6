package follow_test

import (
	"net/netip"
	"testing"

	"github.com/tfkit/tfkit/introspect/follow"
)

// BenchmarkFollowMPLS is one whole follow over loopback HTTP against the
// fixture agents: VrfListReq, the host route, MplsReq and ItfReq on the
// remote agent (4 hops, 4 requests, new connections per walk).
func BenchmarkFollowMPLS(b *testing.B) {
	vr1, vr2 := agentServer(b, "mpls/vrouter-1"), agentServer(b, "mpls/vrouter-2")
	cfg := followCfg(follow.Hosts{netip.MustParseAddr(fixVR2): vr2})
	b.ReportAllocs()
	for b.Loop() {
		hops, err := run(cfg, vr1, podVRF, cirros2)
		if err != nil || len(hops) != 4 {
			b.Fatalf("%v: %d hops", err, len(hops))
		}
	}
}

// BenchmarkFollowCluster is one follow from vrouter-1 to cirros-2 on
// vrouter-2 in the running refnode cluster (real agents, 4 requests).
func BenchmarkFollowCluster(b *testing.B) {
	startCluster(b)
	cfg := followCfg(nil)
	for b.Loop() {
		hops, err := run(cfg, vr1, podVRF, cirros2)
		if err != nil || len(hops) != 4 {
			b.Fatalf("%v: %d hops", err, len(hops))
		}
	}
}
