package doctor

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/collect"
)

// majorityASN is the ASN most control nodes run with ("" without a strict
// majority).
func majorityASN(v *View) string {
	freq := map[string]int{}
	known := 0
	for _, c := range v.Controls {
		if c.ASN != "" {
			freq[c.ASN]++
			known++
		}
	}
	for asn, n := range freq {
		if 2*n > known {
			return asn
		}
	}
	return ""
}

func findASNMismatch(v *View, _ *Options) []Hit {
	major := majorityASN(v)
	var hits []Hit
	for _, c := range v.Controls {
		if c.ASN == "" || c.ASN == major {
			continue
		}
		other := major
		if other == "" { // no majority: name what the others run with
			var seen []string
			for _, o := range v.Controls {
				if o != c && o.ASN != "" && o.ASN != c.ASN && !slices.Contains(seen, o.ASN) {
					seen = append(seen, o.ASN)
				}
			}
			if len(seen) == 0 {
				continue
			}
			other = strings.Join(seen, ", ")
		}
		ev := []Evidence{{Value: "local_asn=" + c.ASN, URL: c.NeighborsURL}}
		for _, p := range c.BGP {
			if o := v.ControlAt(p.Address); o != nil && o.ASN != "" && o.ASN != c.ASN {
				ev = append(ev, Evidence{Value: fmt.Sprintf("%s: local_asn=%s, its neighbor %s is %s", o.Node.Name, o.ASN, c.Node.Name, p.State), URL: o.NeighborsURL})
				break
			}
		}
		hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"asn": c.ASN, "majority": other}, Evidence: ev})
	}
	return hits
}

func findRouterIDCollision(v *View, _ *Options) []Hit {
	byID := map[string][]*Control{}
	for _, c := range v.Controls {
		if c.RouterID != "" {
			byID[c.RouterID] = append(byID[c.RouterID], c)
		}
	}
	var hits []Hit
	for _, c := range v.Controls {
		group := byID[c.RouterID]
		if len(group) < 2 {
			continue
		}
		var others []string
		for _, o := range group {
			if o != c {
				others = append(others, o.Node.Name)
			}
		}
		hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"router_id": c.RouterID, "others": strings.Join(others, ", ")},
			Evidence: []Evidence{{Value: "local_id=" + c.RouterID + " local_address=" + c.Address, URL: c.NeighborsURL}}})
	}
	return hits
}

// skewEdge is one session whose two ends both recorded when it came up:
// off = a's clock - b's clock for that same moment.
type skewEdge struct {
	a, b       *collect.Node
	kind       string // BGP or XMPP
	atA, atB   time.Time
	urlA, urlB string
}

func (e skewEdge) off() time.Duration { return e.atA.Sub(e.atB) }

func (e skewEdge) evidence() []Evidence {
	return []Evidence{
		{Value: fmt.Sprintf("%s: %s session with %s Established at %s", e.a.Name, e.kind, e.b.Name, stamp(e.atA)), URL: e.urlA},
		{Value: fmt.Sprintf("%s: %s session with %s Established at %s", e.b.Name, e.kind, e.a.Name, stamp(e.atB)), URL: e.urlB}}
}

// sessionEdges pairs both ends of every Established BGP session between
// control nodes and every Established agent XMPP session.
func sessionEdges(v *View) []skewEdge {
	var edges []skewEdge
	for _, c := range v.Controls {
		for _, p := range c.BGP {
			o := v.ControlAt(p.Address)
			if o == nil || p.State != "Established" || p.LastStateAt.IsZero() || c.Address >= o.Address {
				continue // each pair once
			}
			for _, q := range o.BGP {
				if q.Address == c.Address && q.State == "Established" && !q.LastStateAt.IsZero() {
					edges = append(edges, skewEdge{c.Node, o.Node, "BGP", p.LastStateAt, q.LastStateAt, c.NeighborsURL, o.NeighborsURL})
				}
			}
		}
	}
	for _, r := range v.VRouters {
		for _, s := range r.Sessions {
			c := v.ControlAt(s.ControllerIP)
			if c == nil || s.State != "Established" || s.LastStateAt.IsZero() {
				continue
			}
			if p := c.XMPPPeer(r.Node.Name); p != nil && p.State == "Established" && !p.LastStateAt.IsZero() {
				edges = append(edges, skewEdge{r.Node, c.Node, "XMPP", s.LastStateAt, p.LastStateAt, r.XMPPURL, c.NeighborsURL})
			}
		}
	}
	return edges
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000") }

// findClockSkew: both ends of a session record when it came up, each in
// its own clock. A node whose clock is off disagrees with most of its
// peers (its peers each disagree with it only); flag a node with at least
// two such sessions, most of them off by more than the threshold.
func findClockSkew(v *View, o *Options) []Hit {
	type side struct {
		offs  []time.Duration
		bad   int
		first *skewEdge // the first session off by more than the threshold
	}
	sides := map[*collect.Node]*side{}
	get := func(n *collect.Node) *side {
		if sides[n] == nil {
			sides[n] = &side{}
		}
		return sides[n]
	}
	edges := sessionEdges(v)
	for i := range edges {
		e := &edges[i]
		off := e.off()
		for j, n := range []*collect.Node{e.a, e.b} {
			if j == 1 {
				off = -off
			}
			s := get(n)
			s.offs = append(s.offs, off)
			if abs(off) > o.SkewThreshold {
				s.bad++
				if s.first == nil {
					s.first = e
				}
			}
		}
	}
	var hits []Hit
	for _, n := range v.Col.Nodes {
		s := sides[n]
		if s == nil || len(s.offs) < 2 || 2*s.bad <= len(s.offs) {
			continue
		}
		med := median(s.offs)
		dir := "ahead of"
		if med < 0 {
			dir = "behind"
		}
		hits = append(hits, Hit{Node: n, Vars: map[string]string{"offset": abs(med).Round(100 * time.Millisecond).String(),
			"direction": dir, "sessions": strconv.Itoa(len(s.offs))}, Evidence: s.first.evidence()})
	}
	return hits
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
