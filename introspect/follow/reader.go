package follow

import (
	"context"
	"errors"
	"net/netip"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
)

// Reader reads one daemon's introspect the way a walk does (ist's client:
// TLS, proxy, timeout, continuations; records decoded into the
// introspect/schema types). ist trace uses it for the checks around a
// walk.
type Reader struct{ a *agent }

// NewReader returns a reader of the introspect at host (a name, address,
// host:port or URL) with cfg's transport; cfg.Hosts is ignored.
func NewReader(cfg client.Config, host string) (*Reader, error) {
	cfg.Hosts = []string{host}
	cl, err := client.New(cfg)
	if err != nil {
		return nil, err
	}
	return &Reader{a: &agent{cl: cl, target: cl.Targets()[0]}}, nil
}

// Addr names the introspect in messages (host:port, https:// when TLS).
func (r *Reader) Addr() string { return r.a.Addr() }

// Fetch runs one request (a path made with client.Path) and decodes every
// element named rec into a new T. An agent ErrorResp answer is an error
// IsRefused recognises.
func Fetch[T any](ctx context.Context, r *Reader, path, rec string) ([]*T, error) {
	return fetch[T](ctx, r.a, path, rec)
}

// IsRefused reports whether err is an agent's ErrorResp answer.
func IsRefused(err error) bool {
	var e errAgentRefused
	return errors.As(err, &e)
}

// Lookup is the agent's longest match for addr in VRF id, or nil.
func (r *Reader) Lookup(ctx context.Context, id int32, addr netip.Addr) (*schema.RouteUcSandeshData, error) {
	return r.a.lookup(ctx, id, addr)
}

// Interface returns the agent interface named name, or nil.
func (r *Reader) Interface(ctx context.Context, name string) (*schema.ItfSandeshData, error) {
	return r.a.itf(ctx, name)
}

// Label returns the agent's entry for MPLS label l, or nil.
func (r *Reader) Label(ctx context.Context, l int32) (*schema.MplsSandeshData, error) {
	return r.a.label(ctx, l)
}

// VRF returns the VRF whose name is name, or nil.
func (r *Reader) VRF(ctx context.Context, name string) (*schema.VrfSandeshData, error) {
	recs, err := r.a.vrfs(ctx, name)
	return pick(recs, err, func(v *schema.VrfSandeshData) bool { return v.Name == name })
}

// Nodes runs one request and returns every element named in names, in
// document order (for answers of several part types, fetched once).
func (r *Reader) Nodes(ctx context.Context, path string, names ...string) ([]*sandesh.Node, error) {
	var out []*sandesh.Node
	err := r.a.cl.Stream(ctx, r.a.target, client.Request{Path: path, Names: names}, func(n *sandesh.Node) error {
		out = append(out, n)
		return nil
	})
	return out, err
}
