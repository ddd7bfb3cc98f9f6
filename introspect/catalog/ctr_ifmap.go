package catalog

// Control-node IFMap commands (ist.py `ctr ifmap …`; spec §5.1.11).
func init() {
	Register(
		&Command{
			Role: "ctr", Words: []string{"ifmap", "peer"}, Usage: "IFMap peer server info",
			Examples: []string{"ist ctr ifmap peer", "ist ctr ifmap peer server_conn"},
			Params:   []Param{{Name: "type", Positional: true, Default: "all", Choices: []string{"server", "server_conn", "stats", "sm", "ds_peer", "all"}, Usage: "peer server info type"}},
			Resolve: func(in Input) (Query, error) {
				rec := "IFMapPeerServerInfoResp"
				if t := in.String("type"); t != "" && t != "all" {
					rec = t + "_info"
				}
				return Query{Request: "IFMapPeerServerInfoReq", Records: []string{rec}, Format: "text"}, nil
			},
		},
		&Command{
			Role: "ctr", Words: []string{"ifmap", "client"}, Usage: "IFMap XMPP clients, or what one client was sent",
			Examples: []string{"ist ctr ifmap client", "ist ctr ifmap client -l", "ist ctr ifmap client compute-1 -t link -s vn1"},
			Params: []Param{
				{Name: "client", Positional: true, Usage: "client index or name"},
				{Name: "type", Short: "t", Default: "node", Choices: []string{"node", "link"}, Usage: "IFMap data type"},
				{Name: "search", Short: "s", Usage: "search string"},
				{Name: "history", Bool: true, Usage: "client history"},
				{Name: "list", Short: "l", Bool: true, Usage: "list client names and indexes"},
			},
			Resolve: func(in Input) (Query, error) {
				switch {
				case in.Bool("list"):
					return Query{Request: "IFMapServerClientShowReq", Records: []string{"IFMapServerClientMapShowEntry", "IFMapServerIndexMapShowEntry"}}, nil
				case in.Bool("history"):
					return Query{Request: "IFMapServerClientShowReq", Records: []string{"IFMapServerClientHistoryEntry"}}, nil
				case in.String("client") == "":
					return Query{Request: "IFMapXmppClientInfoShowReq", Records: []string{"IFMapXmppClientInfo"},
						Columns: []string{"client_name", "client_index", "vm_reg_info", "msgs_blocked", "is_blocked"}}, nil
				}
				args := []Arg{{Name: "client_index_or_name", Param: "client"}, {Name: "search_string", Param: "search"}}
				if in.String("type") == "link" {
					return Query{Request: "IFMapPerClientLinksShowReq", Args: args, Records: []string{"IFMapPerClientLinksShowInfo"}}, nil
				}
				return Query{Request: "IFMapPerClientNodesShowReq", Args: args, Records: []string{"IFMapPerClientNodesShowInfo"}}, nil
			},
		},
		&Command{
			Role: "ctr", Words: []string{"ifmap", "table"}, Usage: "IFMap tables, or the nodes of one table",
			Examples: []string{"ist ctr ifmap table", "ist ctr ifmap table virtual-network -s admin"},
			Params: []Param{{Name: "table", Positional: true, Usage: "IFMap table, e.g. access-control-list, security-group"},
				{Name: "search", Short: "s", Usage: "search string"}},
			Resolve: func(in Input) (Query, error) {
				if in.String("table") == "" && in.String("search") == "" {
					return Query{Request: "IFMapNodeTableListShowReq", Records: []string{"IFMapNodeTableListShowEntry"}}, nil
				}
				return Query{Request: "IFMapTableShowReq", Args: []Arg{{Name: "table_name", Param: "table"}, {Name: "search_string", Param: "search"}},
					Records: []string{"IFMapNodeShowInfo"}, Columns: []string{"node_name", "interests", "advertised", "dbentryflags", "last_modified"}}, nil
			},
		},
		&Command{
			Role: "ctr", Words: []string{"ifmap", "node"}, Usage: "IFMap node names, or one node's data",
			Examples: []string{"ist ctr ifmap node vn1", "ist ctr ifmap node --fqn virtual-network:default-domain:admin:vn1"},
			Params: []Param{{Name: "search", Positional: true, Usage: "list node names containing this"},
				{Name: "fqn", Usage: "fq_node_name of one node"}},
			Resolve: func(in Input) (Query, error) {
				if in.String("fqn") != "" {
					return Query{Request: "IFMapNodeShowReq", Args: []Arg{{Name: "fq_node_name", Param: "fqn"}}, Records: []string{"IFMapNodeShowInfo"}, Format: "text"}, nil
				}
				// ist.py sends only search_string, which the C++ daemon reads
				// as table_name (positional parsing, spec §8): send both so
				// the search really searches.
				return Query{Request: "IFMapTableShowReq", Args: []Arg{{Name: "table_name"}, {Name: "search_string", Param: "search"}},
					Records: []string{"IFMapNodeShowInfo"}, Field: "node_name", Format: "text"}, nil
			},
		},
		&Command{
			Role: "ctr", Words: []string{"ifmap", "link"}, Usage: "IFMap links",
			Examples: []string{"ist ctr ifmap link vn1 -m virtual-network-routing-instance"},
			Params: []Param{{Name: "search", Positional: true, Usage: "search string"},
				{Name: "metadata", Short: "m", Usage: "metadata string"}},
			Query: Query{Request: "IFMapLinkTableShowReq", Args: []Arg{{Name: "search_string", Param: "search"}, {Name: "metadata", Param: "metadata"}},
				Records: []string{"IFMapLinkShowInfo"}},
		},
		&Command{
			Role: "ctr", Words: []string{"ifmap", "cm"}, Usage: "IFMap channel manager stats or channel map",
			Examples: []string{"ist ctr ifmap cm stats", "ist ctr ifmap cm map"},
			Params:   []Param{{Name: "type", Positional: true, Required: true, Choices: []string{"stats", "map"}, Usage: "stats or map"}},
			Resolve: func(in Input) (Query, error) {
				if in.String("type") == "stats" {
					return Query{Request: "IFMapXmppShowReq", Records: []string{"IFMapChannelManagerStats"}, Format: "text"}, nil
				}
				return Query{Request: "IFMapXmppShowReq", Records: []string{"IFMapXmppChannelMapEntry"}}, nil
			},
		},
		&Command{
			Role: "ctr", Words: []string{"ifmap", "pending_vm"}, Usage: "IFMap pending VM registrations",
			Examples: []string{"ist ctr ifmap pending_vm"},
			Query:    Query{Request: "IFMapPendingVmRegReq", Records: []string{"IFMapPendingVmRegResp"}},
		},
	)
}
