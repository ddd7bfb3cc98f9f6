package control

import (
	"bytes"
	"net/netip"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/refnode/work"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// The XMPP side of the RIB out, as contrail-control's RibOut does it: a
// route change is noted once, and each subscribed agent's sender sends the
// route's state at the time it sends, so a route that changes five times
// while an agent is busy costs that agent one item, and a slow agent
// delays nobody else. A sender goroutine runs only while an agent has
// something to send.
//
// A change is noted once per table, not once per agent: each VRF inet and
// inet6 table keeps a log of changed prefixes, and each subscribed agent a
// position in it. The first version marked every change on every
// subscribed agent (a map insert per agent and change: a quarter of the
// 980-agent run's CPU, and 300 MB of maps).

// itemsPerMessage caps the items of one XMPP update message.
const itemsPerMessage = 64

// itemsPerTake caps what a sender takes at once: the rest waits in the
// log (or the table, for an initial sync), so a thousand senders blocked
// on slow agents hold a few messages each, not whole tables (140 MB of
// item lists in the 980 run).
const itemsPerTake = 8 * itemsPerMessage

// fullSync is an agent's position in a table it is getting whole (the
// initial sync; agent.synced says up to which prefix), not a part of the
// log.
const fullSync = -1

// change is one logged change of a prefix; stale once the prefix changed
// again later in the log (the later entry stands for both).
type change struct {
	prefix string
	stale  bool
}

// changeLog is a table's log of changed prefixes; positions count from
// the table's first change, entries before base are gone.
type changeLog struct {
	base    int
	entries []*change
	latest  map[string]*change // the entry standing for each prefix
	trimAt  int                // log length at which to drop what every subscriber has read
}

func (l *changeLog) end() int { return l.base + len(l.entries) }

func (l *changeLog) add(prefix string) {
	if l.latest == nil {
		l.latest = map[string]*change{}
	}
	if c := l.latest[prefix]; c != nil {
		c.stale = true
	}
	c := &change{prefix: prefix}
	l.latest[prefix] = c
	l.entries = append(l.entries, c)
}

// trim drops the entries before position pos (read by every subscriber).
func (l *changeLog) trim(pos int) {
	n := min(max(pos-l.base, 0), len(l.entries))
	for _, c := range l.entries[:n] {
		if !c.stale {
			delete(l.latest, c.prefix)
		}
	}
	l.entries = slices.Delete(l.entries, 0, n)
	l.base += n
	l.trimAt = max(2*len(l.entries), 1024)
}

// isAgentTable tells the tables agents get routes from: VRF inet and inet6.
func isAgentTable(t *table) bool {
	return t.instance != MasterInstance &&
		(strings.HasSuffix(t.name, ".inet.0") || strings.HasSuffix(t.name, ".inet6.0"))
}

// subscribeLocked makes a's sender send every route of instance's inet and
// inet6 tables, then their changes.
func (n *Node) subscribeLocked(a *agent, instance string) {
	for _, fam := range []string{".inet.0", ".inet6.0"} {
		if t := n.rib.tables[instance+fam]; t != nil {
			if a.pos == nil {
				a.pos = map[*table]int{}
			}
			a.pos[t] = fullSync
			delete(a.synced, t)
			if t.subs == nil {
				t.subs = map[*agent]struct{}{}
			}
			t.subs[a] = struct{}{}
		}
	}
	n.kickLocked(a)
}

// unsubscribeLocked stops sending instance's routes to a (all instances'
// when instance is "").
func (n *Node) unsubscribeLocked(a *agent, instance string) {
	for t := range a.pos {
		if instance == "" || t.instance == instance {
			delete(a.pos, t)
			delete(a.synced, t)
			delete(t.subs, a)
		}
	}
}

func (n *Node) kickLocked(a *agent) {
	if a.sending {
		return
	}
	a.sending = true
	n.senders.Add(1)
	go n.send(a)
}

// endOfRib sends the End-of-RIB to a after what is due for it.
func (n *Node) endOfRib(a *agent) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.agents[a.peer] != a {
		return
	}
	a.eorDue = true
	n.kickLocked(a)
}

// sentState is what a route looked like to agents when its change was
// last logged: its item, the agent it is not sent to, whether it had one.
type sentState struct {
	logged bool
	ok     bool
	owner  string
	item   xmpp.EncodedItem
}

// unchangedLocked tells whether rt looks to agents as it did when last
// logged, and records how it looks now. A pod's route that gains its
// second path (from the second control node) keeps the same item: one
// next hop, the same attributes; logging it again sent every route to
// every agent twice.
func (n *Node) unchangedLocked(rt *route) bool {
	item, owner, ok := n.encodedItem(rt)
	s := &rt.sent
	if s.logged && s.ok == ok && s.owner == owner && bytes.Equal(s.item, item) {
		return true
	}
	*s = sentState{logged: true, ok: ok, owner: owner, item: item}
	return false
}

// fanoutLocked logs the changed VRF inet and inet6 routes whose item (or
// the agent it is not sent to) changed, and wakes the subscribed agents'
// senders.
func (n *Node) fanoutLocked(ch []changed) {
	var last *table
	for _, c := range ch {
		t := n.rib.tables[c.table]
		if t == nil || !isAgentTable(t) {
			continue
		}
		if rt := t.routes[c.prefix]; rt != nil && n.unchangedLocked(rt) {
			continue
		}
		t.log.add(c.prefix)
		if len(t.log.entries) >= t.log.trimAt {
			n.trimLocked(t)
		}
		if t == last {
			continue
		}
		last = t
		for a := range t.subs {
			n.kickLocked(a)
		}
	}
}

// trimLocked drops the part of t's log every subscriber has read.
func (n *Node) trimLocked(t *table) {
	pos := t.log.end()
	for a := range t.subs {
		switch p := a.pos[t]; {
		case p != fullSync:
			pos = min(pos, p)
		case a.synced[t] != nil: // reads the log from there after its sync
			pos = min(pos, a.synced[t].logPos)
		}
	}
	t.log.trim(pos)
}

// pendingLocked tells whether a has routes due.
func (a *agent) pendingLocked() bool {
	for t, p := range a.pos {
		if p != t.log.end() {
			return true
		}
	}
	return false
}

// outMessage is one update message to send: items for one instance.
type outMessage struct {
	instance string
	items    []xmpp.EncodedItem
}

// send is an agent's sender: it takes what is due, sends it outside the
// node's lock, and ends when nothing is left or the agent is gone.
func (n *Node) send(a *agent) {
	defer n.senders.Done()
	for {
		work.Begin(work.Send) // building the messages is route work; writing is not
		n.mu.Lock()
		gone := n.agents[a.peer] != a
		if gone || (!a.pendingLocked() && !a.eorDue) {
			a.sending = false
			if gone {
				a.eorDue = false
			}
			n.mu.Unlock()
			work.End()
			return
		}
		msgs := n.takeLocked(a)
		eor := a.eorDue && !a.pendingLocked()
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

// takeLocked turns what is due for a into messages, at most itemsPerTake
// items: each route's item as agents get it now, or its retract when it is
// gone, or when the only best paths are the agent's own (it does not get
// its route back). A table being synced gives its routes that have an
// item, in prefix order, from where the last take stopped; the log of a
// table is read in order of change once its sync is done (the changes
// during the sync are in it). Tables go by name, so runs are reproducible.
func (n *Node) takeLocked(a *agent) []outMessage {
	tables := make([]*table, 0, len(a.pos))
	for t := range a.pos {
		tables = append(tables, t)
	}
	slices.SortFunc(tables, func(x, y *table) int { return strings.Compare(x.name, y.name) })
	var msgs []outMessage
	add := func(t *table, it xmpp.EncodedItem) {
		if l := len(msgs); l == 0 || msgs[l-1].instance != t.instance || len(msgs[l-1].items) == itemsPerMessage {
			msgs = append(msgs, outMessage{instance: t.instance})
		}
		m := &msgs[len(msgs)-1]
		m.items = append(m.items, it)
	}
	budget := itemsPerTake
	for _, t := range tables {
		if budget == 0 {
			break
		}
		if a.pos[t] == fullSync {
			budget = n.syncLocked(a, t, budget, add)
			continue
		}
		p, end := a.pos[t], t.log.end()
		entries := t.log.entries[max(p-t.log.base, 0) : end-t.log.base]
		var prefixes []string
		read := 0
		for _, c := range entries {
			if len(prefixes) == budget {
				break
			}
			read++
			if !c.stale {
				prefixes = append(prefixes, c.prefix)
			}
		}
		a.pos[t] = p + read
		budget -= len(prefixes)
		slices.Sort(prefixes)
		for _, pfx := range prefixes {
			if it := n.itemFor(a, t, pfx, false); it != nil {
				add(t, it)
			}
		}
	}
	return msgs
}

// syncLocked takes up to budget routes of t's initial sync to a (those
// after the last prefix taken, in order), and returns what is left of the
// budget. Once all are taken, a reads t's log from where it stood when
// the sync began.
func (n *Node) syncLocked(a *agent, t *table, budget int, add func(*table, xmpp.EncodedItem)) int {
	s := a.synced[t]
	if s == nil {
		s = &syncState{logPos: t.log.end()}
		if a.synced == nil {
			a.synced = map[*table]*syncState{}
		}
		a.synced[t] = s
	}
	// The next prefixes in order, from the table's sorted list: nothing
	// kept per agent while a thousand agents sync at once.
	next := t.sortedPrefixes()
	if s.started {
		i, found := slices.BinarySearch(next, s.after)
		if found {
			i++
		}
		next = next[i:]
	}
	if len(next) > budget {
		next = next[:budget]
	} else {
		a.pos[t] = s.logPos
		delete(a.synced, t)
	}
	for _, pfx := range next {
		s.after, s.started = pfx, true
		if it := n.itemFor(a, t, pfx, true); it != nil {
			add(t, it)
		}
		budget--
	}
	return budget
}

// syncState is where an agent's initial sync of a table stands.
type syncState struct {
	after   string // the last prefix taken
	started bool
	logPos  int // the log's end when the sync began
}

// itemFor is what a gets for prefix of t: the route's item, or a retract
// (nil with onlyRoutes, for an initial sync).
func (n *Node) itemFor(a *agent, t *table, prefix string, onlyRoutes bool) xmpp.EncodedItem {
	if rt := t.routes[prefix]; rt != nil {
		if item, owner, ok := n.encodedItem(rt); ok && owner != a.name {
			return item
		}
	}
	if onlyRoutes {
		return nil
	}
	pfx, err := netip.ParsePrefix(prefix)
	if err != nil {
		return nil
	}
	return xmpp.EncodeRetract(pfx)
}
