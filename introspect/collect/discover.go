package collect

import (
	"cmp"
	"context"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/hosts"
)

// maxRounds bounds discovery: a full mesh needs two rounds (the starting
// controls, then the controls they name); more happen only when control
// nodes are not fully meshed.
const maxRounds = 8

// discoveryFields are the fields of a neighbor record discovery reads:
// kept whatever Plan.Fields says.
var discoveryFields = []string{"peer", "peer_address", "encoding", "router_type", "local_address"}

// discover seeds the nodes from the starting hosts and the hosts file,
// then asks control nodes their neighbors, round after round, until no
// new control node appears. It fails only when no starting host answered.
func (c *Collector) discover(ctx context.Context, start []string, hf *hosts.File) error {
	if len(start) == 0 {
		return client.Usagef("give a control node with --host", "no control node to start from")
	}
	var starts []*Node
	for _, h := range start {
		t, err := c.cl.NewTarget(h, c.Port(RoleControl))
		if err != nil {
			return err
		}
		n := &Node{Name: h, Role: RoleControl, Target: t, Found: []string{"--host"}}
		if a, err := netip.ParseAddr(hostOf(t)); err == nil {
			n.Address = a.String()
		}
		if old := c.find(RoleControl, n.Address); old != nil && n.Address != "" {
			continue // the same control given twice
		}
		c.nodes = append(c.nodes, n)
		starts = append(starts, n)
	}
	// Lines with a role are nodes from the start (a control node seeds
	// discovery); lines without one say where a discovered node answers,
	// and are vRouters of their own only when nobody reports them.
	if hf != nil {
		for _, e := range hf.Entries {
			if e.Role == "" {
				continue
			}
			if err := c.addHostsEntry(hf.Name, e); err != nil {
				return err
			}
		}
	}
	asked := map[*Node]bool{}
	for range maxRounds {
		var jobs []job
		for _, n := range c.nodes {
			if n.Role == RoleControl && !asked[n] && n.failed == nil {
				asked[n] = true
				jobs = append(jobs, job{n, []Request{Neighbors()}})
			}
		}
		if len(jobs) == 0 {
			break
		}
		c.run(ctx, "discovery", jobs)
		for _, j := range jobs {
			c.learnSelf(j.node)
		}
		for _, j := range jobs {
			c.learnPeers(j.node, hf)
		}
	}
	if hf != nil {
		for _, e := range hf.Entries {
			if e.Role == "" && c.findAddr(e.Addr.String()) == nil {
				if err := c.addHostsEntry(hf.Name, e); err != nil {
					return err
				}
			}
		}
	}
	c.addColocated()
	for _, n := range starts {
		if n.Result(IDNeighbors).OK() {
			return nil
		}
	}
	return starts[0].Result(IDNeighbors).Err
}

// addColocated adds the Options.Colocated daemons of every node found
// (once per address and role).
func (c *Collector) addColocated() {
	for _, n := range slices.Clone(c.nodes) {
		if n.Address == "" {
			continue
		}
		for _, role := range c.opts.Colocated[n.Role] {
			if c.find(role, n.Address) != nil {
				continue
			}
			t, err := c.cl.NewTarget(hostOf(n.Target), c.Port(role))
			if err != nil {
				continue
			}
			c.nodes = append(c.nodes, &Node{Name: n.Name, Role: role, Address: n.Address, Target: t,
				Found: []string{"colocated:" + n.Name}, named: n.named})
		}
	}
}

// findAddr finds a node of any role by address.
func (c *Collector) findAddr(addr string) *Node {
	for _, n := range c.nodes {
		if n.Address == addr {
			return n
		}
	}
	return nil
}

// addHostsEntry adds a node of the hosts file (role from its third word,
// vr by default).
func (c *Collector) addHostsEntry(file string, e hosts.Entry) error {
	role := e.Role
	if role == "" {
		role = RoleVRouter
	}
	if _, ok := catalog.RoleByName(role); !ok {
		return client.Usagef("the third word of a hosts line is an ist role: vr, ctr, collector, cfg_api, …",
			"%s line %d: unknown role %q", file, e.Line, e.Role)
	}
	found := fmt.Sprintf("hosts:%s:%d", file, e.Line)
	if old := c.find(role, e.Addr.String()); old != nil {
		old.Found = append(old.Found, found)
		return nil
	}
	t, err := c.cl.NewTarget(e.Host, c.Port(role))
	if err != nil {
		return client.Usagef("check the host of that line", "%s line %d: %v", file, e.Line, err)
	}
	// Named by its address until its NodeStatus says better: the cluster
	// knows nodes by address.
	c.nodes = append(c.nodes, &Node{Name: e.Addr.String(), Role: role, Address: e.Addr.String(), Target: t, Found: []string{found}})
	return nil
}

// learnSelf takes a control node's own address from its neighbor list
// (every record carries local_address), merging it with a node of the
// hosts file that has that address.
func (c *Collector) learnSelf(n *Node) {
	r := n.Result(IDNeighbors)
	if !r.OK() || len(r.Records) == 0 || n.Address != "" {
		return
	}
	n.Address = r.Records[0].ChildText("local_address")
	for i, o := range c.nodes {
		if o != n && o.Role == n.Role && o.Address == n.Address && o.Result(IDNeighbors) == nil {
			n.Found = append(n.Found, o.Found...)
			c.nodes = slices.Delete(c.nodes, i, i+1)
			return
		}
	}
}

// learnPeers adds the control nodes (BGP peers of type control-node) and
// vRouter agents (XMPP peers) a control node lists.
func (c *Collector) learnPeers(from *Node, hf *hosts.File) {
	r := from.Result(IDNeighbors)
	if !r.OK() {
		return
	}
	for _, rec := range r.Records {
		name, addr := rec.ChildText("peer"), rec.ChildText("peer_address")
		var role, how string
		switch rec.ChildText("encoding") {
		case "BGP":
			if rt := rec.ChildText("router_type"); rt != "" && rt != "control-node" {
				continue // an external router (gateway): a peer, not a node to ask
			}
			role, how = RoleControl, "bgp:"+from.Name
		case "XMPP":
			role, how = RoleVRouter, "xmpp:"+from.Name
		default:
			continue
		}
		n := c.find(role, addr)
		if n == nil && addr == "" {
			n = c.findName(role, name)
		}
		if n == nil {
			if addr == "" {
				continue // a session with no address yet: nowhere to ask
			}
			host := addr
			if a, err := netip.ParseAddr(addr); err == nil {
				if e, ok := hf.Lookup(a); ok {
					host = e.Host
				}
			}
			t, err := c.cl.NewTarget(host, c.Port(role))
			if err != nil {
				continue
			}
			n = &Node{Name: name, Role: role, Address: addr, Target: t, named: name != ""}
			if name == "" {
				n.Name = addr
			}
			c.nodes = append(c.nodes, n)
		} else if !n.named && name != "" {
			n.Name, n.named = name, true
		}
		if !slices.Contains(n.Found, how) {
			n.Found = append(n.Found, how)
		}
	}
}

func (c *Collector) find(role, addr string) *Node {
	if addr == "" {
		return nil
	}
	for _, n := range c.nodes {
		if n.Role == role && n.Address == addr {
			return n
		}
	}
	return nil
}

func (c *Collector) findName(role, name string) *Node {
	for _, n := range c.nodes {
		if n.Role == role && n.Name == name {
			return n
		}
	}
	return nil
}

// hostOf is the host part of a target's address.
func hostOf(t client.Target) string {
	h, _, err := net.SplitHostPort(t.Addr)
	if err != nil {
		return t.Addr
	}
	return h
}

// roleOrder puts control nodes first, then vRouters, then the rest.
func roleOrder(r string) string {
	switch r {
	case RoleControl:
		return "0"
	case RoleVRouter:
		return "1"
	}
	return "2" + r
}

// CompareRoles orders roles as a Collection lists them: control nodes,
// vRouters, then the other roles by name.
func CompareRoles(a, b string) int { return cmp.Compare(roleOrder(a), roleOrder(b)) }

// sortNodes orders nodes by role, then by name with numbers compared as
// numbers (vrouter-2 before vrouter-10).
func sortNodes(nodes []*Node) {
	slices.SortStableFunc(nodes, func(a, b *Node) int {
		if c := CompareRoles(a.Role, b.Role); c != 0 {
			return c
		}
		return NaturalCompare(a.Name, b.Name)
	})
}

// NaturalCompare compares strings with their digit runs as numbers.
func NaturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, _ := strconv.ParseUint(a[:da], 10, 64)
			nb, _ := strconv.ParseUint(b[:db], 10, 64)
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digits(s string) int {
	return len(s) - len(strings.TrimLeft(s, "0123456789"))
}
