package cluster

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"net/netip"
	"strconv"
	"time"
)

// DefaultAdminAddr is where `refnode up` serves the admin API.
const DefaultAdminAddr = "127.0.0.1:9880"

// Handler serves the admin API:
//
//	POST /v1/nodes/{n}/stop|start|pause|resume
//	POST /v1/sessions/{a}/{b}/cut|partition|heal|flap[?count=3&interval=2s]
//	POST /v1/nodes/{n}/interfaces/… and /v1/nodes/{n}/connections/… (admin_doctor.go)
//	GET  /v1/state
//	POST|DELETE /v1/faults/{kind}?target=&pod=&protocol=&port=&capacity=&ipv6=  (admin_trace.go)
//	POST /v1/send?src=&dst=&proto=&sport=&dport=&count=&ipv6=
//
// Answers are JSON; errors are {"error": "..."} with 404 for unknown
// names or operations, 409 for a node or session in the wrong state, 400
// for bad parameters.
func (c *Cluster) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/state", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, c.State())
	})
	mux.HandleFunc("POST /v1/nodes/{n}/{op}", func(w http.ResponseWriter, r *http.Request) {
		err := c.NodeOp(r.Context(), r.PathValue("n"), r.PathValue("op"))
		reply(w, err)
	})
	mux.HandleFunc("POST /v1/sessions/{a}/{b}/{op}", func(w http.ResponseWriter, r *http.Request) {
		fo, err := flapOptions(r)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		reply(w, c.SessionOp(r.PathValue("a"), r.PathValue("b"), r.PathValue("op"), fo))
	})
	c.datapathRoutes(mux)
	c.handleDoctorFaults(mux)
	return mux
}

func flapOptions(r *http.Request) (FlapOptions, error) {
	var fo FlapOptions
	q := r.URL.Query()
	if s := q.Get("count"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return fo, fmt.Errorf("count=%q: give a number of cuts >= 1", s)
		}
		fo.Count = n
	}
	if s := q.Get("interval"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return fo, fmt.Errorf("interval=%q: give a duration such as 2s", s)
		}
		fo.Interval = d
	}
	return fo, nil
}

func reply(w http.ResponseWriter, err error) {
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case errors.Is(err, ErrUnknown):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
	case errors.Is(err, ErrState):
		writeJSON(w, http.StatusConflict, map[string]string{"error": err.Error()})
	default:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// AdminOption adds to what ServeAdmin serves.
type AdminOption func(*http.ServeMux)

// WithProfiling serves Go's runtime profiles under /debug/pprof/ beside the
// admin API (`refnode up --pprof`): heap, goroutine, allocs and a CPU
// profile over ?seconds=N, for the scale bench and for finding where a
// large cluster spends memory and CPU. The admin address is loopback only.
func WithProfiling() AdminOption {
	return func(mux *http.ServeMux) {
		mux.HandleFunc("GET /debug/pprof/", pprof.Index)
		mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	}
}

// ServeAdmin listens on addr (a loopback address; port 0 picks one) and
// serves the admin API until the returned server is closed. It returns the
// address actually bound.
func (c *Cluster) ServeAdmin(addr string, opts ...AdminOption) (*http.Server, string, error) {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil || !ap.Addr().IsLoopback() {
		return nil, "", fmt.Errorf("admin address %q: give a loopback address and port such as %s", addr, DefaultAdminAddr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("admin API (%s): %w: is another refnode running? use --admin to pick another address", addr, err)
	}
	h := c.Handler()
	if len(opts) > 0 {
		mux := http.NewServeMux()
		mux.Handle("/", h)
		for _, o := range opts {
			o(mux)
		}
		h = mux
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, ln.Addr().String(), nil
}
