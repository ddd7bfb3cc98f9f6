package control

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/refnode/xmpp"
)

// ribOutNode is a node with the test networks' tables and no sessions, for
// driving the RIB out by hand.
func ribOutNode(t *testing.T) (*Node, *table) {
	t.Helper()
	cfg, err := Config{Name: "ctl", Address: netip.MustParseAddr("127.0.91.200"), Networks: testNets}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	n := &Node{cfg: cfg, rib: newRIB(cfg), agents: map[*xmpp.ServerPeer]*agent{}}
	return n, n.rib.tables[podRI+".inet.0"]
}

// publish puts a path for prefix from source into the pod table (BGP-like,
// so no agent owns it) and fans it out.
func publish(n *Node, prefix, nextHop string, label uint32) {
	a := &attrs{protocol: protoBGP, source: "peer", nextHop: netip.MustParseAddr(nextHop), label: label,
		localPref: 100, encaps: []string{"udp"}, originVN: podFQ}
	ch := n.rib.addPrimary(&primary{key: "b|" + prefix, table: podRI + ".inet.0", prefix: prefix, a: a}, "", prefix, time.Now())
	n.fanoutLocked(ch)
}

func itemsText(msgs []outMessage) []string {
	var out []string
	for _, m := range msgs {
		for _, it := range m.items {
			out = append(out, string(it))
		}
	}
	return out
}

// TestRibOutCoalesces: an agent subscribed to a table gets every route
// once on its first take, then only the routes changed since, each once
// however often it changed, in its state at take time; a removed route
// is a retract.
func TestRibOutCoalesces(t *testing.T) {
	n, pod := ribOutNode(t)
	publish(n, "10.0.0.1/32", "192.0.2.1", 16)
	publish(n, "10.0.0.2/32", "192.0.2.2", 17)
	a := &agent{name: "vrouter-1", subs: map[string]int{}}
	n.agents[nil] = a
	n.pos(a, podRI)

	first := itemsText(n.takeLocked(a))
	if len(first) != 2 || !strings.Contains(first[0], "10.0.0.1/32") || !strings.Contains(first[1], "10.0.0.2/32") {
		t.Fatalf("initial sync: %d items %q, want 10.0.0.1/32 then 10.0.0.2/32", len(first), first)
	}
	if a.pendingLocked() {
		t.Fatal("pending after the initial sync")
	}
	for label := uint32(20); label < 25; label++ { // five changes of one route
		publish(n, "10.0.0.1/32", "192.0.2.1", label)
	}
	n.rib.removePrimary("b|10.0.0.2/32", time.Now())
	n.fanoutLocked([]changed{{pod.name, "10.0.0.2/32"}})
	if !a.pendingLocked() {
		t.Fatal("nothing pending after changes")
	}
	got := itemsText(n.takeLocked(a))
	if len(got) != 2 {
		t.Fatalf("after 5 changes and a removal: %d items %q, want 2", len(got), got)
	}
	if !strings.Contains(got[0], "10.0.0.1/32") || !strings.Contains(got[0], "<label>24</label>") {
		t.Errorf("changed route: %q, want 10.0.0.1/32 with its last label 24", got[0])
	}
	if !strings.Contains(got[1], "10.0.0.2/32") || !strings.Contains(got[1], "retract") {
		t.Errorf("removed route: %q, want a retract of 10.0.0.2/32", got[1])
	}
	if len(n.takeLocked(a)) != 0 {
		t.Error("items on a take with nothing changed")
	}
}

// pos subscribes a by hand (what Subscribe does under the lock).
func (n *Node) pos(a *agent, instance string) {
	a.subs[instance] = 1
	a.sending = true // no sender goroutine: the test takes by hand
	n.subscribeLocked(a, instance)
}

// TestRibOutLogTrimmed: the log keeps only what a subscriber has not read,
// and a table nobody reads keeps none of it for long.
func TestRibOutLogTrimmed(t *testing.T) {
	n, pod := ribOutNode(t)
	a := &agent{name: "vrouter-1", subs: map[string]int{}}
	n.agents[nil] = a
	n.pos(a, podRI)
	n.takeLocked(a)
	for i := range 3000 {
		publish(n, "10.1.0.0/16", "192.0.2.1", uint32(16+i%5))
	}
	if l := len(pod.log.entries); l < 1024 {
		t.Fatalf("log of an unread table holds %d entries, want the 3000 changes kept until read (>= 1024)", l)
	}
	if got := itemsText(n.takeLocked(a)); len(got) != 1 {
		t.Fatalf("3000 changes of one route gave %d items, want 1", len(got))
	}
	read := pod.log.end()
	// Trimming is lazy (when the log has doubled since the last trim):
	// these changes cross that point, and what was read goes.
	for i := 0; pod.log.base < read && i < 10000; i++ {
		publish(n, "10.1.0.0/16", "192.0.2.1", uint32(30+i%5))
	}
	publish(n, "10.1.0.0/16", "192.0.2.1", 99)
	if pod.log.base != read {
		t.Errorf("log starts at %d after the subscriber read up to %d, want the read part dropped (and no more)", pod.log.base, read)
	}
	if len(pod.log.latest) > len(pod.log.entries) {
		t.Errorf("latest has %d prefixes for %d entries", len(pod.log.latest), len(pod.log.entries))
	}
	if got := itemsText(n.takeLocked(a)); len(got) != 1 || !strings.Contains(got[0], "<label>99</label>") {
		t.Errorf("after trimming: %q, want the route with label 99", got)
	}
	n.unsubscribeLocked(a, "")
	if len(pod.subs) != 0 || len(a.pos) != 0 {
		t.Errorf("after unsubscribe: table has %d subscribers, agent %d positions", len(pod.subs), len(a.pos))
	}
}

// TestRibOutTakesBounded: a sender takes at most itemsPerTake items at
// once; an initial sync goes on where it stopped, in prefix order, and the
// changes made meanwhile (also to routes it already sent) come after it,
// even when the log was trimmed in between.
func TestRibOutTakesBounded(t *testing.T) {
	n, pod := ribOutNode(t)
	const routes = itemsPerTake + 100
	prefix := func(i int) string {
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 2, byte(i >> 8), byte(i)}), 32).String()
	}
	for i := range routes {
		publish(n, prefix(i), "192.0.2.1", 16)
	}
	a := &agent{name: "vrouter-1", subs: map[string]int{}}
	n.agents[nil] = a
	n.pos(a, podRI)
	first := itemsText(n.takeLocked(a))
	if len(first) != itemsPerTake {
		t.Fatalf("first take: %d items, want %d", len(first), itemsPerTake)
	}
	// Meanwhile: a route already sent changes, then another route changes
	// often enough for the log to be trimmed.
	sent := itemPrefix(first[0])
	publish(n, sent, "192.0.2.1", 77)
	for i := range 3000 {
		publish(n, "10.3.0.0/16", "192.0.2.1", uint32(16+i%3))
	}
	if pod.log.base == 0 {
		t.Fatal("the log was not trimmed during the sync; the test needs it trimmed")
	}
	var rest []string
	for a.pendingLocked() {
		got := itemsText(n.takeLocked(a))
		if len(got) > itemsPerTake {
			t.Fatalf("a take of %d items, want at most %d", len(got), itemsPerTake)
		}
		rest = append(rest, got...)
	}
	seen := map[string]bool{}
	for _, it := range append(first, rest...) {
		if p := itemPrefix(it); strings.HasPrefix(p, "10.2.") {
			seen[p] = true
		}
	}
	if len(seen) != routes {
		t.Errorf("got %d distinct routes of the table, want %d", len(seen), routes)
	}
	last := ""
	for _, it := range rest {
		if itemPrefix(it) == sent {
			last = it
		}
	}
	if !strings.Contains(last, "<label>77</label>") {
		t.Errorf("the change of %s made during the sync was not sent after it (last item %q)", sent, last)
	}
}

// itemPrefix is the id (prefix) of an encoded item or retract.
func itemPrefix(it string) string {
	_, rest, _ := strings.Cut(it, `id="`)
	p, _, _ := strings.Cut(rest, `"`)
	return p
}

// TestRibOutSameItemNotResent: a route that gains a second path with the
// same next hop and label (a pod's route from its second control node)
// looks the same to agents and is not sent again; a path that changes the
// item is.
func TestRibOutSameItemNotResent(t *testing.T) {
	n, _ := ribOutNode(t)
	path := func(key, source string, label uint32) {
		a := &attrs{protocol: protoBGP, source: source, nextHop: netip.MustParseAddr("192.0.2.1"), label: label,
			localPref: 100, encaps: []string{"udp"}, originVN: podFQ}
		n.fanoutLocked(n.rib.addPrimary(&primary{key: key, table: podRI + ".inet.0", prefix: "10.0.0.1/32", a: a}, "", "10.0.0.1/32", time.Now()))
	}
	path("b|1", "127.0.1.1", 16)
	a := &agent{name: "vrouter-1", subs: map[string]int{}}
	n.agents[nil] = a
	n.pos(a, podRI)
	if got := itemsText(n.takeLocked(a)); len(got) != 1 {
		t.Fatalf("initial sync: %q, want one item", got)
	}
	path("b|2", "127.0.1.2", 16)
	if a.pendingLocked() {
		t.Errorf("a second path with the same next hop and label was logged as a change: %q", itemsText(n.takeLocked(a)))
	}
	path("b|2", "127.0.1.2", 17) // now two next hops (ECMP): a new item
	if got := itemsText(n.takeLocked(a)); len(got) != 1 || !strings.Contains(got[0], "<label>17</label>") {
		t.Errorf("after a path with another label: %q, want the item with both labels", got)
	}
}
