package agent

import (
	"net/netip"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// Services are the network services configured on this agent's
// interfaces (ist vr hc|baas|si|mirror vn|mirror intf); the cluster fills
// them from the topology's network_services. Interfaces are named by
// their VMI uuid (Interface.UUID).
type Services struct {
	HealthChecks     []HealthCheck
	BGPaaS           []BGPaaS
	ServiceInstances []ServiceInstance
	Mirrors          []Mirror
}

// HealthCheck is a service-health-check attached to one interface.
type HealthCheck struct {
	UUID, Name                         string // Name: fq name
	MonitorType                        string // PING or HTTP
	HTTPMethod, URLPath, ExpectedCodes string
	Delay, Timeout, MaxRetries         int // seconds, seconds, count
	Interface                          string
}

// BGPaaS is a BGP-as-a-service session of a VM (its interface address is
// the BGP peer), optionally watched by a health check (uuid).
type BGPaaS struct {
	Interface   string
	Shared      bool
	HealthCheck string
}

// ServiceInstance is a service instance whose VM runs here.
type ServiceInstance struct {
	UUID        string
	ServiceType string // firewall, analyzer, source-nat
	VMUUID      string
	Inside      string // left interface (VMI uuid)
	Outside     string // right interface; "" when it has none here
}

// Mirror mirrors an interface to an analyzer.
type Mirror struct {
	Analyzer   string // analyzer name (the mirror handle)
	Interface  string
	AnalyzerIP netip.Addr
	Port       int
}

// bgpaasPortBase is the first source port the agent NATs BGPaaS
// sessions from (bgpaas_port_range, 50000-50512 by default).
const bgpaasPortBase = 50000

// ifaceByUUID finds one of the agent's VM interfaces; the caller holds a.mu.
func (a *Agent) ifaceByUUIDLocked(uuid string) *iface {
	for _, it := range a.t.itfs {
		if it != nil && it.cfg != nil && it.cfg.UUID == uuid {
			return it
		}
	}
	return nil
}

// healthCheckListing lists the health checks (uuid filter: substring),
// each with the instance it runs on its interface.
func (a *Agent) healthCheckListing(uuid string) listing {
	a.mu.Lock()
	defer a.mu.Unlock()
	rows := []schema.HealthCheckSandeshData{}
	for _, h := range a.cfg.Services.HealthChecks {
		if !strings.Contains(h.UUID, uuid) {
			continue
		}
		d := schema.HealthCheckSandeshData{UUID: h.UUID, Name: h.Name, ServiceType: "end-to-end", MonitorType: h.MonitorType,
			HTTPMethod: h.HTTPMethod, URLPath: h.URLPath, ExpectedCodes: h.ExpectedCodes,
			Delay: uint32(h.Delay), Timeout: uint32(h.Timeout), MaxRetries: uint32(h.MaxRetries),
			InstList: []schema.HealthCheckInstanceSandeshData{}}
		if it := a.ifaceByUUIDLocked(h.Interface); it != nil {
			ip := it.cfg.IP.String()
			d.InstList = append(d.InstList, schema.HealthCheckInstanceSandeshData{VMInterface: it.cfg.UUID, MetadataIP: "",
				ServiceIP: ip, HealthCheckIP: ip, Active: true, Running: true, LastUpdateTime: a.started.UTC().Format(time.RFC3339)})
		}
		rows = append(rows, d)
	}
	return listing{table: "db.healthcheck.0", filters: []filter{{"uuid", uuid}}, size: len(a.cfg.Services.HealthChecks), n: len(rows),
		part: func(lo, hi int) any { return &schema.HealthCheckSandeshResp{HCList: rows[lo:hi]} }}
}

// serviceInstanceListing lists the service instances (uuid filter).
func (a *Agent) serviceInstanceListing(uuid string) listing {
	rows := []schema.ServiceInstanceSandeshData{}
	for _, s := range a.cfg.Services.ServiceInstances {
		if strings.Contains(s.UUID, uuid) {
			rows = append(rows, schema.ServiceInstanceSandeshData{UUID: s.UUID, ServiceType: s.ServiceType,
				VirtualizationType: "virtual-machine", InstanceID: s.VMUUID, VMIInside: s.Inside, VMIOutside: s.Outside})
		}
	}
	return listing{table: "db.service-instance.0", filters: []filter{{"name", uuid}}, size: len(a.cfg.Services.ServiceInstances), n: len(rows),
		part: func(lo, hi int) any { return &schema.ServiceInstanceResp{ServiceInstanceList: rows[lo:hi]} }}
}

// bgpaasReq answers BgpAsAServiceSandeshReq: one session per VM, NATed
// from its own source port, peering with the agent's control nodes.
func (a *Agent) bgpaasReq(vmi string) []any {
	resp := &schema.BgpAsAServiceSandeshResp{BGPAsAServiceList: []schema.BgpAsAServiceSandeshList{}}
	var peers [2]string
	for i, c := range a.cfg.Controls {
		if i < len(peers) {
			peers[i] = c.Name
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, b := range a.cfg.Services.BGPaaS {
		it := a.ifaceByUUIDLocked(b.Interface)
		if it == nil || (vmi != "" && vmi != b.Interface) {
			continue
		}
		d := schema.BgpAsAServiceSandeshList{VMBGPPeerIP: it.cfg.IP.String(), VMNatSourcePort: int32(bgpaasPortBase + i), VMIUUID: b.Interface,
			IsShared: b.Shared, PrimaryBGPPeer: peers[0], SecondaryBGPPeer: peers[1]}
		for _, h := range a.cfg.Services.HealthChecks {
			if h.UUID == b.HealthCheck && b.HealthCheck != "" {
				d.HealthCheckConfigured, d.HealthCheckUUID = true, h.UUID
				d.HealthCheckDelayUsecs, d.HealthCheckTimeoutUsecs = uint64(h.Delay)*1e6, uint64(h.Timeout)*1e6
				d.HealthCheckRetries = uint32(h.MaxRetries)
			}
		}
		resp.BGPAsAServiceList = append(resp.BGPAsAServiceList, d)
	}
	return []any{resp}
}

// mirrorVnReq answers MirrorCfgVnInfoReq: the networks of the mirrored
// interfaces, each with its mirror ACL (one entry per mirror).
func (a *Agent) mirrorVnReq(vn string) []any {
	resp := &schema.MirrorCfgVnInfoResp{VNACLInfoL: []schema.VnAclInfo{}}
	a.mu.Lock()
	defer a.mu.Unlock()
	entries := map[string]int32{}
	var order []string
	for _, m := range a.cfg.Services.Mirrors {
		it := a.ifaceByUUIDLocked(m.Interface)
		if it == nil || (vn != "" && it.cfg.Network != vn) {
			continue
		}
		if entries[it.cfg.Network] == 0 {
			order = append(order, it.cfg.Network)
		}
		entries[it.cfg.Network]++
	}
	for _, name := range order {
		info := schema.VnAclInfo{VNName: name, NumOfEntries: entries[name]}
		for _, n := range a.cfg.Networks {
			if n.FQName == name {
				info.VNUUID = n.UUID
			}
		}
		resp.VNACLInfoL = append(resp.VNACLInfoL, info)
	}
	return []any{resp}
}

// intfMirrorReq answers IntfMirrorCfgDisplayReq (handle = analyzer name).
func (a *Agent) intfMirrorReq(handle string) []any {
	resp := &schema.IntfMirrorCfgDisplayResp{ImcfgL: []schema.IntfMirrorCfgSandesh{}}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, m := range a.cfg.Services.Mirrors {
		it := a.ifaceByUUIDLocked(m.Interface)
		if it == nil || (handle != "" && handle != m.Analyzer) {
			continue
		}
		resp.ImcfgL = append(resp.ImcfgL, schema.IntfMirrorCfgSandesh{Handle: m.Analyzer, IntfUUID: m.Interface, IntfName: it.name,
			IP: m.AnalyzerIP.String(), UDPPort: int32(m.Port), MirrorVrf: it.vrf})
	}
	return []any{resp}
}

// netServiceListing is the listing of a PageReq cookie on the tables
// above (false: not one of them).
func (a *Agent) netServiceListing(k pageKey) (listing, bool) {
	switch k.table {
	case "db.healthcheck.0":
		return a.healthCheckListing(k.get("uuid")), true
	case "db.service-instance.0":
		return a.serviceInstanceListing(k.get("name")), true
	}
	return listing{}, false
}
