package control

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/refnode/work"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// The XMPP side of the RIB out, as contrail-control's RibOut does it: a
// route change marks the route on every subscribed agent, and the agent's
// sender sends the route's state at the time it sends, so a route that
// changes five times while an agent is busy costs that agent one item, and
// a slow agent delays nobody else. A sender goroutine runs only while an
// agent has something queued.

// itemsPerMessage caps the items of one XMPP update message.
const itemsPerMessage = 64

// outKey is one route of one VRF inet or inet6 table waiting to be sent.
// Both go in the instance's messages with the inet node, as before.
type outKey struct {
	table  *table
	prefix string
}

// queueLocked marks a route of table t for agent a and starts a's sender
// if it is not running.
func (n *Node) queueLocked(a *agent, t *table, prefix string) {
	if a.out == nil {
		a.out = map[outKey]struct{}{}
	}
	a.out[outKey{t, prefix}] = struct{}{}
	n.kickLocked(a)
}

func (n *Node) kickLocked(a *agent) {
	if a.sending {
		return
	}
	a.sending = true
	n.senders.Add(1)
	go n.send(a)
}

// endOfRib sends the End-of-RIB to a after what is queued for it.
func (n *Node) endOfRib(a *agent) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.agents[a.peer] != a {
		return
	}
	a.eorDue = true
	n.kickLocked(a)
}

// fanoutLocked queues the changed VRF inet and inet6 routes on the
// subscribed agents.
func (n *Node) fanoutLocked(ch []changed) {
	for _, c := range ch {
		t := n.rib.tables[c.table]
		if t == nil || t.instance == MasterInstance ||
			!(strings.HasSuffix(c.table, ".inet.0") || strings.HasSuffix(c.table, ".inet6.0")) {
			continue
		}
		for _, a := range n.agents {
			if _, ok := a.subs[t.instance]; ok {
				n.queueLocked(a, t, c.prefix)
			}
		}
	}
}

// outMessage is one update message to send: items for one instance.
type outMessage struct {
	instance string
	items    []xmpp.EncodedItem
}

// send is an agent's sender: it takes what is queued, sends it outside the
// node's lock, and ends when nothing is left or the agent is gone.
func (n *Node) send(a *agent) {
	defer n.senders.Done()
	for {
		work.Begin(work.Send) // building the messages is route work; writing is not
		n.mu.Lock()
		gone := n.agents[a.peer] != a
		if gone || (len(a.out) == 0 && !a.eorDue) {
			a.sending = false
			if gone {
				a.out, a.eorDue = nil, false
			}
			n.mu.Unlock()
			work.End()
			return
		}
		msgs := n.takeLocked(a)
		eor := a.eorDue && len(a.out) == 0
		a.eorDue = a.eorDue && !eor
		n.mu.Unlock()
		work.End()
		for _, m := range msgs {
			if a.peer.SendUpdate(m.instance, xmpp.FamilyInet, m.items) != nil {
				break // the session is closing: PeerDown follows
			}
		}
		if eor {
			_ = a.peer.SendEndOfRib()
		}
	}
}

// takeLocked turns what is queued for a into messages: each route's item
// as agents get it now, or its retract when it is gone, or when the only
// best paths are the agent's own (it does not get its route back). Routes
// of instances the agent left are dropped; the order is by table and
// prefix, so runs are reproducible.
func (n *Node) takeLocked(a *agent) []outMessage {
	keys := make([]outKey, 0, len(a.out))
	for k := range a.out {
		keys = append(keys, k)
	}
	clear(a.out)
	slices.SortFunc(keys, func(x, y outKey) int {
		if x.table != y.table {
			return strings.Compare(x.table.name, y.table.name)
		}
		return strings.Compare(x.prefix, y.prefix)
	})
	var msgs []outMessage
	for _, k := range keys {
		t := k.table
		if _, ok := a.subs[t.instance]; !ok {
			continue
		}
		var it xmpp.EncodedItem
		if rt := t.routes[k.prefix]; rt != nil {
			if item, owner, ok := n.encodedItem(rt); ok && owner != a.name {
				it = item
			}
		}
		if it == nil {
			pfx, err := netip.ParsePrefix(k.prefix)
			if err != nil {
				continue
			}
			it = xmpp.EncodeRetract(pfx)
		}
		if l := len(msgs); l == 0 || msgs[l-1].instance != t.instance || len(msgs[l-1].items) == itemsPerMessage {
			msgs = append(msgs, outMessage{instance: t.instance})
		}
		m := &msgs[len(msgs)-1]
		m.items = append(m.items, it)
	}
	return msgs
}
