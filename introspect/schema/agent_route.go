package schema

// contrail-vrouter-agent VRFs, VNs, routes, next hops and MPLS labels
// (tf-controller src/vnsw/agent/oper/agent.sandesh; spec §5.2.4–§5.2.8).

// VnListReq lists virtual networks.
type VnListReq struct {
	Name     string `sandesh:"name,id=1"`
	UUID     string `sandesh:"uuid,id=2"`
	VxlanID  string `sandesh:"vxlan_id,id=3"`
	IpamName string `sandesh:"ipam_name,id=4"`
}

// VnListResp is one part of a VN list.
type VnListResp struct {
	VnList []VnSandeshData `sandesh:"vn_list,id=1"`
}

// VnSandeshData is one virtual network.
type VnSandeshData struct {
	Name                string                      `sandesh:"name,id=1"`
	UUID                string                      `sandesh:"uuid,id=2"`
	ACLUUID             string                      `sandesh:"acl_uuid,id=3,link=AclReq"`
	MirrorACLUUID       string                      `sandesh:"mirror_acl_uuid,id=4,link=AclReq"`
	MirrorCfgACLUUID    string                      `sandesh:"mirror_cfg_acl_uuid,id=5,link=AclReq"`
	VrfName             string                      `sandesh:"vrf_name,id=6,link=VrfListReq"`
	IpamData            []VnIpamData                `sandesh:"ipam_data,id=7"`
	IpamHostRoutes      []VnIpamHostRoutes          `sandesh:"ipam_host_routes,id=8"`
	Layer2Forwarding    bool                        `sandesh:"layer2_forwarding,id=9"`
	IPv4Forwarding      bool                        `sandesh:"ipv4_forwarding,id=10"`
	AdminState          bool                        `sandesh:"admin_state,id=11"`
	VxlanID             int32                       `sandesh:"vxlan_id,id=12"`
	ConfigVxlanID       int32                       `sandesh:"config_vxlan_id,id=13"`
	VnID                int32                       `sandesh:"vn_id,id=14"`
	EnableRpf           bool                        `sandesh:"enable_rpf,id=15"`
	Bridging            bool                        `sandesh:"bridging,id=16"`
	FloodUnknownUnicast bool                        `sandesh:"flood_unknown_unicast,id=17"`
	PbbEtreeEnabled     bool                        `sandesh:"pbb_etree_enabled,id=18"`
	Layer2ControlWord   bool                        `sandesh:"layer2_control_word,id=19"`
	SloList             []SecurityLoggingObjectLink `sandesh:"slo_list,id=20"`
	CfgIgmpEnable       bool                        `sandesh:"cfg_igmp_enable,id=21"`
	MaxFlows            int32                       `sandesh:"max_flows,id=22"`
	MpList              []MulticastPolicyLink       `sandesh:"mp_list,id=23"`
	MacIPLearningEnable bool                        `sandesh:"mac_ip_learning_enable,id=24"`
	HealthCheckUUID     string                      `sandesh:"health_check_uuid,id=25"`
}

// VnIpamData is one subnet of a VN.
type VnIpamData struct {
	IPPrefix     string `sandesh:"ip_prefix,id=1"`
	PrefixLen    int32  `sandesh:"prefix_len,id=2"`
	Gateway      string `sandesh:"gateway,id=3"`
	IpamName     string `sandesh:"ipam_name,id=4"`
	DHCPEnable   string `sandesh:"dhcp_enable,id=5"`
	DNSServer    string `sandesh:"dns_server,id=6"`
	DHCPEnableV6 string `sandesh:"dhcp_enable_v6,id=7"`
}

// VnIpamHostRoutes are the host routes of one IPAM.
type VnIpamHostRoutes struct {
	IpamName   string   `sandesh:"ipam_name,id=1"`
	HostRoutes []string `sandesh:"host_routes,id=2"`
}

// MulticastPolicyLink links a multicast policy.
type MulticastPolicyLink struct {
	MpUUID string `sandesh:"mp_uuid,id=1,link=MulticastPolicyReq"`
}

// VrfListReq lists VRFs whose name contains Name.
type VrfListReq struct {
	Name string `sandesh:"name,id=1"`
}

// VrfListResp is one part of a VRF list.
type VrfListResp struct {
	VrfList []VrfSandeshData `sandesh:"vrf_list,id=1"`
}

// VrfSandeshData is one VRF; every index holds the VRF id.
type VrfSandeshData struct {
	Name              string `sandesh:"name,id=1"`
	UcIndex           int32  `sandesh:"ucindex,id=2,link=Inet4UcRouteReq"`
	McIndex           int32  `sandesh:"mcindex,id=3,link=Inet4McRouteReq"`
	L2Index           int32  `sandesh:"l2index,id=4,link=Layer2RouteReq"`
	Source            string `sandesh:"source,id=5"`
	Uc6Index          int32  `sandesh:"uc6index,id=6,link=Inet6UcRouteReq"`
	VN                string `sandesh:"vn,id=7,link=VnListReq"`
	TableLabel        int32  `sandesh:"table_label,id=8"`
	VxlanID           int32  `sandesh:"vxlan_id,id=9"`
	EvpnIndex         int32  `sandesh:"evpnindex,id=10,link=EvpnRouteReq"`
	BrIndex           int32  `sandesh:"brindex,id=11,link=BridgeRouteReq"`
	MplsIndex         int32  `sandesh:"mplsindex,id=12,link=Inet4MplsUcRouteReq"`
	RD                string `sandesh:"RD,id=13"`
	MacAgingTime      int32  `sandesh:"mac_aging_time,id=14"`
	Layer2ControlWord bool   `sandesh:"layer2_control_word,id=15"`
	ForwardingVrf     string `sandesh:"forwarding_vrf,id=16"`
	HbfRintf          int32  `sandesh:"hbf_rintf,id=17"`
	HbfLintf          int32  `sandesh:"hbf_lintf,id=18"`
}

// Inet4UcRouteReq lists the IPv4 unicast routes of VRF VrfIndex.
type Inet4UcRouteReq struct {
	VrfIndex  int32  `sandesh:"vrf_index,id=1"`
	SrcIP     string `sandesh:"src_ip,id=2"`
	PrefixLen uint16 `sandesh:"prefix_len,id=3"`
	Stale     bool   `sandesh:"stale,id=4"`
}

// Inet6UcRouteReq lists the IPv6 unicast routes of VRF VrfIndex.
type Inet6UcRouteReq struct {
	VrfIndex  int32  `sandesh:"vrf_index,id=1"`
	SrcIP     string `sandesh:"src_ip,id=2"`
	PrefixLen uint16 `sandesh:"prefix_len,id=3"`
	Stale     bool   `sandesh:"stale,id=4"`
}

// Inet4UcRouteResp is one part of an IPv4 route list.
type Inet4UcRouteResp struct {
	RouteList []RouteUcSandeshData `sandesh:"route_list,id=1"`
}

// Inet6UcRouteResp is one part of an IPv6 route list.
type Inet6UcRouteResp struct {
	RouteList []RouteUcSandeshData `sandesh:"route_list,id=1"`
}

// RouteUcSandeshData is one unicast route.
type RouteUcSandeshData struct {
	SrcIP           string            `sandesh:"src_ip,id=1"`
	SrcPlen         int32             `sandesh:"src_plen,id=2"`
	SrcVrf          string            `sandesh:"src_vrf,id=3,link=VrfListReq"`
	PathList        []PathSandeshData `sandesh:"path_list,id=4"`
	IpamSubnetRoute bool              `sandesh:"ipam_subnet_route,id=5,opt"`
	IpamHostRoute   bool              `sandesh:"ipam_host_route,id=8,opt"`
	ProxyArp        bool              `sandesh:"proxy_arp,id=6,opt"`
	Multicast       bool              `sandesh:"multicast,id=7"`
	IntfRouteType   string            `sandesh:"intf_route_type,id=9"`
}

// PathSandeshData is one path of a route. ist.py needs active_label and
// path_preference_data (optional in the .sandesh, always set by the
// agent), hence the pointers.
type PathSandeshData struct {
	NH                  NhSandeshData              `sandesh:"nh,id=1"`
	Label               int32                      `sandesh:"label,id=2"`
	VxlanID             int32                      `sandesh:"vxlan_id,id=3"`
	Peer                string                     `sandesh:"peer,id=4"`
	DestVnList          []string                   `sandesh:"dest_vn_list,id=5,link=VnListReq"`
	Unresolved          string                     `sandesh:"unresolved,id=6"`
	GwIP                string                     `sandesh:"gw_ip,id=7,opt"`
	Vrf                 string                     `sandesh:"vrf,id=8,opt,link=VrfListReq"`
	SgList              []int32                    `sandesh:"sg_list,id=10,opt"`
	SupportedTunnelType string                     `sandesh:"supported_tunnel_type,id=11"`
	ActiveTunnelType    string                     `sandesh:"active_tunnel_type,id=12"`
	Stale               bool                       `sandesh:"stale,id=13,opt"`
	PathPreferenceData  *PathPreferenceSandeshData `sandesh:"path_preference_data,id=14,opt"`
	Info                string                     `sandesh:"info,id=15,opt"`
	ActiveLabel         *int32                     `sandesh:"active_label,id=16,opt"`
	FloodDHCP           string                     `sandesh:"flood_dhcp,id=17,opt"`
	VMName              string                     `sandesh:"vm_name,id=18,opt"`
	EcmpSuppressed      bool                       `sandesh:"ecmp_suppressed,id=19,opt"`
	EcmpHashingFields   string                     `sandesh:"ecmp_hashing_fields,id=20,opt"`
	Communities         []string                   `sandesh:"communities,id=21,opt"`
	PeerSequenceNumber  uint64                     `sandesh:"peer_sequence_number,id=22,opt"`
	EtreeLeaf           bool                       `sandesh:"etree_leaf,id=23"`
	Layer2ControlWord   bool                       `sandesh:"layer2_control_word,id=24"`
	TagList             []int32                    `sandesh:"tag_list,id=25,opt"`
	Inactive            bool                       `sandesh:"inactive,id=26"`
	OriginVn            string                     `sandesh:"origin_vn,id=27"`
}

// PathPreferenceSandeshData is the preference of a path.
type PathPreferenceSandeshData struct {
	Sequence       int32  `sandesh:"sequence,id=1"`
	Preference     int32  `sandesh:"preference,id=2"`
	Ecmp           bool   `sandesh:"ecmp,id=3"`
	WaitForTraffic bool   `sandesh:"wait_for_traffic,id=4,opt"`
	DependentIP    string `sandesh:"dependent_ip,id=5,opt"`
}

// NhSandeshData is one next hop. Optional fields are set per NH type as
// the agent does (itf for interface/receive, sip/dip/tunnel_type for
// tunnels); mac is a list in TF.
type NhSandeshData struct {
	Type                string                  `sandesh:"type,id=1"`
	RefCount            int32                   `sandesh:"ref_count,id=2"`
	Valid               string                  `sandesh:"valid,id=3,opt"`
	Policy              string                  `sandesh:"policy,id=4,opt"`
	Sip                 string                  `sandesh:"sip,id=5,opt"`
	Dip                 string                  `sandesh:"dip,id=6,opt"`
	Vrf                 string                  `sandesh:"vrf,id=7,opt,link=VrfListReq"`
	Itf                 string                  `sandesh:"itf,id=8,opt,link=ItfReq"`
	MAC                 []string                `sandesh:"mac,id=9,opt"`
	Sport               int32                   `sandesh:"sport,id=10,opt"`
	Dport               int32                   `sandesh:"dport,id=11,opt"`
	Mcast               string                  `sandesh:"mcast,id=12,opt"`
	Label               int32                   `sandesh:"label,id=13,opt"`
	McList              []McastData             `sandesh:"mc_list,id=14,opt"`
	VlanTag             int16                   `sandesh:"vlan_tag,id=15,opt"`
	TunnelType          string                  `sandesh:"tunnel_type,id=16,opt"`
	LocalEcmp           string                  `sandesh:"local_ecmp,id=17,opt"`
	FabricComp          *FabricCompositeData    `sandesh:"fabric_comp,id=18,opt"`
	L2Comp              *L2CompositeData        `sandesh:"l2_comp,id=19,opt"`
	L3Comp              *L3CompositeData        `sandesh:"l3_comp,id=20,opt"`
	NhIndex             int32                   `sandesh:"nh_index,id=21"`
	InterfaceComp       *MulticastCompositeData `sandesh:"interface_comp,id=22,opt"`
	EvpnComp            *MulticastCompositeData `sandesh:"evpn_comp,id=23,opt"`
	VxlanFlag           bool                    `sandesh:"vxlan_flag,id=24,opt"`
	IntfFlags           int32                   `sandesh:"intf_flags,id=34"`
	FloodUnknownUnicast bool                    `sandesh:"flood_unknown_unicast,id=25,opt"`
	Isid                int32                   `sandesh:"isid,id=26"`
	LearningEnabled     bool                    `sandesh:"learning_enabled,id=27"`
	EtreeLeaf           bool                    `sandesh:"etree_leaf,id=28"`
	Layer2ControlWord   bool                    `sandesh:"layer2_control_word,id=29"`
	PbbBmac             string                  `sandesh:"pbb_bmac,id=30,opt"`
	CryptAllTraffic     bool                    `sandesh:"crypt_all_traffic,id=31"`
	CryptPathAvailable  bool                    `sandesh:"crypt_path_available,id=32"`
	CryptInterface      string                  `sandesh:"crypt_interface,id=33"`
}

// McastData is one member of a composite next hop.
type McastData struct {
	Type    string `sandesh:"type,id=1"`
	Sip     string `sandesh:"sip,id=2,opt"`
	Dip     string `sandesh:"dip,id=3,opt"`
	Label   int32  `sandesh:"label,id=4,opt"`
	Itf     string `sandesh:"itf,id=5,opt,link=ItfReq"`
	VlanTag int16  `sandesh:"vlan_tag,id=6,opt"`
}

// FabricCompositeData is a fabric composite next hop.
type FabricCompositeData struct {
	Type   string      `sandesh:"type,id=1"`
	Sip    string      `sandesh:"sip,id=2,opt"`
	Dip    string      `sandesh:"dip,id=3,opt"`
	McList []McastData `sandesh:"mc_list,id=4,opt"`
}

// L2CompositeData is an L2 composite next hop.
type L2CompositeData struct {
	Type       string               `sandesh:"type,id=1"`
	Sip        string               `sandesh:"sip,id=2,opt"`
	Dip        string               `sandesh:"dip,id=3,opt"`
	FabricComp *FabricCompositeData `sandesh:"fabric_comp,id=4,opt"`
	McList     []McastData          `sandesh:"mc_list,id=5,opt"`
}

// L3CompositeData is an L3 composite next hop.
type L3CompositeData struct {
	Type       string               `sandesh:"type,id=1"`
	Sip        string               `sandesh:"sip,id=2,opt"`
	Dip        string               `sandesh:"dip,id=3,opt"`
	FabricComp *FabricCompositeData `sandesh:"fabric_comp,id=4,opt"`
	McList     []McastData          `sandesh:"mc_list,id=5,opt"`
}

// MulticastCompositeData is an interface/EVPN composite next hop.
type MulticastCompositeData struct {
	Type   string      `sandesh:"type,id=1"`
	Sip    string      `sandesh:"sip,id=2,opt"`
	Dip    string      `sandesh:"dip,id=3,opt"`
	McList []McastData `sandesh:"mc_list,id=4,opt"`
}

// Layer2RouteReq lists the layer-2 routes of a VRF.
type Layer2RouteReq struct {
	VrfIndex int32  `sandesh:"vrf_index,id=1"`
	MAC      string `sandesh:"mac,id=2"`
	Stale    bool   `sandesh:"stale,id=3"`
}

// BridgeRouteReq lists the bridge routes of a VRF (same fields as
// Layer2RouteReq).
type BridgeRouteReq struct {
	VrfIndex int32  `sandesh:"vrf_index,id=1"`
	MAC      string `sandesh:"mac,id=2"`
	Stale    bool   `sandesh:"stale,id=3"`
}

// EvpnRouteReq lists the EVPN routes of a VRF.
type EvpnRouteReq struct {
	VrfIndex int32  `sandesh:"vrf_index,id=1"`
	MAC      string `sandesh:"mac,id=2"`
	Stale    bool   `sandesh:"stale,id=3"`
}

// Layer2RouteResp is one part of a layer-2 route list.
type Layer2RouteResp struct {
	RouteList []RouteL2SandeshData `sandesh:"route_list,id=1"`
}

// BridgeRouteResp is one part of a bridge route list.
type BridgeRouteResp struct {
	RouteList []RouteL2SandeshData `sandesh:"route_list,id=1"`
}

// RouteL2SandeshData is one layer-2/bridge route.
type RouteL2SandeshData struct {
	MAC      string            `sandesh:"mac,id=1"`
	SrcVrf   string            `sandesh:"src_vrf,id=2,link=VrfListReq"`
	PathList []PathSandeshData `sandesh:"path_list,id=4"`
}

// EvpnRouteResp is one part of an EVPN route list.
type EvpnRouteResp struct {
	RouteList []RouteEvpnSandeshData `sandesh:"route_list,id=1"`
}

// RouteEvpnSandeshData is one EVPN route.
type RouteEvpnSandeshData struct {
	MAC      string            `sandesh:"mac,id=1"`
	SrcVrf   string            `sandesh:"src_vrf,id=2,link=VrfListReq"`
	IPAddr   string            `sandesh:"ip_addr,id=3"`
	PathList []PathSandeshData `sandesh:"path_list,id=4"`
}

// NhListReq lists next hops.
type NhListReq struct {
	Type          string `sandesh:"type,id=1"`
	NhIndex       string `sandesh:"nh_index,id=2"`
	PolicyEnabled string `sandesh:"policy_enabled,id=3"`
}

// NhListResp is one part of a next-hop list.
type NhListResp struct {
	NhList []NhSandeshData `sandesh:"nh_list,id=1"`
}

// MplsReq lists MPLS labels.
type MplsReq struct {
	Type  string `sandesh:"type,id=1"`
	Label string `sandesh:"label,id=2"`
}

// MplsResp is one part of an MPLS label list.
type MplsResp struct {
	MplsList []MplsSandeshData `sandesh:"mpls_list,id=1"`
}

// MplsSandeshData is one label and its next hop.
type MplsSandeshData struct {
	Label int32         `sandesh:"label,id=1"`
	Type  string        `sandesh:"type,id=2"`
	NH    NhSandeshData `sandesh:"nh,id=3"`
}
