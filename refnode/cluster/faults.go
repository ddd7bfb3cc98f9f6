package cluster

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tfkit/tfkit/refnode/topo"
)

// Node operations accepted by NodeOp.
var NodeOps = []string{"stop", "start", "pause", "resume"}

// Session operations accepted by SessionOp.
var SessionOps = []string{"cut", "partition", "heal", "flap"}

// NodeOp runs stop, start, pause or resume on a node and logs it.
func (c *Cluster) NodeOp(ctx context.Context, id, op string) error {
	m, err := c.member(id)
	if err != nil {
		return err
	}
	err = c.nodeOp(ctx, m, op)
	c.events.add(op, id, "", err)
	return err
}

// StopNode, StartNode, PauseNode and ResumeNode are NodeOp for Go callers.
func (c *Cluster) StopNode(id string) error   { return c.NodeOp(context.Background(), id, "stop") }
func (c *Cluster) StartNode(id string) error  { return c.NodeOp(context.Background(), id, "start") }
func (c *Cluster) PauseNode(id string) error  { return c.NodeOp(context.Background(), id, "pause") }
func (c *Cluster) ResumeNode(id string) error { return c.NodeOp(context.Background(), id, "resume") }

// Cut, Partition and Heal are SessionOp for Go callers.
func (c *Cluster) Cut(a, b string) error       { return c.SessionOp(a, b, "cut", FlapOptions{}) }
func (c *Cluster) Partition(a, b string) error { return c.SessionOp(a, b, "partition", FlapOptions{}) }
func (c *Cluster) Heal(a, b string) error      { return c.SessionOp(a, b, "heal", FlapOptions{}) }

func (c *Cluster) nodeOp(ctx context.Context, m *member, op string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	want := map[string][]string{"stop": {StateRunning, StatePaused}, "start": {StateStopped},
		"pause": {StateRunning}, "resume": {StatePaused}}[op]
	if want == nil {
		return fmt.Errorf("%w operation %q: use one of %v", ErrUnknown, op, NodeOps)
	}
	ok := false
	for _, s := range want {
		ok = ok || s == m.state
	}
	if !ok {
		return fmt.Errorf("%w: %s is %s, %s needs it %s", ErrState, m.svc.ID(), m.state, op, want[0])
	}
	var err error
	next := StateRunning
	switch op {
	case "stop":
		if m.state == StatePaused {
			_ = m.node.Resume()
		}
		err, next = m.node.Stop(), StateStopped
	case "start":
		err = m.node.Start(ctx)
	case "pause":
		err, next = m.node.Pause(), StatePaused
	case "resume":
		err = m.node.Resume()
	}
	if err != nil {
		return err
	}
	m.state, m.since = next, time.Now()
	return nil
}

// sessionEnds checks that a and b can have a session and returns them with
// the control node first for XMPP sessions.
func (c *Cluster) sessionEnds(a, b string) (x, y *member, kind string, err error) {
	if x, err = c.member(a); err != nil {
		return
	}
	if y, err = c.member(b); err != nil {
		return
	}
	ra, rb := x.svc.Role, y.svc.Role
	switch {
	case ra == topo.RoleControl && rb == topo.RoleControl && a != b:
		return x, y, "bgp", nil
	case ra == topo.RoleControl && rb == topo.RoleVRouter:
		return x, y, "xmpp", nil
	case ra == topo.RoleVRouter && rb == topo.RoleControl:
		return y, x, "xmpp", nil
	case ra == topo.RoleDNS && rb == topo.RoleVRouter:
		return x, y, "dns-xmpp", nil
	case ra == topo.RoleVRouter && rb == topo.RoleDNS:
		return y, x, "dns-xmpp", nil
	}
	return nil, nil, "", fmt.Errorf("%w session %s/%s: sessions run between two control nodes (BGP), a control node and a vRouter (XMPP), or a dns@<control> and a vRouter (DNS XMPP)", ErrUnknown, a, b)
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// FlapOptions shape a flap: Count cuts Interval apart.
type FlapOptions struct {
	Count    int
	Interval time.Duration
}

// SessionOp runs cut, partition, heal or flap on the session between two
// nodes and logs it. A flap runs in the background; each of its cuts is
// logged too.
func (c *Cluster) SessionOp(id1, id2, op string, fo FlapOptions) error {
	target := id1 + "/" + id2
	ctl, other, kind, err := c.sessionEnds(id1, id2)
	if err == nil {
		err = c.sessionOp(ctl, other, kind, op, fo)
	}
	detail := kind
	if op == "flap" && err == nil {
		detail = fmt.Sprintf("%s, %d cuts every %s", kind, fo.Count, fo.Interval)
	}
	c.events.add(op, target, detail, err)
	return err
}

func (c *Cluster) sessionOp(ctl, other *member, kind, op string, fo FlapOptions) error {
	key := pairKey(ctl.svc.ID(), other.svc.ID())
	switch op {
	case "cut":
		return c.cut(ctl, other, kind)
	case "partition":
		if err := c.block(ctl, other, kind, true); err != nil {
			return err
		}
		c.mu.Lock()
		c.partitioned[key] = true
		c.mu.Unlock()
		// An end that refuses may have closed the session itself already;
		// then there is nothing left to cut.
		if err := c.cut(ctl, other, kind); err != nil && !errors.Is(err, ErrState) {
			return err
		}
		return nil
	case "heal":
		c.mu.Lock()
		was := c.partitioned[key]
		delete(c.partitioned, key)
		c.mu.Unlock()
		if !was {
			return fmt.Errorf("%w: %s/%s is not partitioned", ErrState, key[0], key[1])
		}
		return c.block(ctl, other, kind, false)
	case "flap":
		if fo.Count < 1 {
			fo.Count = 3
		}
		if fo.Interval <= 0 {
			fo.Interval = 2 * c.Timers.XMPPKeepalive
		}
		c.mu.Lock()
		busy := c.flapping[key]
		c.flapping[key] = true
		ctx := c.ctx
		c.mu.Unlock()
		if busy {
			return fmt.Errorf("%w: %s/%s is already flapping", ErrState, key[0], key[1])
		}
		if ctx == nil {
			ctx = context.Background()
		}
		go c.flap(ctx, ctl, other, kind, key, fo)
		return nil
	}
	return fmt.Errorf("%w operation %q: use one of %v", ErrUnknown, op, SessionOps)
}

func (c *Cluster) flap(ctx context.Context, ctl, other *member, kind string, key [2]string, fo FlapOptions) {
	defer func() {
		c.mu.Lock()
		delete(c.flapping, key)
		c.mu.Unlock()
	}()
	for i := 1; i <= fo.Count; i++ {
		err := c.cut(ctl, other, kind)
		c.events.add("cut", key[0]+"/"+key[1], fmt.Sprintf("flap %d/%d", i, fo.Count), err)
		if i == fo.Count {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(fo.Interval):
		}
	}
}

// cut closes the session from whichever end knows how.
func (c *Cluster) cut(ctl, other *member, kind string) error {
	if kind == "dns-xmpp" {
		if n, ok := other.node.(DNSCutter); ok {
			return n.CutDNS(ctl.svc.Node)
		}
	} else if kind == "bgp" {
		if n, ok := ctl.node.(BGPCutter); ok {
			return n.CutBGP(other.svc.Node)
		}
		if n, ok := other.node.(BGPCutter); ok {
			return n.CutBGP(ctl.svc.Node)
		}
	} else {
		if n, ok := ctl.node.(XMPPCutter); ok {
			return n.CutXMPP(other.svc.Node)
		}
		if n, ok := other.node.(ControlCutter); ok {
			return n.CutControl(ctl.svc.Node)
		}
	}
	return fmt.Errorf("%w: neither %s nor %s can cut a %s session in this build", ErrState, ctl.svc.ID(), other.svc.ID(), kind)
}

// block refuses (or allows again) the session at both ends that can; a
// DNS session only at the agent's end (the DNS server has no gate).
func (c *Cluster) block(x, y *member, kind string, on bool) error {
	if kind == "dns-xmpp" {
		if b, ok := y.node.(DNSBlocker); ok {
			return b.BlockDNS(x.svc.Node, on)
		}
		return fmt.Errorf("%w: %s cannot refuse DNS sessions in this build: use cut", ErrState, y.svc.ID())
	}
	done := false
	for _, p := range [][2]*member{{x, y}, {y, x}} {
		if b, ok := p[0].node.(Blocker); ok {
			if err := b.Block(p[1].svc.Node, on); err != nil {
				return err
			}
			done = true
		}
	}
	if !done {
		return fmt.Errorf("%w: neither %s nor %s can refuse sessions in this build: use cut", ErrState, x.svc.ID(), y.svc.ID())
	}
	return nil
}
