package schema

// contrail-vrouter-agent IFMap show requests (ifmap/ifmap_agent.sandesh),
// ist.py `vr ifmap` and `vr stats ifmap`.

// ShowIFMapAgentReq is the request /Snh_ShowIFMapAgentReq.
type ShowIFMapAgentReq struct {
	TableName         string `sandesh:"table_name,id=1"`
	NodeSubString     string `sandesh:"node_sub_string,id=2"`
	LinkTypeSubString string `sandesh:"link_type_sub_string,id=3"`
	LinkNodeSubString string `sandesh:"link_node_sub_string,id=4"`
}

// ShowIFMapAgentResp is a response sandesh (one part of an answer).
type ShowIFMapAgentResp struct {
	TableData []string `sandesh:"table_data,id=1"`
}

// ShowIFMapAgentStatsReq is the request /Snh_ShowIFMapAgentStatsReq.
type ShowIFMapAgentStatsReq struct{}

// ShowIFMapAgentStatsResp is a response sandesh (one part of an answer).
type ShowIFMapAgentStatsResp struct {
	NodeUpdatesProcessed  uint64 `sandesh:"node_updates_processed,id=1"`
	NodeDeletesProcessed  uint64 `sandesh:"node_deletes_processed,id=2"`
	LinkUpdatesProcessed  uint64 `sandesh:"link_updates_processed,id=3"`
	LinkDeletesProcessed  uint64 `sandesh:"link_deletes_processed,id=4"`
	NodeUpdateParseErrors uint64 `sandesh:"node_update_parse_errors,id=5"`
	LinkUpdateParseErrors uint64 `sandesh:"link_update_parse_errors,id=6"`
	NodeDeleteParseErrors uint64 `sandesh:"node_delete_parse_errors,id=7"`
	LinkDeleteParseErrors uint64 `sandesh:"link_delete_parse_errors,id=8"`
}
