package agent

import (
	"errors"
	"sort"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// The oper requests of ist.py `vr` beyond the main tables: VXLAN config,
// mirroring, VRF assignment, link-local services, health checks,
// BGP-as-a-service and service instances (oper/agent.sandesh). Health
// checks, BGPaaS, service instances and the mirror configuration come
// from Config.Services (netservices.go); the mirror table and VLAN
// sub-interfaces answer with their real shape and no entries.

// emptyTables are agent DB tables refnode never fills: the filter key the
// real agent's Pagination cookie carries (FilterToArgs) and an empty
// response part of the table's type.
var emptyTables = map[string]struct {
	key  string
	part func() any
}{
	"db.mirror_table.0": {"analyzer_name", func() any { return &schema.MirrorEntryResp{MirrorEntryList: []schema.MirrorEntrySandeshData{}} }},
	"db.vrf_assign.0":   {"name", func() any { return &schema.VrfAssignResp{VrfAssignList: []schema.VrfAssignSandeshData{}} }},
}

// emptyListing is the (empty) listing of one of emptyTables, with the
// request's filter value kept in the cookies.
func emptyListing(table, value string) listing {
	e := emptyTables[table]
	return listing{table: table, filters: []filter{{e.key, value}}, part: func(lo, hi int) any { return e.part() }}
}

// emptyTable answers a list request on one of emptyTables: an empty part
// and Pagination, as the agent answers for an empty DB table.
func emptyTable(table, value string) []any { return firstPage(emptyListing(table, value)) }

func (a *Agent) registerOper(srv *sandesh.Server) {
	sandesh.Handle(srv, "agent", func(r *schema.SgListReq) []any { return firstPage(a.sgListing(r.Name)) })
	sandesh.Handle(srv, "agent", func(r *schema.AclReq) []any { return firstPage(a.aclListing(r.UUID)) })
	sandesh.Handle(srv, "agent", func(r *schema.MirrorEntryReq) []any { return emptyTable("db.mirror_table.0", r.AnalyzerName) })
	sandesh.Handle(srv, "agent", func(r *schema.VrfAssignReq) []any { return emptyTable("db.vrf_assign.0", r.UUID) })
	sandesh.Handle(srv, "agent", func(r *schema.HealthCheckSandeshReq) []any { return firstPage(a.healthCheckListing(r.UUID)) })
	sandesh.Handle(srv, "agent", func(r *schema.ServiceInstanceReq) []any { return firstPage(a.serviceInstanceListing(r.UUID)) })
	// Config-side mirror tables and BGPaaS answer one response, no paging.
	sandesh.Handle(srv, "agent", func(r *schema.MirrorCfgDisplayReq) []any {
		return []any{&schema.MirrorCfgDisplayResp{McfgL: []schema.MirrorCfgSandesh{}}}
	})
	sandesh.Handle(srv, "agent", func(r *schema.MirrorCfgVnInfoReq) []any { return a.mirrorVnReq(r.VNName) })
	sandesh.Handle(srv, "agent", func(r *schema.IntfMirrorCfgDisplayReq) []any { return a.intfMirrorReq(r.Handle) })
	sandesh.Handle(srv, "agent", func(r *schema.BgpAsAServiceSandeshReq) []any { return a.bgpaasReq(r.VMIUUID) })
	sandesh.Handle(srv, "agent", func(r *schema.VxLanConfigReq) []any { return a.vxlanConfigReq(r) })
	sandesh.Handle(srv, "agent", func(r *schema.LinkLocalServiceInfo) []any { return a.linkLocalReq() })
}

// vxlanConfigReq answers VxLanConfigReq from the VXLAN config tree: one
// active entry per VN VRF (the same VNIs VxLanReq lists), ordered by
// (vxlan id, VN uuid) like the agent's tree. Filters as the agent's:
// vxlan_id 0 = any; vn is a uuid (unparsable = any); active true/yes/active
// or false/no/inactive.
func (a *Agent) vxlanConfigReq(r *schema.VxLanConfigReq) []any {
	vnFilter := ""
	if u, ok := parseUUID(r.VN); ok && u != zeroUUID {
		vnFilter = u
	}
	var want *bool
	switch r.Active {
	case "true", "yes", "active":
		want = new(bool)
		*want = true
	case "false", "no", "inactive":
		want = new(bool)
	}
	a.mu.Lock()
	rows := []schema.VxLanConfigEntry{}
	for _, v := range a.t.vrfs {
		if v.vxlanNH == nil {
			continue
		}
		u := zeroUUID
		if id, ok := parseUUID(v.net.UUID); ok {
			u = id
		}
		e := schema.VxLanConfigEntry{VxlanID: uint32(v.vxlan), VNUUID: u, Vrf: v.name, Active: true}
		if (r.VxlanID != 0 && r.VxlanID != e.VxlanID) || (vnFilter != "" && vnFilter != u) || (want != nil && *want != e.Active) {
			continue
		}
		rows = append(rows, e)
	}
	a.mu.Unlock()
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].VxlanID != rows[j].VxlanID {
			return rows[i].VxlanID < rows[j].VxlanID
		}
		return rows[i].VNUUID < rows[j].VNUUID
	})
	return []any{&schema.VxLanConfigResp{VxlanConfigEntries: rows}}
}

// parseUUID returns the canonical (lower-case) text of a UUID, as
// boost's StringToUuid + UuidToString would.
func parseUUID(s string) (string, bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return "", false
	}
	b := []byte(s)
	for i, c := range b {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			b[i] = c + 'a' - 'A'
		default:
			return "", false
		}
	}
	return string(b), true
}

// linkLocalReq answers LinkLocalServiceInfo from Config.LinkLocalServices,
// in the agent's map order (service IP, then port).
func (a *Agent) linkLocalReq() []any {
	svcs := append([]LinkLocalService(nil), a.cfg.LinkLocalServices...)
	sort.SliceStable(svcs, func(i, j int) bool {
		if c := svcs[i].IP.Compare(svcs[j].IP); c != 0 {
			return c < 0
		}
		return svcs[i].Port < svcs[j].Port
	})
	rows := []schema.LinkLocalServiceData{}
	for _, s := range svcs {
		d := schema.LinkLocalServiceData{LinklocalServiceName: s.Name, LinklocalServiceIP: s.IP.String(),
			LinklocalServicePort: int32(s.Port), IpfabricDNSName: s.FabricDNSName, IpfabricIP: []string{}, IpfabricPort: int32(s.FabricPort)}
		for _, ip := range s.FabricIPs {
			d.IpfabricIP = append(d.IpfabricIP, ip.String())
		}
		rows = append(rows, d)
	}
	return []any{&schema.LinkLocalServiceResponse{ServiceList: rows}}
}

// checkLinkLocal says what is missing from a configured link-local service.
func checkLinkLocal(s LinkLocalService) error {
	switch {
	case s.Name == "":
		return errors.New("no name: set LinkLocalService.Name")
	case !s.IP.IsValid() || s.Port <= 0 || s.Port > 65535:
		return errors.New("no service address or port: set IP and Port (1-65535)")
	case s.FabricDNSName == "" && len(s.FabricIPs) == 0:
		return errors.New("no fabric service: set FabricDNSName or FabricIPs")
	case s.FabricPort <= 0 || s.FabricPort > 65535:
		return errors.New("no fabric port: set FabricPort (1-65535)")
	}
	for _, ip := range s.FabricIPs {
		if !ip.IsValid() {
			return errors.New("invalid address in FabricIPs")
		}
	}
	return nil
}
