package doctor

import (
	"fmt"
	"strconv"
	"time"
)

// peerEvidence is the neighbor record as ist ctr nei shows it.
func peerEvidence(p Peer, url string) Evidence {
	s := fmt.Sprintf("peer=%s peer_address=%s state=%s flap_count=%d", p.Name, p.Address, p.State, p.FlapCount)
	if p.LastError != "" {
		s += " last_error=" + quote(p.LastError)
	}
	if p.LastState != "" {
		s += " last_state=" + p.LastState
	}
	if p.LastEvent != "" {
		s += " last_event=" + p.LastEvent
	}
	return Evidence{Value: s, URL: url}
}

// isControlPeer: BGP peers of type control-node are nodes doctor asks;
// others are routers (gateways) it only sees from the control nodes.
func isControlPeer(p Peer) bool { return p.RouterType == "" || p.RouterType == "control-node" }

func findBGPDown(v *View, _ *Options) []Hit {
	asns := majorityASN(v)
	var hits []Hit
	for _, c := range v.Controls {
		for _, p := range c.BGP {
			if p.State == "Established" {
				continue
			}
			cause := "the session does not come up"
			if p.LastError != "" {
				cause += "; last error: " + p.LastError
			}
			other := v.ControlAt(p.Address)
			switch {
			case other != nil && other.Node.Unreachable() != nil:
				cause = p.Name + " does not answer introspect either: it is down or hung"
			case other != nil && c.ASN != "" && other.ASN != "" && c.ASN != other.ASN:
				cause = fmt.Sprintf("ASN mismatch: %s runs with %s, %s with %s (see config.asn-mismatch)", c.Node.Name, c.ASN, p.Name, other.ASN)
				if asns != "" && c.ASN == asns {
					cause = fmt.Sprintf("%s runs with ASN %s instead of %s (see config.asn-mismatch)", p.Name, other.ASN, asns)
				}
			case other != nil && c.RouterID != "" && c.RouterID == other.RouterID:
				cause = "both nodes use router id " + c.RouterID + " (see config.router-id-collision)"
			case !isControlPeer(p):
				cause = "the external router " + p.Name + " does not accept or keep the session: check its BGP configuration (peer AS, address families, hold time)"
				if p.LastError != "" {
					cause += "; last error: " + p.LastError
				}
			}
			hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"peer": p.Name, "peer_address": p.Address,
				"state": p.State, "cause": cause}, Evidence: []Evidence{peerEvidence(p, c.NeighborsURL)}})
		}
	}
	return hits
}

// findBGPAsymmetric: A lists control node B, B answered and lists no
// peer at A's address.
func findBGPAsymmetric(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, c := range v.Controls {
		for _, p := range c.BGP {
			other := v.ControlAt(p.Address)
			if other == nil || !other.NeighborsOK || !isControlPeer(p) {
				continue
			}
			listed := false
			for _, q := range other.BGP {
				listed = listed || q.Address == c.Address
			}
			if !listed {
				hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"peer": p.Name, "peer_host": other.Node.Target.String()},
					Evidence: []Evidence{peerEvidence(p, c.NeighborsURL),
						{Value: fmt.Sprintf("%s lists %d BGP neighbors, none at %s", p.Name, len(other.BGP), c.Address), URL: other.NeighborsURL}}})
			}
		}
	}
	return hits
}

// recent reports whether a flap happened within the window.
func recent(o *Options, now, at time.Time, count uint64) bool {
	return count > 0 && !at.IsZero() && now.Sub(at) <= o.FlapWindow
}

func findBGPFlaps(v *View, o *Options) []Hit {
	var hits []Hit
	for _, c := range v.Controls {
		for _, p := range c.BGP {
			if p.State != "Established" || !recent(o, v.Now, p.FlapTime, p.FlapCount) {
				continue
			}
			hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"peer": p.Name,
				"flaps": times(p.FlapCount), "flap_time": p.FlapTime.Format(time.RFC3339)},
				Evidence: []Evidence{peerEvidence(p, c.NeighborsURL)}})
		}
	}
	return hits
}

// times is "1 time" or "N times".
func times(n uint64) string {
	if n == 1 {
		return "1 time"
	}
	return strconv.FormatUint(n, 10) + " times"
}
