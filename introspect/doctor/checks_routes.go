package doctor

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/collect"
)

// findCountMismatch compares each table's prefix count between the
// control nodes that answered and have the table: the nodes whose count
// differs from the most common one are reported.
func findCountMismatch(v *View, _ *Options) []Hit {
	counts := map[string]map[*Control]uint64{}
	for _, c := range v.Controls {
		if !c.SummaryOK {
			continue
		}
		for t, n := range c.Tables {
			if counts[t] == nil {
				counts[t] = map[*Control]uint64{}
			}
			counts[t][c] = n
		}
	}
	tables := make([]string, 0, len(counts))
	for t := range counts {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	var hits []Hit
	for _, t := range tables {
		byCtl := counts[t]
		if len(byCtl) < 2 {
			continue
		}
		freq := map[uint64]int{}
		for _, n := range byCtl {
			freq[n]++
		}
		if len(freq) == 1 {
			continue
		}
		mode, best := uint64(0), 0
		for n, f := range freq {
			if f > best || (f == best && n > mode) {
				mode, best = n, f
			}
		}
		for _, c := range v.Controls {
			n, ok := byCtl[c]
			if !ok || n == mode {
				continue
			}
			var others []string
			for _, o := range v.Controls {
				if m, ok := byCtl[o]; ok && o != c {
					others = append(others, fmt.Sprintf("%d on %s", m, o.Node.Name))
				}
			}
			hits = append(hits, Hit{Node: c.Node, Vars: map[string]string{"table": t, "count": strconv.FormatUint(n, 10),
				"others": strings.Join(others, ", "), "instance": instanceOf(t)},
				Evidence: []Evidence{{Value: fmt.Sprintf("%s prefixes=%d", t, n), URL: c.SummaryURL}}})
		}
	}
	return hits
}

// instanceOf is the routing instance of a table name ("<ri>.inet.0").
func instanceOf(table string) string {
	for _, suf := range []string{".inet.0", ".inet6.0", ".evpn.0", ".ermvpn.0", ".mvpn.0", ".l3vpn.0"} {
		if ri, ok := strings.CutSuffix(table, suf); ok {
			return ri
		}
	}
	return table
}

// podTable is the control-node table holding a VM interface's /32.
func podTable(vrf string) string { return vrf + ".inet.0" }

// vmInterfaces are an agent's active pod/VM interfaces with an IPv4
// address and a VRF.
func vmInterfaces(r *VRouter) []Interface {
	var out []Interface
	for _, i := range r.Interfaces {
		if i.Type != "vport" {
			continue
		}
		if in, _ := i.Inactive(); in {
			continue
		}
		if a, err := netip.ParseAddr(i.IP); err != nil || !a.Is4() || a.IsUnspecified() || i.VRF == "" || strings.HasPrefix(i.VRF, "--") {
			continue
		}
		out = append(out, i)
	}
	return out
}

// routeFollowUp asks every control node that has agents for the routes
// they published to it (XMPP paths) in the tables holding the agents'
// active interfaces: a fraction of each table (its own agents' routes, one
// path each), whatever the cluster's size. Replication by BGP to the
// other control nodes is routes.count-mismatch's part.
func routeFollowUp(col *collect.Collection) []collect.Ask {
	v := NewView(col, col.Start)
	tables := map[*Control]map[string]bool{}
	for _, r := range v.VRouters {
		for _, s := range r.Sessions {
			c := v.ControlAt(s.ControllerIP)
			if s.State != "Established" || c == nil || c.Node.Unreachable() != nil {
				continue
			}
			for _, i := range vmInterfaces(r) {
				if tables[c] == nil {
					tables[c] = map[string]bool{}
				}
				tables[c][podTable(i.VRF)] = true
			}
		}
	}
	var asks []collect.Ask
	for _, c := range v.Controls {
		names := make([]string, 0, len(tables[c]))
		for t := range tables[c] {
			names = append(names, t)
		}
		sort.Strings(names)
		a := collect.Ask{Node: c.Node}
		for _, t := range names {
			a.Requests = append(a.Requests, collect.RoutePrefixes(t, "XMPP"))
		}
		if len(a.Requests) > 0 {
			asks = append(asks, a)
		}
	}
	return asks
}

// findMissingRoutes: each active VM interface's /32 must be among the
// routes its agent published to every control node it has an Established
// session with.
func findMissingRoutes(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, r := range v.VRouters {
		for _, i := range vmInterfaces(r) {
			table, prefix := podTable(i.VRF), i.IP+"/32"
			var lacking []*Control
			sessions := 0
			for _, s := range r.Sessions {
				c := v.ControlAt(s.ControllerIP)
				if s.State != "Established" || c == nil {
					continue
				}
				if tr := c.XMPPRoutes[table]; tr != nil && tr.OK {
					sessions++
					if !tr.Prefixes[prefix] {
						lacking = append(lacking, c)
					}
				}
			}
			if len(lacking) == 0 {
				continue
			}
			slices.SortFunc(lacking, func(a, b *Control) int { return collect.NaturalCompare(a.Node.Name, b.Node.Name) })
			var missing []string
			var ev []Evidence
			for _, c := range lacking {
				tr := c.XMPPRoutes[table]
				missing = append(missing, c.Node.Name)
				ev = append(ev, Evidence{Value: fmt.Sprintf("%s: no %s among the %d routes its agents published in %s", c.Node.Name, prefix, len(tr.Prefixes), table),
					URL: tr.URL})
			}
			first := lacking[0]
			cause := "the agent did not export it, or the control nodes dropped it: a reset of its XMPP sessions republishes it"
			if len(missing) < sessions {
				cause = "the update was lost on " + strings.Join(missing, ", ") + " only: a reset of that XMPP session republishes it"
			}
			vm := i.VMName
			if vm == "" {
				vm = "interface " + i.Name
			}
			ev = append([]Evidence{{Value: fmt.Sprintf("%s active=%s ip_addr=%s vrf_name=%s", i.Name, i.Active, i.IP, i.VRF), URL: r.ItfURL}}, ev...)
			hits = append(hits, Hit{Node: r.Node, Vars: map[string]string{"prefix": prefix, "ip": i.IP, "vm": vm, "interface": i.Name,
				"missing": andList(missing), "table": table, "vrf": i.VRF, "cause": cause, "control_host": first.Node.Target.String()},
				Evidence: ev})
		}
	}
	return hits
}

// andList joins names as "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func findInactiveInterfaces(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, r := range v.VRouters {
		for _, i := range r.Interfaces {
			in, reasons := i.Inactive()
			if !in || i.Type != "vport" {
				continue
			}
			vm := i.VMName
			if vm == "" {
				vm = "no VM"
			}
			h := Hit{Node: r.Node, Vars: map[string]string{"interface": i.Name, "vm": vm, "ip": i.IP,
				"reasons": strings.Join(reasons, " "), "cause": inactiveCause(reasons)},
				Evidence: []Evidence{{Value: fmt.Sprintf("%s active=%q vrf_name=%s vn_name=%s", i.Name, i.Active, i.VRF, i.VN), URL: r.ItfURL}}}
			if len(reasons) > 0 && !slices.ContainsFunc(reasons, func(s string) bool { return s != "admin-down" }) {
				h.Severity = Warning // administratively down on purpose
			}
			hits = append(hits, h)
		}
	}
	return hits
}
