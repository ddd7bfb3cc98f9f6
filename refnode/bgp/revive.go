package bgp

import (
	"context"
	"net/netip"
	"time"

	api "github.com/osrg/gobgp/v4/api"
)

// Two GoBGP v4.8.0 FSM traits make a refnode peer look and behave unlike
// contrail-control's, and both are cured by re-creating the neighbor
// (DeletePeer + AddPeer): a fresh FSM has no idle hold, goes to Active at
// once and dials (or waits for the peer) as contrail-control does.
//
//   - After a session fails GoBGP stays Idle for a fixed 5 s (fsm.go
//     holdtimeIdle; only an administrative reset shortens it), whatever the
//     timer scale, and refuses connections meanwhile. contrail-control
//     stays Idle for its idle hold (5 s, scaled) and then shows Active while
//     its connect timer runs. So a peer still Idle after the scaled idle
//     hold is re-created.
//   - OpenConfirm has no hold timer before a session was ever Established
//     (the negotiated hold time is computed on entering Established), so a
//     peer whose OPEN exchange went wrong waits there forever. A peer still
//     in OpenConfirm after the hold time is re-created, as contrail-control's
//     hold timer would have closed it.
//
// GoBGP's message counters start again with the new neighbor; base keeps
// the old ones so the introspect counts across sessions, as contrail-control
// does until the peer is cleared.

// watchdog arms the re-creation for a peer that entered state at at.
func (g *GoBGP) watchdog(addr netip.Addr, state string, at time.Time) {
	var d time.Duration
	switch state {
	case StateIdle:
		d = g.cfg.IdleHold
		if d <= 0 {
			d = 5 * time.Second
		}
	case StateOpenConfirm:
		d = time.Duration(secs(g.cfg.Hold, 3)) * time.Second
	default:
		return
	}
	time.AfterFunc(d, func() { g.revive(addr, state, at) })
}

// revive re-creates the neighbor at addr if it is still in the state it
// entered at at, administratively up, and the speaker is open.
func (g *GoBGP) revive(addr netip.Addr, state string, at time.Time) {
	pc, ok := g.peerConfig(addr)
	if !ok {
		return
	}
	g.reviveMu.Lock()
	defer g.reviveMu.Unlock()
	g.mu.Lock()
	skip := g.closed || g.admin[addr]
	g.mu.Unlock()
	h := g.hist.snapshot(addr.String())
	if skip || h.state != state || !h.lastStateAt.Equal(at) {
		return
	}
	ctx := context.Background()
	var rx, tx MsgCounters
	_ = g.srv.ListPeer(ctx, &api.ListPeerRequest{Address: addr.String()}, func(p *api.Peer) {
		if p.State != nil && p.State.Messages != nil {
			rx, tx = counters(p.State.Messages.Received), counters(p.State.Messages.Sent)
		}
	})
	if err := g.srv.DeletePeer(ctx, &api.DeletePeerRequest{Address: addr.String()}); err != nil {
		return
	}
	g.mu.Lock()
	b := g.base[addr]
	b[0], b[1] = b[0].add(rx), b[1].add(tx)
	g.base[addr] = b
	g.mu.Unlock()
	if err := g.srv.AddPeer(ctx, g.peerRequest(pc)); err != nil {
		g.cfg.Logger.Error("bgp: re-create neighbor", "peer", addr, "err", err)
	}
}

func (m MsgCounters) add(o MsgCounters) MsgCounters {
	return MsgCounters{Total: m.Total + o.Total, Open: m.Open + o.Open, Keepalive: m.Keepalive + o.Keepalive,
		Notification: m.Notification + o.Notification, Update: m.Update + o.Update, Close: m.Close + o.Close}
}
