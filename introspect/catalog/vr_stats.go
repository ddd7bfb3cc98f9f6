package catalog

// Agent statistics and services (ist.py SnhAgentStats, SnhService).

// agentStats maps `vr stats <type>` to the AgentStatsReq part it prints,
// in the order the agent sends them.
var agentStats = []struct{ typ, record string }{
	{"ipc", "IpcStatsResp"}, {"pkt", "PktTrapStatsResp"}, {"flow", "FlowStatsResp"},
	{"xmpp", "XmppStatsInfo"}, {"sandesh", "SandeshStatsResp"},
}

func statsTypes() []string {
	out := make([]string, len(agentStats))
	for i, s := range agentStats {
		out[i] = s.typ
	}
	return out
}

// ifmapStats is `vr stats ifmap`, and the second half of `vr stats all`.
var ifmapStats = Query{Request: "ShowIFMapAgentStatsReq", Records: []string{"ShowIFMapAgentStatsResp"}}

// vrStats is `vr stats <type>`. Like ist.py, "all" prints the
// AgentStatsReq parts, then ShowIFMapAgentStatsReq, both as text.
func vrStats(in Input) (Query, error) {
	switch t := in.String("type"); t {
	case "ifmap":
		return ifmapStats, nil
	case "all", "":
		q := Query{Request: "AgentStatsReq", Format: "text"}
		for _, s := range agentStats {
			q.Records = append(q.Records, s.record)
		}
		then := ifmapStats
		then.Format = "text"
		q.Then = &then
		return q, nil
	default:
		for _, s := range agentStats {
			if s.typ == t {
				return Query{Request: "AgentStatsReq", Records: []string{s.record}}, nil
			}
		}
	}
	return Query{}, nil // unreachable: the type is a checked choice
}

// vrService is ist.py's SnhService: Snh_<Name>Info and its <Name>Stats
// (or <Name>Pkt) records, with the per-interface and cache variants.
func vrService(in Input) (Query, error) {
	name := in.String("name")
	q := Query{Request: name + "Info", Records: []string{name + "Stats"}}
	if in.Bool("pkt") {
		q.Records = []string{name + "Pkt"}
	}
	if name == "Metadata" {
		q.Records = []string{"MetadataResponse"}
	}
	switch {
	case in.Bool("intf"):
		switch name {
		case "Arp":
			q = Query{Request: "InterfaceArpStatsReq", Records: []string{"InterfaceArpStats"}}
		case "Icmpv6":
			q = Query{Request: "InterfaceIcmpv6StatsReq", Records: []string{"InterfaceIcmpv6Stats"}}
		case "Dns":
			q = Query{Request: "VmVdnsListReq", Records: []string{"VmVdnsListEntry"}}
		}
	case name == "Arp" && in.Bool("cache"):
		q = Query{Request: "ShowArpCache", Records: []string{"ArpSandeshData"}}
	case name == "Arp" && in.Bool("garp_cache"):
		q = Query{Request: "ShowGratuitousArpCache", Records: []string{"ArpSandeshData"}}
	}
	if name == "ShowAll" {
		// ist.py: one xpath over all of them, forced to text.
		q.Records = []string{"PktStats", "DhcpStats", "ArpStats", "DnsStats", "IcmpStats", "MetadataResponse"}
		q.Format = "text"
	}
	return q, nil
}
