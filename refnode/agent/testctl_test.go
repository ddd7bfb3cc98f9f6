package agent

import (
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/refnode/xmpp"
)

// testControl is a minimal control node for agent tests: it reflects
// every route an agent publishes to the other agents subscribed to the
// same instance, withdraws them when the publisher goes away, and sends
// End-of-RIB after each subscribe.
type testControl struct {
	name string
	srv  *xmpp.Server
	addr netip.AddrPort // where it listens, kept for restart
	hold time.Duration

	mu     sync.Mutex
	subs   map[*xmpp.ServerPeer]map[string]bool
	routes map[string]map[netip.Prefix]ctlRoute // instance -> prefix -> route
}

type ctlRoute struct {
	owner *xmpp.ServerPeer
	r     xmpp.Route
}

func startTestControl(t testing.TB, name string, addr netip.Addr, hold time.Duration) *testControl {
	t.Helper()
	c := &testControl{name: name, subs: map[*xmpp.ServerPeer]map[string]bool{}, routes: map[string]map[netip.Prefix]ctlRoute{}}
	c.srv = xmpp.NewServer(xmpp.ServerConfig{Addr: netip.AddrPortFrom(addr, 0).String(), Hold: hold, Handler: c})
	if err := c.srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.srv.Stop)
	c.addr, c.hold = c.srv.Addr(), hold
	return c
}

// restart brings a stopped control node back on the address it had (a
// control node process restart).
func (c *testControl) restart(t testing.TB) {
	t.Helper()
	c.srv = xmpp.NewServer(xmpp.ServerConfig{Addr: c.addr.String(), Hold: c.hold, Handler: c})
	if err := c.srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.srv.Stop)
}

func (c *testControl) control() Control {
	ap := c.srv.Addr()
	return Control{Name: c.name, Address: ap.Addr(), Port: int(ap.Port())}
}

func (c *testControl) PeerUp(p *xmpp.ServerPeer) {
	c.mu.Lock()
	c.subs[p] = map[string]bool{}
	c.mu.Unlock()
}

func (c *testControl) PeerDown(p *xmpp.ServerPeer, reason string) {
	c.mu.Lock()
	delete(c.subs, p)
	type wd struct {
		inst string
		pfx  netip.Prefix
	}
	var gone []wd
	for inst, m := range c.routes {
		for pfx, r := range m {
			if r.owner == p {
				delete(m, pfx)
				gone = append(gone, wd{inst, pfx})
			}
		}
	}
	c.mu.Unlock()
	for _, g := range gone {
		c.fanout(nil, g.inst, nil, []netip.Prefix{g.pfx})
	}
}

func (c *testControl) Subscribe(p *xmpp.ServerPeer, inst string, id int) error {
	c.mu.Lock()
	c.subs[p][inst] = true
	var items []xmpp.Route
	for _, r := range c.routes[inst] {
		if r.owner != p {
			items = append(items, r.r)
		}
	}
	c.mu.Unlock()
	if len(items) > 0 {
		p.SendRoutes(inst, xmpp.FamilyInet, items, nil)
	}
	p.SendEndOfRib()
	return nil
}

func (c *testControl) Unsubscribe(p *xmpp.ServerPeer, inst string) error {
	c.mu.Lock()
	delete(c.subs[p], inst)
	c.mu.Unlock()
	return nil
}

func (c *testControl) Publish(p *xmpp.ServerPeer, inst string, r xmpp.Route) {
	c.mu.Lock()
	if c.routes[inst] == nil {
		c.routes[inst] = map[netip.Prefix]ctlRoute{}
	}
	c.routes[inst][r.Prefix] = ctlRoute{p, r}
	c.mu.Unlock()
	c.fanout(p, inst, []xmpp.Route{r}, nil)
}

func (c *testControl) Retract(p *xmpp.ServerPeer, inst string, f xmpp.Family, pfx netip.Prefix) {
	c.mu.Lock()
	delete(c.routes[inst], pfx)
	c.mu.Unlock()
	c.fanout(p, inst, nil, []netip.Prefix{pfx})
}

func (c *testControl) EndOfRib(p *xmpp.ServerPeer) {}

// fanout sends to every subscriber of inst except from.
func (c *testControl) fanout(from *xmpp.ServerPeer, inst string, items []xmpp.Route, retracts []netip.Prefix) {
	c.mu.Lock()
	var to []*xmpp.ServerPeer
	for p, s := range c.subs {
		if p != from && s[inst] {
			to = append(to, p)
		}
	}
	c.mu.Unlock()
	for _, p := range to {
		p.SendRoutes(inst, xmpp.FamilyInet, items, retracts)
	}
}

// peerNames lists the agents connected to the control node.
func (c *testControl) peerNames() map[string]bool {
	out := map[string]bool{}
	for _, p := range c.srv.Peers() {
		if p.State() == xmpp.Established {
			out[p.Name()] = true
		}
	}
	return out
}
