// Package catalog is the data behind the ist command line: the daemon
// roles with their introspect ports, and one entry per subcommand saying
// which request it sends, with which arguments, which elements it prints
// and how. cmd/ist turns the entries into commands; adding a command is
// adding an entry.
//
// To add a role's commands (vr, cfg_schema, …), write <role>.go with an
// init function that calls Register with one Command per subcommand:
// Words (the command line after the role), Params in ist.py's order
// (flags and optional positionals, choices, defaults), and a Query (the
// request, its Args in the request's declaration order, the Records to
// print, Filter/Field for ist.py's xpath predicates and "//X/y" paths,
// default Columns and MaxWidth, a forced Format). Use Resolve when the
// request depends on the arguments. A layout that is not a table or
// ist.py text is a printer of package printers, named in Query.Printer.
// cmd/ist needs no change.
//
// Files: common.go (status, cpu, trace, uve: every role), ctr.go and
// ctr_ifmap.go (ctr), vr*.go (vr), cfg.go (cfg_schema, cfg_svcmon),
// analytics.go (collector). The other roles (cfg_api, cfg_disc, dm,
// analytics, alarm_gen, qe, dns, nodemgr_*) have only the common commands,
// as in ist.py. Python daemons (config, nodemgr, analytics-api, alarm-gen)
// read query arguments by name, C++ ones (control, agent, collector, qe,
// dns) by position (spec §1.3): give Args the request's field names, in
// declaration order, and both work.
package catalog

import "sort"

// Role is one daemon kind ist can address.
type Role struct {
	Name    string // first word on the command line: ctr, vr, …
	Service string // service name (ServiceHttpPortMap key, spec §4.1)
	Port    int    // default introspect port
}

// roles is ist.py's ServiceMap joined with the port map (spec §4.1).
var roles = []Role{
	{"alarm_gen", "contrail-alarm-gen", 5995},
	{"analytics", "contrail-analytics-api", 8090},
	{"cfg_api", "contrail-api", 8084},
	{"cfg_disc", "contrail-discovery", 5997},
	{"cfg_schema", "contrail-schema", 8087},
	{"cfg_svcmon", "contrail-svc-monitor", 8088},
	{"collector", "contrail-collector", 8089},
	{"ctr", "contrail-control", 8083},
	{"dm", "contrail-device-manager", 8096},
	{"dns", "contrail-dns", 8092},
	{"nodemgr_analytics", "contrail-analytics-nodemgr", 8104},
	{"nodemgr_cfg", "contrail-config-nodemgr", 8100},
	{"nodemgr_ctr", "contrail-control-nodemgr", 8101},
	{"nodemgr_db", "contrail-database-nodemgr", 8103},
	{"nodemgr_vr", "contrail-vrouter-nodemgr", 8102},
	{"qe", "contrail-query-engine", 8091},
	{"vr", "contrail-vrouter-agent", 8085},
}

// Roles returns every role, sorted by name.
func Roles() []Role {
	out := append([]Role(nil), roles...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// RoleByName finds a role.
func RoleByName(name string) (Role, bool) {
	for _, r := range roles {
		if r.Name == name {
			return r, true
		}
	}
	return Role{}, false
}
