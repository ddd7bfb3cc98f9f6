package doctor

import (
	"fmt"
	"strconv"
	"strings"
)

// findDNSSessions: every DNS server an agent lists (it keeps a session
// to at most two, from its DNS_SERVERS) should be Established. An agent
// that lists none has no DNS server configured (no virtual DNS in use):
// nothing to judge.
func findDNSSessions(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, r := range v.VRouters {
		up := established(r.DNSSessions)
		if !r.DNSOK || up == len(r.DNSSessions) {
			continue
		}
		var parts, causes []string
		var ev []Evidence
		next := ""
		for _, s := range r.DNSSessions {
			parts = append(parts, v.controlName(s.ControllerIP)+" "+s.State)
			ev = append(ev, sessionEvidence("dns_controller_ip", s, r.DNSURL))
			if s.State == "Established" {
				continue
			}
			if next == "" {
				next = s.ControllerIP
			}
			if c := v.ControlAt(s.ControllerIP); c != nil && c.Node.Unreachable() != nil {
				causes = append(causes, c.Node.Name+" does not answer introspect either: the node is down or hung")
			} else {
				causes = append(causes, fmt.Sprintf("contrail-dns on %s is stopped or does not accept agents on its XMPP port (8093 by default; firewall, partition)", v.controlName(s.ControllerIP)))
			}
		}
		h := Hit{Node: r.Node, Vars: map[string]string{"established": strconv.Itoa(up), "expected": strconv.Itoa(len(r.DNSSessions)),
			"sessions": strings.Join(parts, ", "), "cause": strings.Join(causes, "; "), "dns_host": next}, Evidence: ev}
		if up > 0 {
			h.Severity = Warning // one DNS server left: no redundancy
		}
		hits = append(hits, h)
	}
	return hits
}
