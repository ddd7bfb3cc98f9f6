package personas

import (
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/procinfo"
)

// dnsTraceBuffers are the trace buffers contrail-dns creates (its
// configuration, named's configuration, the agents' XMPP sessions).
var dnsTraceBuffers = []string{"Config", "DnsBind", "Xmpp"}

// serveProcInfo answers the Sandesh library's process requests every
// daemon has: CpuLoadInfoReq (ist <role> cpu) and the trace buffers
// (ist <role> trace [name]). A nodemgr (pysandesh) creates no trace
// buffer: its list is empty, as the real one's.
func (p *Persona) serveProcInfo(srv *sandesh.Server) {
	sandesh.Handle(srv, "cpuinfo", func(*schema.CpuLoadInfoReq) []any {
		return []any{&schema.CpuLoadInfoResp{CPUInfo: procinfo.CpuLoad()}}
	})
	sandesh.Handle(srv, "sandesh_trace", func(*schema.SandeshTraceBufferListRequest) []any {
		return []any{procinfo.ListResponse(p.kind.traces...)}
	})
	sandesh.Handle(srv, "sandesh_trace", func(r *schema.SandeshTraceRequest) []any {
		return []any{&schema.SandeshTraceTextResponse{Traces: p.trace.Get(r.BufName, int(r.Count))}}
	})
	if len(p.kind.traces) > 0 {
		p.trace.Add("Config", "DnsConfigTrace: "+p.kind.module+" started on "+p.cfg.Host+"; no virtual-DNS configured")
	}
}
