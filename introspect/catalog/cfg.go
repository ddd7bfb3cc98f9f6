package catalog

// Config-node daemons with commands of their own (ist.py CLI_cfg_schema,
// CLI_cfg_svcmon). Both are Python daemons: pysandesh reads query
// arguments by name (spec §1.3), so each Arg carries the request field's
// own name, as ist.py sends it; order does not matter to them. The other
// config roles (cfg_api, cfg_disc, dm, nodemgr_*) have only the common
// commands in ist.py, as they do here.
func init() {
	name := func(usage string) Param { return Param{Name: "name", Positional: true, Usage: usage} }
	Register(
		&Command{
			Role: "cfg_schema", Words: []string{"vn"}, Usage: "virtual networks as the schema transformer sees them",
			Examples: []string{"ist cfg_schema vn", "ist cfg_schema vn default-domain:admin:vn1 -f text"},
			Params:   []Param{name("virtual network fq name (empty: all)")},
			Query:    Query{Request: "VnList", Args: []Arg{{Name: "vn_name", Param: "name"}}, Records: []string{"VirtualNetwork"}},
		},
		&Command{
			Role: "cfg_schema", Words: []string{"ri"}, Usage: "routing instances as the schema transformer sees them",
			Examples: []string{"ist cfg_schema ri", "ist cfg_schema ri -v default-domain:admin:vn1"},
			Params:   []Param{name("routing instance fq name"), {Name: "vn", Short: "v", Usage: "only the instances of this virtual network (fq name)"}},
			Query: Query{Request: "RoutingInstanceList", Args: []Arg{{Name: "vn_name", Param: "vn"}, {Name: "ri_name", Param: "name"}},
				Records: []string{"RoutingInstance"}},
		},
		&Command{
			Role: "cfg_schema", Words: []string{"sc"}, Usage: "service chains built by the schema transformer",
			Examples: []string{"ist cfg_schema sc", "ist cfg_schema sc -c sc_name created error_msg"},
			Params:   []Param{name("service chain name")},
			Query:    Query{Request: "ServiceChainList", Args: []Arg{{Name: "sc_name", Param: "name"}}, Records: []string{"ServiceChain"}},
		},
		&Command{
			Role: "cfg_schema", Words: []string{"object"}, Usage: "schema transformer objects, their references and properties",
			Examples: []string{"ist cfg_schema object -t virtual_network", "ist cfg_schema object default-domain:admin:vn1 -t virtual_network -f text"},
			Params:   []Param{name("object uuid or fq name"), {Name: "type", Short: "t", Usage: "object type, e.g. virtual_network, routing_instance"}},
			Query: Query{Request: "StObjectReq", Args: []Arg{{Name: "object_type", Param: "type"}, {Name: "object_id_or_fq_name", Param: "name"}},
				Records: []string{"StObject"}},
		},
		&Command{
			Role: "cfg_svcmon", Words: []string{"si"}, Usage: "service instances and their VMs (svc-monitor)",
			Examples: []string{"ist cfg_svcmon si", "ist cfg_svcmon si default-domain:admin:lb-pool -f text", "ist cfg_svcmon si -c name vm_list"},
			Params:   []Param{name("service instance fq name")},
			Query: Query{Request: "ServiceInstanceList", Args: []Arg{{Name: "si_name", Param: "name"}}, Records: []string{"ServiceInstance"},
				Columns: []string{"name", "si_type", "si_state", "vm_list", "left_vn", "right_vn"}},
		},
	)
}
