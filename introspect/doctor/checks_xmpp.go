package doctor

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// An agent keeps at most two XMPP sessions (MAX_XMPP_SERVERS).
const maxAgentSessions = 2

// Spread thresholds: a control node has "no agents" worth a finding only
// when the others carry minMeanForEmpty agents on average, and carries
// "far more than its share" above unevenFactor × mean + unevenSlack (so
// that the random spread of a small cluster stays quiet).
const (
	minMeanForEmpty = 5
	unevenFactor    = 1.5
	unevenSlack     = 2
)

// sessionEvidence is one session row as evidence; ipField names its
// server address (controller_ip, dns_controller_ip).
func sessionEvidence(ipField string, s Session, url string) Evidence {
	v := fmt.Sprintf("%s=%s state=%s flap_count=%d", ipField, s.ControllerIP, s.State, s.FlapCount)
	if !s.FlapTime.IsZero() {
		v += " flap_time=" + s.FlapTime.Format(time.RFC3339)
	}
	return Evidence{Value: v, URL: url}
}

// controlName names the control node at addr for messages.
func (v *View) controlName(addr string) string {
	if c := v.ControlAt(addr); c != nil {
		return c.Node.Name
	}
	return addr
}

func findAgentSessions(v *View, _ *Options) []Hit {
	expected := min(maxAgentSessions, len(v.Controls))
	var hits []Hit
	for _, r := range v.VRouters {
		if !r.XMPPOK {
			continue
		}
		up := r.Established()
		if up >= expected {
			continue
		}
		var parts, causes []string
		var ev []Evidence
		for _, s := range r.Sessions {
			parts = append(parts, v.controlName(s.ControllerIP)+" "+s.State)
			ev = append(ev, sessionEvidence("controller_ip", s, r.XMPPURL))
			if s.State == "Established" {
				continue
			}
			if c := v.ControlAt(s.ControllerIP); c != nil && c.Node.Unreachable() != nil {
				causes = append(causes, c.Node.Name+" does not answer introspect: it is down or hung")
			}
		}
		if len(parts) == 0 {
			parts = append(parts, "no session")
			ev = append(ev, Evidence{Value: "AgentXmppConnectionStatus lists no control node", URL: r.XMPPURL})
		}
		cause := strings.Join(causes, "; ")
		if cause == "" {
			if len(r.Sessions) == 0 {
				cause = "the agent has no control node to talk to: CONTROL_NODES is empty, or every one it knows is refused"
			} else {
				cause = "the control nodes it uses do not accept it, or cannot be reached on XMPP port 5269 (firewall, partition)"
			}
		}
		h := Hit{Node: r.Node, Vars: map[string]string{"established": strconv.Itoa(up), "expected": strconv.Itoa(expected),
			"sessions": strings.Join(parts, ", "), "cause": cause}, Evidence: ev}
		if up > 0 {
			h.Severity = Warning // still connected: no redundancy left
		}
		hits = append(hits, h)
	}
	return hits
}

// findXMPPUnknown compares both ends of each Established agent session.
func findXMPPUnknown(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, r := range v.VRouters {
		for _, s := range r.Sessions {
			c := v.ControlAt(s.ControllerIP)
			if s.State != "Established" || c == nil || !c.NeighborsOK {
				continue
			}
			p := c.XMPPPeer(r.Node.Name)
			if p == nil {
				for i := range c.XMPP {
					if c.XMPP[i].Address != "" && c.XMPP[i].Address == r.Node.Address {
						p = &c.XMPP[i]
					}
				}
			}
			view := "does not list it"
			if p != nil {
				if p.State == "Established" {
					continue
				}
				view = "shows it " + p.State
			}
			hits = append(hits, Hit{Node: r.Node, Vars: map[string]string{"control": c.Node.Name, "control_ip": s.ControllerIP,
				"control_view": view, "control_host": c.Node.Target.String()},
				Evidence: []Evidence{sessionEvidence("controller_ip", s, r.XMPPURL),
					{Value: fmt.Sprintf("%s %s among its %d XMPP peers", c.Node.Name, view, len(c.XMPP)), URL: c.NeighborsURL}}})
		}
	}
	return hits
}

func findXMPPFlaps(v *View, o *Options) []Hit {
	var hits []Hit
	for _, r := range v.VRouters {
		for _, s := range r.Sessions {
			if s.State != "Established" || !recent(o, v.Now, s.FlapTime, s.FlapCount) {
				continue
			}
			hits = append(hits, Hit{Node: r.Node, Vars: map[string]string{"control": v.controlName(s.ControllerIP),
				"flaps": times(s.FlapCount), "flap_time": s.FlapTime.Format(time.RFC3339)},
				Evidence: []Evidence{sessionEvidence("controller_ip", s, r.XMPPURL)}})
		}
	}
	return hits
}

// agentLoad counts the Established XMPP agents of every control node that
// answered, and their mean.
func agentLoad(v *View) (map[*Control]int, float64) {
	load := map[*Control]int{}
	total := 0
	for _, c := range v.Controls {
		if !c.NeighborsOK {
			continue
		}
		n := 0
		for _, p := range c.XMPP {
			if p.State == "Established" {
				n++
			}
		}
		load[c] = n
		total += n
	}
	if len(load) == 0 {
		return load, 0
	}
	return load, float64(total) / float64(len(load))
}

func findControlsWithoutAgents(v *View, _ *Options) []Hit {
	load, mean := agentLoad(v)
	if mean < minMeanForEmpty || len(v.VRouters) == 0 {
		return nil
	}
	var hits []Hit
	for _, c := range v.Controls {
		if n, ok := load[c]; ok && n == 0 {
			hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"controls": strconv.Itoa(len(load)), "mean": fmt.Sprintf("%.1f", mean)},
				Evidence: []Evidence{{Value: fmt.Sprintf("0 Established XMPP peers of %d listed", len(c.XMPP)), URL: c.NeighborsURL}}})
		}
	}
	return hits
}

func findUnevenAgents(v *View, _ *Options) []Hit {
	load, mean := agentLoad(v)
	if len(load) < 2 || mean == 0 {
		return nil
	}
	var hits []Hit
	for _, c := range v.Controls {
		n, ok := load[c]
		if !ok || float64(n) <= unevenFactor*mean+unevenSlack {
			continue
		}
		hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"count": strconv.Itoa(n), "ratio": fmt.Sprintf("%.1f", float64(n)/mean),
			"mean": fmt.Sprintf("%.1f", mean), "controls": strconv.Itoa(len(load))},
			Evidence: []Evidence{{Value: fmt.Sprintf("%d Established XMPP peers", n), URL: c.NeighborsURL}}})
	}
	return hits
}
