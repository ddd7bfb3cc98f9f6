package schema

// contrail-vrouter-agent statistics (tf-controller src/vnsw/agent/cmn/
// stats.sandesh; spec §5.2.12). AgentStatsReq answers with IpcStatsResp,
// PktTrapStatsResp, FlowStatsResp, XmppStatsResp, SandeshStatsResp and
// SessionEndpointExportStatsResp, in that order.

// AgentStatsReq takes no arguments.
type AgentStatsReq struct{}

// IpcStatsResp counts IPC messages.
type IpcStatsResp struct {
	IpcInMsgs  int64 `sandesh:"ipc_in_msgs,id=1"`
	IpcOutMsgs int64 `sandesh:"ipc_out_msgs,id=2"`
}

// PktTrapStatsResp counts packets trapped to the agent.
type PktTrapStatsResp struct {
	Exceptions                   int64 `sandesh:"exceptions,id=1"`
	InvalidAgentHdr              int64 `sandesh:"invalid_agent_hdr,id=2"`
	InvalidInterface             int64 `sandesh:"invalid_interface,id=3"`
	NoHandler                    int64 `sandesh:"no_handler,id=4"`
	PktDropped                   int64 `sandesh:"pkt_dropped,id=5"`
	PktFragmentsDropped          int64 `sandesh:"pkt_fragments_dropped,id=6"`
	PktInvalidMplsHdr            int64 `sandesh:"pkt_invalid_mpls_hdr,id=7"`
	PktInvalidIPPkt              int64 `sandesh:"pkt_invalid_ip_pkt,id=8"`
	PktDropDueToDisableTnl       int64 `sandesh:"pkt_drop_due_to_disable_tnl,id=9"`
	PktInvalidFrmTor             int64 `sandesh:"pkt_invalid_frm_tor,id=10"`
	PktDropDueToDecodeError      int64 `sandesh:"pkt_drop_due_to_decode_error,id=11"`
	PktDropDueToInvalidEthertype int64 `sandesh:"pkt_drop_due_to_invalid_ethertype,id=12"`
	PktDropDueToFlowTrap         int64 `sandesh:"pkt_drop_due_to_flow_trap,id=13"`
}

// FlowStatsResp counts flows.
type FlowStatsResp struct {
	FlowActive                  uint64 `sandesh:"flow_active,id=1"`
	FlowCreated                 uint64 `sandesh:"flow_created,id=2"`
	FlowAged                    uint64 `sandesh:"flow_aged,id=3"`
	FlowDropDueToMaxLimit       uint64 `sandesh:"flow_drop_due_to_max_limit,id=4"`
	FlowDropDueToLinklocalLimit uint64 `sandesh:"flow_drop_due_to_linklocal_limit,id=5"`
	FlowMaxSystemFlows          uint32 `sandesh:"flow_max_system_flows,id=6"`
	FlowMaxVMFlows              uint32 `sandesh:"flow_max_vm_flows,id=7"`
}

// XmppStatsResp lists per-controller message counts.
type XmppStatsResp struct {
	XmppList []XmppStatsInfo `sandesh:"xmpp_list,id=1"`
}

// XmppStatsInfo counts one controller channel's messages.
type XmppStatsInfo struct {
	IP           string `sandesh:"ip,id=1"`
	InMsgs       uint64 `sandesh:"in_msgs,id=2"`
	OutMsgs      uint64 `sandesh:"out_msgs,id=3"`
	Reconnect    uint16 `sandesh:"reconnect,id=4"`
	ConfigInMsgs uint64 `sandesh:"config_in_msgs,id=5"`
}

// SandeshStatsResp counts Sandesh messages.
type SandeshStatsResp struct {
	SandeshInMsgs       int64 `sandesh:"sandesh_in_msgs,id=1"`
	SandeshOutMsgs      int64 `sandesh:"sandesh_out_msgs,id=2"`
	SandeshHTTPSessions int16 `sandesh:"sandesh_http_sessions,id=3"`
	SandeshReconnects   int16 `sandesh:"sandesh_reconnects,id=4"`
}

// SessionEndpointExportStatsResp counts session exports.
type SessionEndpointExportStatsResp struct {
	RecordExportCount            uint64 `sandesh:"record_export_count,id=1"`
	MsgExportCount               uint64 `sandesh:"msg_export_count,id=2"`
	SessionExportDisableDrops    uint64 `sandesh:"session_export_disable_drops,id=3"`
	SessionExportSamplingDrops   uint64 `sandesh:"session_export_sampling_drops,id=4"`
	SessionExports               uint64 `sandesh:"session_exports,id=5"`
	SessionExportDrops           uint64 `sandesh:"session_export_drops,id=6"`
	SessionGlobalSloLoggingDrops uint64 `sandesh:"session_global_slo_logging_drops,id=7"`
	SessionSloLoggingDrops       uint64 `sandesh:"session_slo_logging_drops,id=8"`
}
