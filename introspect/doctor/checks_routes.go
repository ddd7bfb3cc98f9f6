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

// routeFollowUp asks every control node that answered for the prefixes
// of the tables holding the agents' active interfaces (the routes.missing
// check), once the interfaces are known.
func routeFollowUp(col *collect.Collection) []collect.Ask {
	v := NewView(col, col.Start)
	tables := map[string]bool{}
	for _, r := range v.VRouters {
		if r.Established() == 0 {
			continue
		}
		for _, i := range vmInterfaces(r) {
			tables[podTable(i.VRF)] = true
		}
	}
	names := make([]string, 0, len(tables))
	for t := range tables {
		names = append(names, t)
	}
	sort.Strings(names)
	var asks []collect.Ask
	for _, c := range v.Controls {
		if c.Node.Unreachable() != nil || !c.NeighborsOK {
			continue
		}
		a := collect.Ask{Node: c.Node}
		for _, t := range names {
			a.Requests = append(a.Requests, collect.RoutePrefixes(t))
		}
		if len(a.Requests) > 0 {
			asks = append(asks, a)
		}
	}
	return asks
}

// findMissingRoutes: for each active VM interface of an agent that has
// at least one Established session, its /32 must be in its table on
// every control node that was read.
func findMissingRoutes(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, r := range v.VRouters {
		if r.Established() == 0 {
			continue // the xmpp checks say why; its routes are withdrawn
		}
		for _, i := range vmInterfaces(r) {
			table, prefix := podTable(i.VRF), i.IP+"/32"
			var missing []string
			var ev []Evidence
			read := 0
			var first *Control
			for _, c := range v.Controls {
				tr := c.Routes[table]
				if tr == nil || !tr.OK {
					continue
				}
				read++
				if tr.Prefixes[prefix] {
					continue
				}
				if first == nil {
					first = c
				}
				missing = append(missing, c.Node.Name)
				ev = append(ev, Evidence{Value: fmt.Sprintf("%s: no %s among the %d prefixes of %s", c.Node.Name, prefix, len(tr.Prefixes), table),
					URL: tr.URL})
			}
			if len(missing) == 0 {
				continue
			}
			cause := "the agent's route was not exported, or the control nodes dropped it: a reset of its XMPP sessions republishes it"
			if len(missing) < read {
				cause = "BGP did not replicate it to " + strings.Join(missing, ", ") + ": check their BGP sessions (the route is on the other control nodes)"
			}
			vm := i.VMName
			if vm == "" {
				vm = "interface " + i.Name
			}
			ev = append([]Evidence{{Value: fmt.Sprintf("%s active=%s ip_addr=%s vrf_name=%s", i.Name, i.Active, i.IP, i.VRF), URL: r.ItfURL}}, ev...)
			hits = append(hits, Hit{Node: r.Node, Vars: map[string]string{"prefix": prefix, "ip": i.IP, "vm": vm, "interface": i.Name,
				"missing": joinAll(missing, read), "table": table, "vrf": i.VRF, "cause": cause, "control_host": first.Node.Target.String()},
				Evidence: ev})
		}
	}
	return hits
}

// joinAll names the control nodes, or says "all N control nodes".
func joinAll(names []string, of int) string {
	if len(names) == of && of > 1 {
		return fmt.Sprintf("all %d control nodes (%s)", of, strings.Join(names, ", "))
	}
	return strings.Join(names, ", ")
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
