package control

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// handlerFunc answers one request from its fields in declaration order
// (strings; bools as "1"/""; numbers in decimal) with response parts.
type handlerFunc func(args []string) []any

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

func argBool(args []string, i int) bool { return argUint(args, i) != 0 }

func argUint(args []string, i int) uint64 {
	v, _ := strconv.ParseUint(arg(args, i), 10, 64)
	return v
}

// fieldArgs turns a decoded request into handler arguments.
func fieldArgs(v any) []string {
	rv := reflect.ValueOf(v).Elem()
	out := make([]string, rv.NumField())
	for i := range out {
		f := rv.Field(i)
		switch f.Kind() {
		case reflect.String:
			out[i] = f.String()
		case reflect.Bool:
			if f.Bool() {
				out[i] = "1"
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			out[i] = strconv.FormatInt(f.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			out[i] = strconv.FormatUint(f.Uint(), 10)
		}
	}
	return out
}

// reg registers request type R (module = its .sandesh file) with the
// handler of the same name.
func reg[R any](s *sandesh.Server, module string, hs map[string]handlerFunc) {
	name := sandesh.ElementName(new(R))
	h := hs[name]
	if h == nil {
		panic(fmt.Sprintf("control: no handler for %s", name))
	}
	sandesh.Handle(s, module, func(r *R) []any { return h(fieldArgs(r)) })
}

// newIntrospect builds the contrail-control persona of sandesh.Server
// with every request the node answers (a fresh one per Start: a closed
// sandesh.Server does not serve again).
func (n *Node) newIntrospect() *sandesh.Server {
	s := sandesh.NewServer(moduleID)
	h := n.introspectRoutes()
	reg[schema.BgpNeighborReq](s, "bgp_peer", h)
	reg[schema.BgpNeighborReqIterate](s, "bgp_peer", h)
	reg[schema.ShowBgpNeighborSummaryReq](s, "bgp_peer", h)
	reg[schema.ShowBgpNeighborSummaryReqIterate](s, "bgp_peer", h)
	reg[schema.ShowRoutingInstanceSummaryReq](s, "bgp_peer", h)
	reg[schema.ShowRoutingInstanceSummaryReqIterate](s, "bgp_peer", h)
	reg[schema.ShowRouteReq](s, "bgp_peer", h)
	reg[schema.ShowRouteReqIterate](s, "bgp_peer", h)
	reg[schema.ShowRouteSummaryReq](s, "bgp_peer", h)
	reg[schema.ShowRouteSummaryReqIterate](s, "bgp_peer", h)
	reg[schema.ShowRoutingInstanceReq](s, "bgp_peer", h)
	reg[schema.ShowRoutingInstanceReqIterate](s, "bgp_peer", h)
	reg[schema.ShowBgpServerReq](s, "bgp_peer", h)
	reg[schema.ShowMulticastManagerReq](s, "bgp_peer", h)
	reg[schema.ShowMulticastManagerReqIterate](s, "bgp_peer", h)
	reg[schema.ShowMulticastManagerDetailReq](s, "bgp_peer_internal", h)
	reg[schema.ShowRtGroupReq](s, "bgp_peer", h)
	reg[schema.ShowRtGroupReqIterate](s, "bgp_peer", h)
	reg[schema.ShowRtGroupSummaryReq](s, "bgp_peer", h)
	reg[schema.ShowRtGroupSummaryReqIterate](s, "bgp_peer", h)
	reg[schema.ShowBgpNeighborConfigReq](s, "bgp_peer", h)
	reg[schema.ShowBgpNeighborConfigReqIterate](s, "bgp_peer", h)
	reg[schema.ShowBgpInstanceConfigReq](s, "bgp_peer", h)
	reg[schema.ShowBgpInstanceConfigReqIterate](s, "bgp_peer", h)
	reg[schema.ShowStaticRouteReq](s, "static_route", h)
	reg[schema.ShowServiceChainReq](s, "service_chaining", h)
	reg[schema.ShowRouteAggregateReq](s, "route_aggregate", h)
	reg[schema.IFMapTableShowReq](s, "ifmap_server_show", h)
	reg[schema.IFMapTableShowReqIterate](s, "ifmap_server_show", h)
	reg[schema.IFMapNodeTableListShowReq](s, "ifmap_server_show", h)
	reg[schema.ShowXmppConnectionReq](s, "xmpp_server", h)
	reg[schema.ShowXmppServerReq](s, "xmpp_server", h)
	reg[schema.SandeshUVECacheReq](s, "sandesh_uve", h)
	reg[schema.SandeshUVETypesReq](s, "sandesh_uve", h)
	reg[schema.CpuLoadInfoReq](s, "cpuinfo", h)
	reg[schema.SandeshTraceBufferListRequest](s, "sandesh_trace", h)
	reg[schema.SandeshTraceRequest](s, "sandesh_trace", h)
	regIFMap(s, h)
	return s
}
