// Package fakeintrospect writes the few introspect answers the stand-in
// daemon and the status tests serve (NodeStatus, ConfigApiWorker), in the
// shapes of spec §5.3.1. refnode serves the real thing; this is for tests
// that need a daemon in a chosen state (hung, Non-Functional, multi-worker).
package fakeintrospect

import (
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

const prolog = `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>`

const trailer = `<SandeshUVECacheResp type="sandesh"><returned type="u32" identifier="1">%d</returned><period type="i32" identifier="2">0</period><more type="bool" identifier="0">false</more></SandeshUVECacheResp>`

// NodeStatusXML is a NodeStatus UVE cache answer for one process, written
// by the model's encoder (introspect/sandesh + schema) as refnode does.
func NodeStatusXML(module, state, description string) string {
	collector := "Established"
	ps := schema.ProcessStatus{ModuleID: module, InstanceID: "0", State: state,
		ConnectionInfos: []schema.ConnectionInfo{{Type: "Collector", ServerAddrs: []string{"127.0.0.1:8086"}, Status: "Up", Description: &collector}}}
	if description != "" {
		ps.Description = &description
	}
	period := int32(0)
	b, err := sandesh.MarshalParts(
		sandesh.UVE("ObjectBgpRouter", &schema.NodeStatusUVE{Data: schema.NodeStatus{Name: "standin", ProcessStatus: []schema.ProcessStatus{ps}}}),
		&schema.SandeshUVECacheResp{Returned: 1, Period: &period})
	if err != nil {
		panic("fakeintrospect: " + err.Error()) // the schema types are fixed: a bug, not input
	}
	return string(b)
}

// ConfigAPIWorkersXML lists config API workers, each with its own
// introspect port (worker i gets ports[i]).
func ConfigAPIWorkersXML(ports ...int) string {
	var b strings.Builder
	b.WriteString(prolog + `<__ConfigApiWorkerTrace_list type="slist">`)
	for i, p := range ports {
		fmt.Fprintf(&b, `<ConfigApiWorkerTrace type="sandesh"><data type="struct" identifier="1"><ConfigApiWorker>`+
			`<name type="string" identifier="1" key="none">worker-%d</name><worker_id type="string" identifier="2">%d</worker_id>`+
			`<introspect_port type="string" identifier="3">%d</introspect_port><admin_port type="string" identifier="4">0</admin_port>`+
			`<introspect_url type="string" identifier="5">http://127.0.0.1:%d</introspect_url></ConfigApiWorker></data></ConfigApiWorkerTrace>`, i, i, p, p)
	}
	b.WriteString(fmt.Sprintf(trailer, len(ports)) + `</__ConfigApiWorkerTrace_list>`)
	return b.String()
}

// Handler answers Snh_SandeshUVECacheReq?x=<type> from a map type → body
// (404 for anything else).
func Handler(bodies map[string]string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/Snh_SandeshUVECacheReq" {
			http.NotFound(w, r)
			return
		}
		x := r.URL.Query().Get("x")
		if x == "" {
			x = r.URL.Query().Get("tname")
		}
		body, ok := bodies[x]
		if !ok {
			body = prolog + fmt.Sprintf(trailer, 0)
		}
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprint(w, body)
	})
}

// Hang accepts connections on ln and holds them open, never reading or
// writing: a daemon that is stuck.
func Hang(ln net.Listener) {
	var held []net.Conn
	for {
		c, err := ln.Accept()
		if err != nil {
			for _, c := range held {
				c.Close()
			}
			return
		}
		held = append(held, c)
	}
}

// Escape is the C++ Sandesh writer's escaping (spec §2.6).
func Escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&apos;").Replace(s)
}
