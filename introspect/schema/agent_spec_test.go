package schema

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// specField is one row of a field table of the spec (§5): what a field's
// element must look like on the wire.
type specField struct {
	id, name, typ string
	attrs         map[string]string // annotation attributes (link, …)
}

var (
	specTypeRe  = regexp.MustCompile("^\\*\\*`(\\w+)` \\((struct|request sandesh|response sandesh)")
	specRowRe   = regexp.MustCompile("^\\| (-?\\d+) \\| (?:★ )?`(\\w+)` \\| (\\w+) \\| ([^|]*)\\|")
	specAttrsRe = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

// specTables reads every field table of the spec, by type name; it skips
// the test when the spec (outside the repository) is absent.
func specTables(t *testing.T) map[string][]specField {
	t.Helper()
	// The spec sits beside the real samples: ../shared/spec.
	f, err := os.Open(filepath.Join(filepath.Dir(realdata.Dir()), "spec", "introspect.md"))
	if err != nil {
		t.Skipf("spec not available: %v", err)
	}
	defer f.Close()
	tables := map[string][]specField{}
	cur := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := specTypeRe.FindStringSubmatch(line); m != nil {
			cur = m[1]
			tables[cur] = nil
			continue
		}
		if strings.HasPrefix(line, "#") {
			cur = ""
			continue
		}
		m := specRowRe.FindStringSubmatch(line)
		if cur == "" || m == nil || m[2] == "more" {
			continue
		}
		sf := specField{id: m[1], name: m[2], typ: m[3], attrs: map[string]string{}}
		if _, attrs, ok := strings.Cut(m[4], "attrs:"); ok {
			for _, a := range specAttrsRe.FindAllStringSubmatch(attrs, -1) {
				sf.attrs[a[1]] = a[2]
			}
		}
		tables[cur] = append(tables[cur], sf)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return tables
}

// filled returns a *T with every field set (one element per list, a
// non-zero value per scalar), so optional fields are written too.
func filled(t reflect.Type, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	fill(v, depth)
	return v.Addr()
}

func fill(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Pointer:
		v.Set(filled(v.Type().Elem(), depth+1))
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
}

// agentSchemaTypes are the agent's types (requests, responses, structs).
var agentSchemaTypes = []any{
	// agent_itf.go
	ItfReq{}, ItfResp{}, ItfSandeshData{}, FloatingIpSandeshList{}, SandeshPortMapping{}, ServiceVlanSandeshList{},
	VmIntfSgUuid{}, StaticRouteSandesh{}, AliasIpSandeshList{}, VmIntfBridgeDomainUuid{}, VmiTagData{},
	ApplicationPolicySetLink{}, SecurityLoggingObjectLink{}, BondInterface{}, LearntMacIpSandeshList{},
	// agent_route.go
	VnListReq{}, VnListResp{}, VnSandeshData{}, VnIpamData{}, VnIpamHostRoutes{}, MulticastPolicyLink{},
	VrfListReq{}, VrfListResp{}, VrfSandeshData{}, Inet4UcRouteReq{}, Inet4UcRouteResp{}, Inet6UcRouteResp{},
	RouteUcSandeshData{}, PathSandeshData{}, PathPreferenceSandeshData{}, NhSandeshData{}, McastData{},
	FabricCompositeData{}, L2CompositeData{}, L3CompositeData{}, MulticastCompositeData{}, Layer2RouteReq{},
	Layer2RouteResp{}, BridgeRouteResp{}, RouteL2SandeshData{}, EvpnRouteResp{}, RouteEvpnSandeshData{},
	NhListReq{}, NhListResp{}, MplsReq{}, MplsResp{}, MplsSandeshData{},
	// agent_misc.go
	VmListReq{}, VmListResp{}, VmSandeshData{}, VmSgUuid{}, SgListResp{}, SgSandeshData{}, AclResp{},
	AclSandeshData{}, AclEntrySandeshData{}, SandeshRange{}, ActionStr{}, KInterfaceReq{}, KInterfaceResp{},
	KInterfaceInfo{}, BondMemberIntfInfo{}, AgentXmppConnectionStatus{}, AgentXmppData{}, ControllerProtoStats{},
	ControllerEndOfRibStats{}, ControllerEndOfRibTxStats{}, ControllerEndOfRibRxStats{}, ConfigStats{},
	ControllerEndOfConfigStats{}, ConfigCleanupStats{}, VxLanReq{}, VxLanResp{}, VxLanSandeshData{},
	AgentDnsXmppConnectionStatus{}, AgentXmppDnsData{},
	// agent_stats.go
	IpcStatsResp{}, PktTrapStatsResp{}, FlowStatsResp{}, XmppStatsResp{}, XmppStatsInfo{}, SandeshStatsResp{},
	SessionEndpointExportStatsResp{},
	// agent_oper.go
	VxLanConfigReq{}, VxLanConfigResp{}, VxLanConfigEntry{}, MirrorCfgVnInfoReq{}, MirrorCfgVnInfoResp{},
	VnAclInfo{}, IntfMirrorCfgDisplayReq{}, IntfMirrorCfgDisplayResp{}, IntfMirrorCfgSandesh{},
	MirrorCfgDisplayReq{}, MirrorCfgDisplayResp{}, MirrorCfgSandesh{}, MirrorEntryReq{}, MirrorEntryResp{},
	MirrorEntrySandeshData{}, VrfAssignReq{}, VrfAssignResp{}, VrfAssignSandeshData{}, LinkLocalServiceResponse{},
	LinkLocalServiceData{}, HealthCheckSandeshReq{}, HealthCheckSandeshResp{}, HealthCheckSandeshData{},
	HealthCheckInstanceSandeshData{}, BgpAsAServiceSandeshReq{}, BgpAsAServiceSandeshResp{},
	BgpAsAServiceSandeshList{}, ServiceInstanceReq{}, ServiceInstanceResp{}, ServiceInstanceSandeshData{},
	NamespaceStateSandeshData{},
	// common paging
	PageReq{}, Pagination{}, PageReqData{}, ErrorResp{},
}

// TestAgentTypesMatchSpec encodes every agent type the spec (§5.2)
// documents, with every field set, and compares each field element with
// the spec's table: name, order, type= and identifier, and annotation
// attributes (link=…).
func TestAgentTypesMatchSpec(t *testing.T) {
	spec := specTables(t)
	compared := 0
	for _, zero := range agentSchemaTypes {
		v := filled(reflect.TypeOf(zero), 0).Interface()
		name := sandesh.ElementName(v)
		rows, ok := spec[name]
		if !ok {
			continue
		}
		compared++
		n, err := sandesh.ParseBytes(sandesh.AppendStruct(nil, v))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(n.Children) != len(rows) {
			t.Errorf("%s: %d fields, spec has %d", name, len(n.Children), len(rows))
		}
		for i := 0; i < len(rows) && i < len(n.Children); i++ {
			c, r := n.Children[i], rows[i]
			if c.Name != r.name || c.Attr("type") != r.typ || c.Attr("identifier") != r.id {
				t.Errorf("%s field %d: <%s type=%q identifier=%q>, spec <%s type=%q identifier=%q>",
					name, i, c.Name, c.Attr("type"), c.Attr("identifier"), r.name, r.typ, r.id)
				continue
			}
			got := map[string]string{}
			for _, a := range c.Attrs {
				if a.Name != "type" && a.Name != "identifier" {
					got[a.Name] = a.Value
				}
			}
			if !reflect.DeepEqual(got, r.attrs) {
				t.Errorf("%s.%s: attributes %v, spec %v", name, r.name, got, r.attrs)
			}
		}
	}
	t.Logf("%d agent types compared with the spec", compared)
	if compared < 60 {
		t.Fatalf("only %d agent types found in the spec's tables; the spec parser is broken", compared)
	}
}
