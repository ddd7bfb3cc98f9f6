package diff

import (
	"context"
	"time"

	"github.com/tfkit/tfkit/introspect/bundle"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Source is one side of a diff: the nodes it knows and a client that
// reads them (a bundle's replay, or the live cluster).
type Source struct {
	Name  string    // the bundle's path, or "live"
	Time  time.Time // when its state was read
	Nodes []Node
	cl    *client.Client
	close func() error
}

// Node is one daemon of a side.
type Node struct {
	Name, Role, Address string
	Target              client.Target
	Unreachable         string // why it did not answer ("" when it did)
}

// Live is the cluster now, discovered from its control nodes like ist
// doctor (hostsFile "" for none); the error is the starting hosts'
// (exit 3–6) or a usage error.
func Live(ctx context.Context, opts collect.Options, hosts []string, hostsFile string) (*Source, error) {
	hf, err := collect.ReadHostsFile(hostsFile)
	if err != nil {
		return nil, err
	}
	// The same daemons as a bundle (dns and nodemgrs beside each node);
	// their NodeStatus tells whether they answer.
	opts.Colocated = bundle.Colocated
	c, err := collect.New(opts)
	if err != nil {
		return nil, err
	}
	col, err := c.Run(ctx, hosts, hf, collect.Plan{Requests: func(n *collect.Node) []collect.Request {
		if n.Role == collect.RoleControl {
			return nil
		}
		return []collect.Request{collect.NodeStatus()}
	}})
	if err != nil {
		return nil, err
	}
	cfg := opts.Client
	// The client's own target list is not used: the nodes have theirs.
	cfg.Hosts, cfg.Port, cfg.File, cfg.Policy = []string{"localhost"}, 1, "", readonly.Check
	cl, err := client.New(cfg)
	if err != nil {
		return nil, err
	}
	s := &Source{Name: "live", Time: col.Start, cl: cl, close: func() error { return nil }}
	for _, n := range col.Nodes {
		if bundle.Absent(n) {
			continue
		}
		sn := Node{Name: n.Name, Role: n.Role, Address: n.Address, Target: n.Target}
		if u := n.Unreachable(); u != nil {
			sn.Unreachable = u.Err.What
		}
		s.Nodes = append(s.Nodes, sn)
	}
	return s, nil
}

// FromBundle is the state a bundle saved.
func FromBundle(path string) (*Source, error) {
	b, err := bundle.Open(path)
	if err != nil {
		return nil, err
	}
	cl, err := client.New(client.Config{Hosts: []string{"localhost"}, Port: 1, Policy: readonly.Check, WrapTransport: b.Replay})
	if err != nil {
		b.Close()
		return nil, err
	}
	s := &Source{Name: path, Time: b.Manifest.Created, cl: cl, close: b.Close}
	for _, n := range b.Manifest.Nodes {
		s.Nodes = append(s.Nodes, Node{Name: n.Name, Role: n.Role, Address: n.Address, Unreachable: n.Unreachable,
			Target: client.Target{Label: n.Target, Scheme: n.Scheme, Addr: n.Target}})
	}
	return s, nil
}

// Close releases the source.
func (s *Source) Close() error { return s.close() }

// stream reads the records of one request of a node; fn keeps nothing
// of a record but strings (the parser reuses the memory).
func (s *Source) stream(ctx context.Context, n Node, path string, names []string, fn func(*sandesh.Node) error) error {
	return s.cl.Stream(ctx, n.Target, client.Request{Path: path, Names: names, Transient: true}, fn)
}
