package schema

// contrail-vrouter-agent interfaces (tf-controller src/vnsw/agent/oper/
// agent.sandesh; spec §5.2.2). Fields in declaration order.

// ItfReq lists agent interfaces; fields are positional (C++).
type ItfReq struct {
	Name        string `sandesh:"name,id=1"`
	Type        string `sandesh:"type,id=2"`
	UUID        string `sandesh:"uuid,id=3"`
	VN          string `sandesh:"vn,id=4"`
	MAC         string `sandesh:"mac,id=5"`
	IPv4Address string `sandesh:"ipv4_address,id=6"`
	IPv6Address string `sandesh:"ipv6_address,id=7"`
	ParentUUID  string `sandesh:"parent_uuid,id=8"`
	IPActive    string `sandesh:"ip_active,id=9"`
	IP6Active   string `sandesh:"ip6_active,id=10"`
	L2Active    string `sandesh:"l2_active,id=11"`
}

// ItfResp is one part (≤100 entries) of an interface list.
type ItfResp struct {
	ItfList []ItfSandeshData `sandesh:"itf_list,id=1"`
}

// ItfSandeshData is one agent interface.
type ItfSandeshData struct {
	Index                  int32                       `sandesh:"index,id=1"`
	Name                   string                      `sandesh:"name,id=2"`
	UUID                   string                      `sandesh:"uuid,id=3"`
	VrfName                string                      `sandesh:"vrf_name,id=4,link=VrfListReq"`
	Active                 string                      `sandesh:"active,id=5"`
	IPv4Active             string                      `sandesh:"ipv4_active,id=49,opt"`
	L2Active               string                      `sandesh:"l2_active,id=28"`
	IP6Active              string                      `sandesh:"ip6_active,id=35,opt"`
	HealthCheckActive      string                      `sandesh:"health_check_active,id=53,opt"`
	DHCPService            string                      `sandesh:"dhcp_service,id=6"`
	DHCPServiceV6          string                      `sandesh:"dhcp_service_v6,id=72"`
	DNSService             string                      `sandesh:"dns_service,id=7"`
	Type                   string                      `sandesh:"type,id=8"`
	Label                  int32                       `sandesh:"label,id=9"`
	L2Label                int32                       `sandesh:"l2_label,id=25"`
	VxlanID                int32                       `sandesh:"vxlan_id,id=26"`
	VnName                 string                      `sandesh:"vn_name,id=10,link=VnListReq"`
	VMUUID                 string                      `sandesh:"vm_uuid,id=11,link=VmListReq"`
	VMName                 string                      `sandesh:"vm_name,id=12"`
	IPAddr                 string                      `sandesh:"ip_addr,id=13"`
	MACAddr                string                      `sandesh:"mac_addr,id=14"`
	Policy                 string                      `sandesh:"policy,id=15"`
	FipList                []FloatingIpSandeshList     `sandesh:"fip_list,id=16"`
	MdataIPAddr            string                      `sandesh:"mdata_ip_addr,id=17"`
	ServiceVlanList        []ServiceVlanSandeshList    `sandesh:"service_vlan_list,id=18"`
	OsIfindex              int32                       `sandesh:"os_ifindex,id=19"`
	FabricPort             string                      `sandesh:"fabric_port,id=20"`
	AllocLinklocalIP       string                      `sandesh:"alloc_linklocal_ip,id=21"`
	AnalyzerName           string                      `sandesh:"analyzer_name,id=22"`
	ConfigName             string                      `sandesh:"config_name,id=23"`
	SgUUIDList             []VmIntfSgUuid              `sandesh:"sg_uuid_list,id=24"`
	StaticRouteList        []StaticRouteSandesh        `sandesh:"static_route_list,id=27"`
	VMProjectUUID          string                      `sandesh:"vm_project_uuid,id=30"`
	AdminState             string                      `sandesh:"admin_state,id=31"`
	FlowKeyIdx             int32                       `sandesh:"flow_key_idx,id=32"`
	AllowedAddressPairList []StaticRouteSandesh        `sandesh:"allowed_address_pair_list,id=33,opt"`
	IP6Addr                string                      `sandesh:"ip6_addr,id=34,opt"`
	LocalPreference        int32                       `sandesh:"local_preference,id=36"`
	TxVlanID               int16                       `sandesh:"tx_vlan_id,id=37"`
	RxVlanID               int16                       `sandesh:"rx_vlan_id,id=38"`
	ParentInterface        string                      `sandesh:"parent_interface,id=39"`
	Subnet                 string                      `sandesh:"subnet,id=40,opt"`
	SubType                string                      `sandesh:"sub_type,id=41,opt"`
	VrfAssignACLUUID       string                      `sandesh:"vrf_assign_acl_uuid,id=42,opt,link=AclReq"`
	VmiType                string                      `sandesh:"vmi_type,id=43,opt"`
	Transport              string                      `sandesh:"transport,id=44"`
	LogicalInterfaceUUID   string                      `sandesh:"logical_interface_uuid,id=45"`
	FloodUnknownUnicast    bool                        `sandesh:"flood_unknown_unicast,id=46,opt"`
	PhysicalDevice         string                      `sandesh:"physical_device,id=47"`
	PhysicalInterface      string                      `sandesh:"physical_interface,id=48"`
	FixedIP4List           []string                    `sandesh:"fixed_ip4_list,id=50"`
	FixedIP6List           []string                    `sandesh:"fixed_ip6_list,id=51"`
	FatFlowList            []string                    `sandesh:"fat_flow_list,id=52"`
	MetadataIPActive       string                      `sandesh:"metadata_ip_active,id=54,opt"`
	ServiceHealthCheckIP   string                      `sandesh:"service_health_check_ip,id=55,opt"`
	QosConfig              string                      `sandesh:"qos_config,id=56,opt,link=AgentQosConfigSandeshReq"`
	AliasIPList            []AliasIpSandeshList        `sandesh:"alias_ip_list,id=57"`
	DropNewFlows           bool                        `sandesh:"drop_new_flows,id=58"`
	BridgeDomainList       []VmIntfBridgeDomainUuid    `sandesh:"bridge_domain_list,id=59"`
	VmiTagList             []VmiTagData                `sandesh:"vmi_tag_list,id=60"`
	PolicySetACLList       []string                    `sandesh:"policy_set_acl_list,id=61"`
	SloList                []SecurityLoggingObjectLink `sandesh:"slo_list,id=62"`
	VhostuserMode          int8                        `sandesh:"vhostuser_mode,id=63"`
	SiOtherEndVmi          string                      `sandesh:"si_other_end_vmi,id=64"`
	CfgIgmpEnable          bool                        `sandesh:"cfg_igmp_enable,id=65"`
	IgmpEnabled            bool                        `sandesh:"igmp_enabled,id=66"`
	MaxFlows               int32                       `sandesh:"max_flows,id=67"`
	PolicySetFwaasList     []string                    `sandesh:"policy_set_fwaas_list,id=68"`
	BondInterfaceList      []BondInterface             `sandesh:"bond_interface_list,id=69"`
	MacIPLearningEnable    bool                        `sandesh:"mac_ip_learning_enable,id=70"`
	MacIPList              []LearntMacIpSandeshList    `sandesh:"mac_ip_list,id=71"`
}

// FloatingIpSandeshList is one floating IP of an interface.
type FloatingIpSandeshList struct {
	IPAddr         string               `sandesh:"ip_addr,id=1"`
	VrfName        string               `sandesh:"vrf_name,id=2,link=VrfListReq"`
	Installed      string               `sandesh:"installed,id=3"`
	FixedIP        string               `sandesh:"fixed_ip,id=4"`
	Direction      string               `sandesh:"direction,id=5"`
	PortMapEnabled bool                 `sandesh:"port_map_enabled,id=6"`
	PortMap        []SandeshPortMapping `sandesh:"port_map,id=7"`
}

// SandeshPortMapping is one port translation of a floating IP.
type SandeshPortMapping struct {
	Protocol uint16 `sandesh:"protocol,id=1"`
	Port     uint16 `sandesh:"port,id=2"`
	NatPort  uint16 `sandesh:"nat_port,id=3"`
}

// ServiceVlanSandeshList is one service VLAN of an interface.
type ServiceVlanSandeshList struct {
	Tag              int16  `sandesh:"tag,id=1"`
	VrfName          string `sandesh:"vrf_name,id=2,link=VrfListReq"`
	IPAddr           string `sandesh:"ip_addr,id=3"`
	IP6Addr          string `sandesh:"ip6_addr,id=6"`
	Label            int16  `sandesh:"label,id=4"`
	Installed        string `sandesh:"installed,id=5"`
	V4RouteInstalled string `sandesh:"v4_route_installed,id=7"`
	V6RouteInstalled string `sandesh:"v6_route_installed,id=8"`
}

// VmIntfSgUuid is one security group of an interface.
type VmIntfSgUuid struct {
	SgUUID string `sandesh:"sg_uuid,id=1,link=SgListReq"`
}

// StaticRouteSandesh is an interface static route or allowed address pair.
type StaticRouteSandesh struct {
	VrfName     string   `sandesh:"vrf_name,id=1,link=VrfListReq"`
	IPAddr      string   `sandesh:"ip_addr,id=2"`
	Prefix      int32    `sandesh:"prefix,id=3"`
	MACAddr     string   `sandesh:"mac_addr,id=4,opt"`
	Communities []string `sandesh:"communities,id=5,opt"`
	Label       uint32   `sandesh:"label,id=6,opt"`
}

// AliasIpSandeshList is one alias IP of an interface.
type AliasIpSandeshList struct {
	IPAddr    string `sandesh:"ip_addr,id=1"`
	VrfName   string `sandesh:"vrf_name,id=2,link=VrfListReq"`
	Installed string `sandesh:"installed,id=3"`
}

// VmIntfBridgeDomainUuid is one bridge domain of an interface.
type VmIntfBridgeDomainUuid struct {
	BridgeDomainUUID string `sandesh:"bridge_domain_uuid,id=1,link=BridgeDomainSandeshReq"`
}

// VmiTagData is one tag of an interface.
type VmiTagData struct {
	Name                     string                     `sandesh:"name,id=1"`
	ID                       int32                      `sandesh:"id,id=2"`
	ApplicationPolicySetList []ApplicationPolicySetLink `sandesh:"application_policy_set_list,id=3"`
}

// ApplicationPolicySetLink links an application policy set.
type ApplicationPolicySetLink struct {
	ApplicationPolicySet string `sandesh:"application_policy_set,id=1,link=ApplicationPolicySetReq"`
}

// SecurityLoggingObjectLink links a security logging object.
type SecurityLoggingObjectLink struct {
	SloUUID string `sandesh:"slo_uuid,id=1,link=SLOListReq"`
}

// BondInterface is one bond member (DPDK).
type BondInterface struct {
	IntfName    string `sandesh:"intf_name,id=1"`
	IntfDrvName string `sandesh:"intf_drv_name,id=2"`
	IntfStatus  string `sandesh:"intf_status,id=3"`
}

// LearntMacIpSandeshList is one learnt MAC-IP pair (TF only).
type LearntMacIpSandeshList struct {
	IPAddr      string `sandesh:"ip_addr,id=1"`
	MACAddr     string `sandesh:"mac_addr,id=2"`
	L2Installed string `sandesh:"l2_installed,id=3"`
	L3Installed string `sandesh:"l3_installed,id=4"`
}
