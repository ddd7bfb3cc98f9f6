package bundle

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
)

// AutoTablesLimit is the largest cluster (vRouters) whose every agent's
// forwarding tables a bundle asks by default: an agent holds a route per
// pod of its networks in each VRF and a tunnel next hop per other
// vRouter, so the tables of all agents grow with the square of the
// cluster (980 agents with one pod each: about 10 GB of XML), which no
// bundle should hold unasked.
const AutoTablesLimit = 100

// TableSelection says whose vRouter forwarding tables (`vr route` of
// every VRF and family, `vr nh`, `vr knh`, `vr kroute` of each VRF) a bundle asks.
type TableSelection struct {
	mode  string   // "auto", "all", "none", or "names"
	names []string // vRouter names or addresses
}

// ParseTableSelection reads --vr-tables: auto (default: all up to
// AutoTablesLimit vRouters, none above), all, none, or a comma list of
// vRouter names or addresses.
func ParseTableSelection(s string) (TableSelection, error) {
	switch s = strings.TrimSpace(s); s {
	case "", "auto":
		return TableSelection{mode: "auto"}, nil
	case "all", "none":
		return TableSelection{mode: s}, nil
	}
	var names []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return TableSelection{}, client.Usagef("give auto, all, none or vRouter names", "empty --vr-tables %q", s)
	}
	return TableSelection{mode: "names", names: names}, nil
}

// selects reports whether n's tables are asked in a cluster of that
// many vRouters.
func (s TableSelection) selects(n *collect.Node, vrouters int) bool {
	if n.Role != collect.RoleVRouter {
		return false
	}
	switch s.mode {
	case "all":
		return true
	case "names":
		return slices.Contains(s.names, n.Name) || slices.Contains(s.names, n.Address)
	case "auto", "":
		return vrouters <= AutoTablesLimit
	}
	return false
}

// subsets reports whether the filtered subsets of tables asked whole
// (ctr route show -f/-p, vr nh -t, vr mpls -t) are asked too: when every
// vRouter's tables are (all, or auto on a small cluster).
func (s TableSelection) subsets(vrouters int) bool {
	return s.mode == "all" || ((s.mode == "auto" || s.mode == "") && vrouters <= AutoTablesLimit)
}

// describe is what the manifest records.
func (s TableSelection) describe(vrouters int) string {
	switch s.mode {
	case "names":
		return strings.Join(s.names, ",")
	case "auto", "":
		if vrouters <= AutoTablesLimit {
			return "all"
		}
		return fmt.Sprintf("none (auto: %d vRouters, more than %d; give --vr-tables all or names)", vrouters, AutoTablesLimit)
	}
	return s.mode
}
