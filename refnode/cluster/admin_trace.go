package cluster

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// The datapath part of the admin API:
//
//	POST   /v1/faults/{kind}?target=&pod=&protocol=&port=&capacity=&ipv6=1  apply (answer {"ok":true,"detail":…})
//	DELETE /v1/faults/{kind}?…                                              undo
//	POST   /v1/send?src=&dst=&proto=&sport=&dport=&count=&ipv6=1             answer: SendResult
//
// Bad arguments answer 400, unknown names 404, a refusal (node not
// running, nothing to undo) 409.
func (c *Cluster) datapathRoutes(mux *http.ServeMux) {
	fault := func(clear bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			a := FaultArgs{Target: q.Get("target"), Pod: q.Get("pod"), Protocol: q.Get("protocol"), IPv6: q.Get("ipv6") == "1"}
			var err error
			if a.Port, err = intArg(q, "port"); err == nil {
				a.Capacity, err = intArg(q, "capacity")
			}
			if err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
				return
			}
			detail, err := c.Fault(r.PathValue("kind"), a, clear)
			if err != nil {
				replyDatapath(w, err)
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"ok": true, "detail": detail})
		}
	}
	mux.HandleFunc("POST /v1/faults/{kind}", fault(false))
	mux.HandleFunc("DELETE /v1/faults/{kind}", fault(true))
	mux.HandleFunc("POST /v1/send", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		a := SendArgs{Src: q.Get("src"), Dst: q.Get("dst"), Proto: q.Get("proto"), IPv6: q.Get("ipv6") == "1"}
		var err error
		for _, f := range []struct {
			name string
			dst  *int
		}{{"sport", &a.Sport}, {"dport", &a.Dport}, {"count", &a.Count}} {
			if *f.dst, err = intArg(q, f.name); err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
				return
			}
		}
		res, err := c.Send(a)
		if err != nil {
			replyDatapath(w, err)
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
}

func intArg(q url.Values, name string) (int, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: give a number", name, s)
	}
	return n, nil
}

func replyDatapath(w http.ResponseWriter, err error) {
	if errors.Is(err, errBadArg) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	reply(w, err)
}

// Fault applies (or with clear, undoes) a datapath fault; it returns what
// changed.
func (c *Client) Fault(ctx context.Context, kind string, a FaultArgs, clear bool) (string, error) {
	q := url.Values{}
	for k, v := range map[string]string{"target": a.Target, "pod": a.Pod, "protocol": a.Protocol} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if a.Port != 0 {
		q.Set("port", strconv.Itoa(a.Port))
	}
	if a.Capacity != 0 {
		q.Set("capacity", strconv.Itoa(a.Capacity))
	}
	if a.IPv6 {
		q.Set("ipv6", "1")
	}
	method := http.MethodPost
	if clear {
		method = http.MethodDelete
	}
	var out struct{ Detail string }
	err := c.do(ctx, method, "/v1/faults/"+url.PathEscape(kind)+"?"+q.Encode(), &out)
	return out.Detail, err
}

// Send sends simulated packets through the cluster.
func (c *Client) Send(ctx context.Context, a SendArgs) (*SendResult, error) {
	q := url.Values{"src": {a.Src}, "dst": {a.Dst}, "proto": {a.Proto}}
	for k, v := range map[string]int{"sport": a.Sport, "dport": a.Dport, "count": a.Count} {
		if v != 0 {
			q.Set(k, strconv.Itoa(v))
		}
	}
	if a.IPv6 {
		q.Set("ipv6", "1")
	}
	var res SendResult
	if err := c.do(ctx, http.MethodPost, "/v1/send?"+q.Encode(), &res); err != nil {
		return nil, err
	}
	return &res, nil
}
