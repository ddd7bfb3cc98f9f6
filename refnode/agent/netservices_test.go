package agent

import (
	"net/netip"
	"testing"

	"github.com/tfkit/tfkit/introspect/schema"
)

// testServices puts one of each network service on pods 3 and 4 of
// vrTestConfig.
func testServices() Services {
	p3, p4 := pod(3, "10.47.255.3"), pod(4, "10.47.255.4")
	return Services{
		HealthChecks: []HealthCheck{{UUID: "4c000000-0000-4000-8000-000000000001", Name: "default-domain:k8s-default:hc-1", MonitorType: "HTTP",
			HTTPMethod: "GET", URLPath: "/healthz", ExpectedCodes: "200", Delay: 3, Timeout: 5, MaxRetries: 2, Interface: p4.UUID}},
		BGPaaS:           []BGPaaS{{Interface: p4.UUID, HealthCheck: "4c000000-0000-4000-8000-000000000001"}},
		ServiceInstances: []ServiceInstance{{UUID: "51000000-0000-4000-8000-000000000001", ServiceType: "firewall", VMUUID: p3.VMUUID, Inside: p3.UUID}},
		Mirrors:          []Mirror{{Analyzer: "analyzer-1", Interface: p3.UUID, AnalyzerIP: netip.MustParseAddr("10.47.255.4"), Port: 8099}},
	}
}

// TestVrNetworkServices: health checks, BGPaaS, service instances and
// mirrors configured on the agent's interfaces are served in the agent's
// layout (each answer re-encodes byte for byte; the paged tables through
// Snh_PageReq too).
func TestVrNetworkServices(t *testing.T) {
	cfg := vrTestConfig("127.211.23.1")
	cfg.Services = testServices()
	a := startAgent(t, cfg)
	p3, p4 := pod(3, "10.47.255.3"), pod(4, "10.47.255.4")

	var hc schema.HealthCheckSandeshResp
	checkParts(t, a, "/Snh_HealthCheckSandeshReq?uuid=", &hc, &schema.Pagination{})
	if len(hc.HCList) != 1 || hc.HCList[0].URLPath != "/healthz" || len(hc.HCList[0].InstList) != 1 || hc.HCList[0].InstList[0].ServiceIP != "10.47.255.4" {
		t.Errorf("health checks %+v", hc.HCList)
	}
	var again schema.HealthCheckSandeshResp
	checkParts(t, a, "/Snh_PageReq?x=begin:-1,end:-1,table:db.healthcheck.0,", &again, &schema.Pagination{})
	if len(again.HCList) != 1 {
		t.Errorf("PageReq health checks %+v", again.HCList)
	}
	var si schema.ServiceInstanceResp
	checkParts(t, a, "/Snh_ServiceInstanceReq?uuid=", &si, &schema.Pagination{})
	if len(si.ServiceInstanceList) != 1 || si.ServiceInstanceList[0].VMIInside != p3.UUID || si.ServiceInstanceList[0].InstanceID != p3.VMUUID {
		t.Errorf("service instances %+v", si.ServiceInstanceList)
	}
	var bgp schema.BgpAsAServiceSandeshResp
	checkParts(t, a, "/Snh_BgpAsAServiceSandeshReq", &bgp)
	if l := bgp.BGPAsAServiceList; len(l) != 1 || l[0].VMBGPPeerIP != "10.47.255.4" || l[0].VMIUUID != p4.UUID || !l[0].HealthCheckConfigured || l[0].HealthCheckDelayUsecs != 3e6 {
		t.Errorf("bgpaas %+v", l)
	}
	var vn schema.MirrorCfgVnInfoResp
	checkParts(t, a, "/Snh_MirrorCfgVnInfoReq?vn_name=", &vn)
	if len(vn.VNACLInfoL) != 1 || vn.VNACLInfoL[0].VNName != podVN || vn.VNACLInfoL[0].NumOfEntries != 1 {
		t.Errorf("mirror vn %+v", vn.VNACLInfoL)
	}
	var im schema.IntfMirrorCfgDisplayResp
	checkParts(t, a, "/Snh_IntfMirrorCfgDisplayReq?handle=analyzer-1", &im)
	if len(im.ImcfgL) != 1 || im.ImcfgL[0].IntfName != p3.Name || im.ImcfgL[0].IP != "10.47.255.4" || im.ImcfgL[0].MirrorVrf != podVRF {
		t.Errorf("intf mirror %+v", im.ImcfgL)
	}
	checkParts(t, a, "/Snh_IntfMirrorCfgDisplayReq?handle=nosuch", &schema.IntfMirrorCfgDisplayResp{})
}
