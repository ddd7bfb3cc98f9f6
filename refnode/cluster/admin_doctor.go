package cluster

import (
	"context"
	"net/http"
	"net/url"
)

// handleDoctorFaults adds the interface and NodeStatus connection faults
// (faults_doctor.go) to the admin API:
//
//	POST /v1/nodes/{n}/interfaces/{itf}/inactive|active|withdraw[?reason=vn-null&reason=…]
//	POST /v1/nodes/{n}/connections/{type}/Up|Down|Initializing[?name=…&description=…]
//	POST /v1/sessions/{control}/{vrouter}/forget
func (c *Cluster) handleDoctorFaults(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/sessions/{a}/{b}/forget", func(w http.ResponseWriter, r *http.Request) {
		reply(w, c.ForgetXMPP(r.PathValue("a"), r.PathValue("b")))
	})
	mux.HandleFunc("POST /v1/nodes/{n}/interfaces/{itf}/{op}", func(w http.ResponseWriter, r *http.Request) {
		reply(w, c.InterfaceOp(r.PathValue("n"), r.PathValue("itf"), r.PathValue("op"), r.URL.Query()["reason"]))
	})
	mux.HandleFunc("POST /v1/nodes/{n}/connections/{type}/{status}", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		reply(w, c.SetConnection(r.PathValue("n"), r.PathValue("type"), q.Get("name"), r.PathValue("status"), q.Get("description")))
	})
}

// InterfaceOp runs an interface fault (inactive with reasons, active,
// withdraw) on a vRouter's interface or pod.
func (c *Client) InterfaceOp(ctx context.Context, node, itf, op string, reasons []string) error {
	p := "/v1/nodes/" + url.PathEscape(node) + "/interfaces/" + url.PathEscape(itf) + "/" + url.PathEscape(op)
	if len(reasons) > 0 {
		p += "?" + url.Values{"reason": reasons}.Encode()
	}
	return c.do(ctx, http.MethodPost, p, nil)
}

// SetConnection sets a NodeStatus connection of a node (Up, Down or
// Initializing).
func (c *Client) SetConnection(ctx context.Context, node, typ, name, status, description string) error {
	p := "/v1/nodes/" + url.PathEscape(node) + "/connections/" + url.PathEscape(typ) + "/" + url.PathEscape(status)
	q := url.Values{}
	if name != "" {
		q.Set("name", name)
	}
	if description != "" {
		q.Set("description", description)
	}
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return c.do(ctx, http.MethodPost, p, nil)
}
