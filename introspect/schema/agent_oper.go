package schema

// contrail-vrouter-agent oper tables ist.py `vr` reads besides the main
// ones (oper/agent.sandesh, spec §5.2.10, §5.2.11): VXLAN config, mirror
// configuration and entries, VRF assignment, link-local services, health
// checks, BGP-as-a-service and service instances. Field order is the
// .sandesh declaration order (HealthCheckSandeshData declares id 13, 11
// and 12 out of numeric order).

// NamespaceStateSandeshData is a struct.
type NamespaceStateSandeshData struct {
	Pid        int32  `sandesh:"pid,id=1"`
	Status     int32  `sandesh:"status,id=2"`
	Cmd        string `sandesh:"cmd,id=3"`
	StatusType int32  `sandesh:"status_type,id=4"`
	Errors     string `sandesh:"errors,id=5,opt"`
}

// MirrorEntrySandeshData is a struct.
type MirrorEntrySandeshData struct {
	RefCount     int32         `sandesh:"ref_count,id=1"`
	AnalyzerName string        `sandesh:"analyzer_name,id=2"`
	SIP          string        `sandesh:"sip,id=3,opt"`
	DIP          string        `sandesh:"dip,id=4,opt"`
	Vrf          string        `sandesh:"vrf,id=5,opt,link=VrfListReq"`
	Sport        int32         `sandesh:"sport,id=6,opt"`
	Dport        int32         `sandesh:"dport,id=7,opt"`
	NH           NhSandeshData `sandesh:"nh,id=8"`
}

// VrfAssignSandeshData is a struct.
type VrfAssignSandeshData struct {
	Type    string `sandesh:"type,id=1"`
	VlanTag uint16 `sandesh:"vlan_tag,id=2"`
	Itf     string `sandesh:"itf,id=3,link=ItfReq"`
	Vrf     string `sandesh:"vrf,id=4,link=VrfListReq"`
}

// VrfAssignReq is the request /Snh_VrfAssignReq.
type VrfAssignReq struct {
	UUID string `sandesh:"uuid,id=1"`
}

// VrfAssignResp is a response sandesh (one part of an answer).
type VrfAssignResp struct {
	VrfAssignList []VrfAssignSandeshData `sandesh:"vrf_assign_list,id=1"`
}

// MirrorEntryReq is the request /Snh_MirrorEntryReq.
type MirrorEntryReq struct {
	AnalyzerName string `sandesh:"analyzer_name,id=1"`
}

// MirrorEntryResp is a response sandesh (one part of an answer).
type MirrorEntryResp struct {
	MirrorEntryList []MirrorEntrySandeshData `sandesh:"mirror_entry_list,id=1"`
}

// LinkLocalServiceInfo is the request /Snh_LinkLocalServiceInfo.
type LinkLocalServiceInfo struct{}

// LinkLocalServiceData is a struct.
type LinkLocalServiceData struct {
	LinklocalServiceName string   `sandesh:"linklocal_service_name,id=1"`
	LinklocalServiceIP   string   `sandesh:"linklocal_service_ip,id=2"`
	LinklocalServicePort int32    `sandesh:"linklocal_service_port,id=3"`
	IpfabricDNSName      string   `sandesh:"ipfabric_dns_name,id=4"`
	IpfabricIP           []string `sandesh:"ipfabric_ip,id=5"`
	IpfabricPort         int32    `sandesh:"ipfabric_port,id=6"`
}

// LinkLocalServiceResponse is a response sandesh (one part of an answer).
type LinkLocalServiceResponse struct {
	ServiceList []LinkLocalServiceData `sandesh:"service_list,id=1"`
}

// ServiceInstanceSandeshData is a struct.
type ServiceInstanceSandeshData struct {
	UUID               string                    `sandesh:"uuid,id=1"`
	ServiceType        string                    `sandesh:"service_type,id=2"`
	VirtualizationType string                    `sandesh:"virtualization_type,id=3"`
	InstanceID         string                    `sandesh:"instance_id,id=4"`
	VMIInside          string                    `sandesh:"vmi_inside,id=5"`
	VMIOutside         string                    `sandesh:"vmi_outside,id=6"`
	NSState            NamespaceStateSandeshData `sandesh:"ns_state,id=7"`
}

// MirrorCfgDisplayReq is the request /Snh_MirrorCfgDisplayReq.
type MirrorCfgDisplayReq struct {
	Handle string `sandesh:"handle,id=1"`
}

// VxLanConfigEntry is a struct.
type VxLanConfigEntry struct {
	VxlanID             uint32 `sandesh:"vxlan_id,id=1"`
	VNUUID              string `sandesh:"vn_uuid,id=2"`
	Vrf                 string `sandesh:"vrf,id=3"`
	FloodUnknownUnicast bool   `sandesh:"flood_unknown_unicast,id=4"`
	Active              bool   `sandesh:"active,id=5"`
}

// VxLanConfigResp is a response sandesh (one part of an answer).
type VxLanConfigResp struct {
	VxlanConfigEntries []VxLanConfigEntry `sandesh:"vxlan_config_entries,id=1"`
}

// VxLanConfigReq is the request /Snh_VxLanConfigReq.
type VxLanConfigReq struct {
	VxlanID uint32 `sandesh:"vxlan_id,id=1"`
	VN      string `sandesh:"vn,id=2"`
	Active  string `sandesh:"active,id=3"`
}

// ServiceInstanceReq is the request /Snh_ServiceInstanceReq.
type ServiceInstanceReq struct {
	UUID string `sandesh:"uuid,id=1"`
}

// ServiceInstanceResp is a response sandesh (one part of an answer).
type ServiceInstanceResp struct {
	ServiceInstanceList []ServiceInstanceSandeshData `sandesh:"service_instance_list,id=1"`
}

// MirrorCfgSandesh is a struct.
type MirrorCfgSandesh struct {
	Handle         string `sandesh:"handle,id=1"`
	ApplyVN        string `sandesh:"apply_vn,id=2,link=MirrorCfgVnInfoReq"`
	SrcVN          string `sandesh:"src_vn,id=3"`
	SrcIPPrefix    string `sandesh:"src_ip_prefix,id=4"`
	SrcIPPrefixLen int32  `sandesh:"src_ip_prefix_len,id=5"`
	DstVN          string `sandesh:"dst_vn,id=6"`
	DstIPPrefix    string `sandesh:"dst_ip_prefix,id=7"`
	DstIPPrefixLen int32  `sandesh:"dst_ip_prefix_len,id=8"`
	StartSrcPort   int32  `sandesh:"start_src_port,id=9"`
	EndSrcPort     int32  `sandesh:"end_src_port,id=10"`
	StartDstPort   int32  `sandesh:"start_dst_port,id=11"`
	EndDstPort     int32  `sandesh:"end_dst_port,id=12"`
	Protocol       int32  `sandesh:"protocol,id=13"`
	IP             string `sandesh:"ip,id=14"`
	UDPPort        int32  `sandesh:"udp_port,id=15"`
	TimePeriod     int32  `sandesh:"time_period,id=16"`
	MirrorVrf      string `sandesh:"mirror_vrf,id=17"`
}

// MirrorCfgDisplayResp is a response sandesh (one part of an answer).
type MirrorCfgDisplayResp struct {
	McfgL []MirrorCfgSandesh `sandesh:"mcfg_l,id=1"`
}

// MirrorCfgVnInfoReq is the request /Snh_MirrorCfgVnInfoReq.
type MirrorCfgVnInfoReq struct {
	VNName string `sandesh:"vn_name,id=1"`
}

// VnAclInfo is a struct.
type VnAclInfo struct {
	VNName       string `sandesh:"vn_name,id=1"`
	VNUUID       string `sandesh:"vn_uuid,id=2"`
	DynACLUUID   string `sandesh:"dyn_acl_uuid,id=3"`
	NumOfEntries int32  `sandesh:"num_of_entries,id=4"`
}

// MirrorCfgVnInfoResp is a response sandesh (one part of an answer).
type MirrorCfgVnInfoResp struct {
	VNACLInfoL []VnAclInfo `sandesh:"vn_acl_info_l,id=1"`
}

// IntfMirrorCfgSandesh is a struct.
type IntfMirrorCfgSandesh struct {
	Handle     string `sandesh:"handle,id=1"`
	IntfUUID   string `sandesh:"intf_uuid,id=2,opt"`
	IntfName   string `sandesh:"intf_name,id=3,opt"`
	IP         string `sandesh:"ip,id=4,opt"`
	UDPPort    int32  `sandesh:"udp_port,id=5,opt"`
	TimePeriod int32  `sandesh:"time_period,id=6,opt"`
	MirrorVrf  string `sandesh:"mirror_vrf,id=7,opt"`
}

// IntfMirrorCfgDisplayReq is the request /Snh_IntfMirrorCfgDisplayReq.
type IntfMirrorCfgDisplayReq struct {
	Handle string `sandesh:"handle,id=1"`
}

// IntfMirrorCfgDisplayResp is a response sandesh (one part of an answer).
type IntfMirrorCfgDisplayResp struct {
	ImcfgL []IntfMirrorCfgSandesh `sandesh:"imcfg_l,id=1"`
}

// HealthCheckInstanceSandeshData is a struct.
type HealthCheckInstanceSandeshData struct {
	VMInterface    string `sandesh:"vm_interface,id=1,link=ItfReq"`
	MetadataIP     string `sandesh:"metadata_ip,id=2"`
	ServiceIP      string `sandesh:"service_ip,id=3"`
	HealthCheckIP  string `sandesh:"health_check_ip,id=4"`
	Active         bool   `sandesh:"active,id=5"`
	Running        bool   `sandesh:"running,id=6"`
	LastUpdateTime string `sandesh:"last_update_time,id=7"`
}

// HealthCheckSandeshData is a struct.
type HealthCheckSandeshData struct {
	UUID          string                           `sandesh:"uuid,id=1"`
	Name          string                           `sandesh:"name,id=2"`
	ServiceType   string                           `sandesh:"service_type,id=13"`
	MonitorType   string                           `sandesh:"monitor_type,id=3"`
	HTTPMethod    string                           `sandesh:"http_method,id=4"`
	URLPath       string                           `sandesh:"url_path,id=5"`
	ExpectedCodes string                           `sandesh:"expected_codes,id=6"`
	Delay         uint32                           `sandesh:"delay,id=7"`
	DelayUsecs    uint64                           `sandesh:"delay_usecs,id=11"`
	Timeout       uint32                           `sandesh:"timeout,id=8"`
	TimeoutUsecs  uint64                           `sandesh:"timeout_usecs,id=12"`
	MaxRetries    uint32                           `sandesh:"max_retries,id=9"`
	InstList      []HealthCheckInstanceSandeshData `sandesh:"inst_list,id=10"`
}

// HealthCheckSandeshReq is the request /Snh_HealthCheckSandeshReq.
type HealthCheckSandeshReq struct {
	UUID string `sandesh:"uuid,id=1"`
}

// HealthCheckSandeshResp is a response sandesh (one part of an answer).
type HealthCheckSandeshResp struct {
	HCList []HealthCheckSandeshData `sandesh:"hc_list,id=1"`
}

// BgpAsAServiceSandeshList is a struct.
type BgpAsAServiceSandeshList struct {
	VMBGPPeerIP              string `sandesh:"vm_bgp_peer_ip,id=1"`
	VMNatSourcePort          int32  `sandesh:"vm_nat_source_port,id=2"`
	VMIUUID                  string `sandesh:"vmi_uuid,id=3,link=ItfReq"`
	IsShared                 bool   `sandesh:"is_shared,id=4"`
	HealthCheckConfigured    bool   `sandesh:"health_check_configured,id=5"`
	HealthCheckUUID          string `sandesh:"health_check_uuid,id=6,link=HealthCheckSandeshReq"`
	HealthCheckDelayUsecs    uint64 `sandesh:"health_check_delay_usecs,id=7"`
	HealthCheckTimeoutUsecs  uint64 `sandesh:"health_check_timeout_usecs,id=8"`
	HealthCheckRetries       uint32 `sandesh:"health_check_retries,id=9"`
	PrimaryControlNodeZone   string `sandesh:"primary_control_node_zone,id=10,link=ControlNodeZoneSandeshReq"`
	SecondaryControlNodeZone string `sandesh:"secondary_control_node_zone,id=11,link=ControlNodeZoneSandeshReq"`
	PrimaryBGPPeer           string `sandesh:"primary_bgp_peer,id=12,link=BgpRouterSandeshReq"`
	SecondaryBGPPeer         string `sandesh:"secondary_bgp_peer,id=13,link=BgpRouterSandeshReq"`
}

// BgpAsAServiceSandeshReq is the request /Snh_BgpAsAServiceSandeshReq.
type BgpAsAServiceSandeshReq struct {
	VMIUUID string `sandesh:"vmi_uuid,id=1"`
}

// BgpAsAServiceSandeshResp is a response sandesh (one part of an answer).
type BgpAsAServiceSandeshResp struct {
	BGPAsAServiceList []BgpAsAServiceSandeshList `sandesh:"bgp_as_a_service_list,id=1"`
}
