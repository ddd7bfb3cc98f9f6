package personas

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/introspecttest"
	"github.com/tfkit/tfkit/refnode/topo"
)

// TestCpuAndTrace: dns and the nodemgrs answer `ist <role> cpu` and
// `trace` (they answered 404): the process's memory, contrail-dns's
// trace buffers with the start recorded, a nodemgr's empty buffer list
// (pysandesh creates none). Every answer is its model's encoding, byte
// for byte.
func TestCpuAndTrace(t *testing.T) {
	addr := netip.MustParseAddr("127.0.77.3")
	start(t, Config{Role: topo.RoleDNS, Host: "control-1", Address: addr, Port: 18092})
	start(t, Config{Role: topo.RoleVRouterNodemgr, Host: "vrouter-1", Address: addr, Port: 18102, Watch: func() string { return "running" }})
	for _, port := range []string{"18092", "18102"} {
		base := "http://" + addr.String() + ":" + port
		var cpu schema.CpuLoadInfoResp
		introspecttest.CheckParts(t, base+"/Snh_CpuLoadInfoReq", &cpu)
		if cpu.CPUInfo.NumCPU == 0 || cpu.CPUInfo.MemInfo.Res == 0 {
			t.Errorf("%s cpu: %+v", port, cpu.CPUInfo)
		}
	}
	var list schema.SandeshTraceBufferListResponse
	introspecttest.CheckParts(t, "http://127.0.77.3:18092/Snh_SandeshTraceBufferListRequest", &list)
	var names []string
	for _, b := range list.TraceBufferList {
		names = append(names, b.TraceBufName)
	}
	if strings.Join(names, ",") != "Config,DnsBind,Xmpp" {
		t.Errorf("dns trace buffers %v", names)
	}
	var cfg schema.SandeshTraceTextResponse
	introspecttest.CheckParts(t, "http://127.0.77.3:18092/Snh_SandeshTraceRequest?x=Config", &cfg)
	if len(cfg.Traces) != 1 || !strings.Contains(cfg.Traces[0], " DnsConfigTrace: contrail-dns started on control-1") {
		t.Errorf("dns Config trace %q", cfg.Traces)
	}
	var none schema.SandeshTraceBufferListResponse
	introspecttest.CheckParts(t, "http://127.0.77.3:18102/Snh_SandeshTraceBufferListRequest", &none)
	if len(none.TraceBufferList) != 0 {
		t.Errorf("nodemgr trace buffers %+v", none.TraceBufferList)
	}
}
