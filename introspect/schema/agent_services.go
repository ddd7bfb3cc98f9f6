package schema

// contrail-vrouter-agent services module (services/services.sandesh): the
// per-protocol counters and packet traces ist.py `vr service` shows
// (Snh_<Name>Info → <Name>Stats then <Name>PktSandesh), the ARP caches,
// per-interface ARP/ICMPv6 counters and the VM vDNS list.

// DhcpInfo is the request /Snh_DhcpInfo.
type DhcpInfo struct{}

// Dhcpv6Info is the request /Snh_Dhcpv6Info.
type Dhcpv6Info struct{}

// ArpInfo is the request /Snh_ArpInfo.
type ArpInfo struct{}

// DnsInfo is the request /Snh_DnsInfo.
type DnsInfo struct{}

// IcmpInfo is the request /Snh_IcmpInfo.
type IcmpInfo struct{}

// Icmpv6Info is the request /Snh_Icmpv6Info.
type Icmpv6Info struct{}

// MetadataInfo is the request /Snh_MetadataInfo.
type MetadataInfo struct{}

// ShowAllInfo is the request /Snh_ShowAllInfo.
type ShowAllInfo struct{}

// InterfaceArpStats is a struct.
type InterfaceArpStats struct {
	InterfaceIndex uint32 `sandesh:"interface_index,id=1"`
	ARPRequests    uint32 `sandesh:"arp_requests,id=2"`
	ARPReplies     uint32 `sandesh:"arp_replies,id=3"`
	ARPResolved    uint32 `sandesh:"arp_resolved,id=4"`
}

// InterfaceArpStatsReq is the request /Snh_InterfaceArpStatsReq.
type InterfaceArpStatsReq struct {
	InterfaceIndex int32 `sandesh:"interface_index,id=1"`
}

// InterfaceArpStatsResponse is a response sandesh (one part of an answer).
type InterfaceArpStatsResponse struct {
	StatsList []InterfaceArpStats `sandesh:"stats_list,id=1"`
}

// PktStats is a response sandesh (one part of an answer).
type PktStats struct {
	TotalRcvd              int32 `sandesh:"total_rcvd,id=1"`
	DHCPRcvd               int32 `sandesh:"dhcp_rcvd,id=2"`
	ARPRcvd                int32 `sandesh:"arp_rcvd,id=3"`
	DNSRcvd                int32 `sandesh:"dns_rcvd,id=4"`
	ICMPRcvd               int32 `sandesh:"icmp_rcvd,id=5"`
	FlowRcvd               int32 `sandesh:"flow_rcvd,id=6"`
	Dropped                int32 `sandesh:"dropped,id=7"`
	TotalSent              int32 `sandesh:"total_sent,id=8"`
	DHCPSent               int32 `sandesh:"dhcp_sent,id=9"`
	ARPSent                int32 `sandesh:"arp_sent,id=10"`
	DNSSent                int32 `sandesh:"dns_sent,id=11"`
	ICMPSent               int32 `sandesh:"icmp_sent,id=12"`
	DHCPQThresholdExceeded int32 `sandesh:"dhcp_q_threshold_exceeded,id=13"`
	ARPQThresholdExceeded  int32 `sandesh:"arp_q_threshold_exceeded,id=14"`
	DNSQThresholdExceeded  int32 `sandesh:"dns_q_threshold_exceeded,id=15"`
	ICMPQThresholdExceeded int32 `sandesh:"icmp_q_threshold_exceeded,id=16"`
	FlowQThresholdExceeded int32 `sandesh:"flow_q_threshold_exceeded,id=17"`
	MACLearningMsgRcvd     int32 `sandesh:"mac_learning_msg_rcvd,id=18"`
}

// DhcpStats is a response sandesh (one part of an answer).
type DhcpStats struct {
	DHCPDiscover     int32 `sandesh:"dhcp_discover,id=1"`
	DHCPRequest      int32 `sandesh:"dhcp_request,id=2"`
	DHCPInform       int32 `sandesh:"dhcp_inform,id=3"`
	DHCPDecline      int32 `sandesh:"dhcp_decline,id=4"`
	DHCPOther        int32 `sandesh:"dhcp_other,id=5"`
	DHCPErrors       int32 `sandesh:"dhcp_errors,id=6"`
	OffersSent       int32 `sandesh:"offers_sent,id=7"`
	AcksSent         int32 `sandesh:"acks_sent,id=8"`
	NacksSent        int32 `sandesh:"nacks_sent,id=9"`
	RelayRequest     int32 `sandesh:"relay_request,id=10"`
	RelayResponse    int32 `sandesh:"relay_response,id=11"`
	UnknownMsgDrop   int32 `sandesh:"unknown_msg_drop,id=12"`
	DHCPDisabledDrop int32 `sandesh:"dhcp_disabled_drop,id=13"`
	IncorrectMAC     int32 `sandesh:"incorrect_mac,id=14"`
}

// Dhcpv6Stats is a response sandesh (one part of an answer).
type Dhcpv6Stats struct {
	DHCPSolicit        int32 `sandesh:"dhcp_solicit,id=1"`
	DHCPAdvertise      int32 `sandesh:"dhcp_advertise,id=2"`
	DHCPRequest        int32 `sandesh:"dhcp_request,id=3"`
	DHCPConfirm        int32 `sandesh:"dhcp_confirm,id=4"`
	DHCPRenew          int32 `sandesh:"dhcp_renew,id=5"`
	DHCPRebind         int32 `sandesh:"dhcp_rebind,id=6"`
	DHCPReply          int32 `sandesh:"dhcp_reply,id=7"`
	DHCPRelease        int32 `sandesh:"dhcp_release,id=8"`
	DHCPDecline        int32 `sandesh:"dhcp_decline,id=9"`
	DHCPReconfigure    int32 `sandesh:"dhcp_reconfigure,id=10"`
	InformationRequest int32 `sandesh:"information_request,id=11"`
	DHCPError          int32 `sandesh:"dhcp_error,id=12"`
}

// ArpStats is a response sandesh (one part of an answer).
type ArpStats struct {
	ARPEntries            int32 `sandesh:"arp_entries,id=1"`
	ARPRequests           int32 `sandesh:"arp_requests,id=2"`
	ARPReplies            int32 `sandesh:"arp_replies,id=3"`
	ARPGratuitous         int32 `sandesh:"arp_gratuitous,id=4"`
	ARPResolved           int32 `sandesh:"arp_resolved,id=5"`
	ARPMaxRetriesExceeded int32 `sandesh:"arp_max_retries_exceeded,id=6"`
	ARPErrors             int32 `sandesh:"arp_errors,id=7"`
	ARPInvalidPackets     int32 `sandesh:"arp_invalid_packets,id=9"`
	ARPInvalidInterface   int32 `sandesh:"arp_invalid_interface,id=10"`
	ARPInvalidVrf         int32 `sandesh:"arp_invalid_vrf,id=11"`
	ARPInvalidAddress     int32 `sandesh:"arp_invalid_address,id=12"`
	VMARPReq              int32 `sandesh:"vm_arp_req,id=13"`
	VMGarpReq             int32 `sandesh:"vm_garp_req,id=14"`
	IpfabricNotInst       int32 `sandesh:"ipfabric_not_inst,id=15"`
}

// DnsStats is a response sandesh (one part of an answer).
type DnsStats struct {
	DNSResolver       []string `sandesh:"dns_resolver,id=7"`
	Dscp              uint16   `sandesh:"dscp,id=8"`
	DNSRequests       int32    `sandesh:"dns_requests,id=1"`
	DNSResolved       int32    `sandesh:"dns_resolved,id=2"`
	DNSRetransmitReqs int32    `sandesh:"dns_retransmit_reqs,id=3"`
	DNSUnsupported    int32    `sandesh:"dns_unsupported,id=4"`
	DNSFailures       int32    `sandesh:"dns_failures,id=5"`
	DNSDrops          int32    `sandesh:"dns_drops,id=6"`
}

// IcmpStats is a response sandesh (one part of an answer).
type IcmpStats struct {
	ICMPGwPing      int32 `sandesh:"icmp_gw_ping,id=1"`
	ICMPGwPingErr   int32 `sandesh:"icmp_gw_ping_err,id=2"`
	ICMPDrop        int32 `sandesh:"icmp_drop,id=3"`
	ICMPIntfNotInst int32 `sandesh:"icmp_intf_not_inst,id=4"`
	ICMPNoL3fwd     int32 `sandesh:"icmp_no_l3fwd,id=5"`
}

// Icmpv6Stats is a response sandesh (one part of an answer).
type Icmpv6Stats struct {
	ICMPv6RouterSolicit             int32 `sandesh:"icmpv6_router_solicit,id=1"`
	ICMPv6RouterAdvert              int32 `sandesh:"icmpv6_router_advert,id=2"`
	ICMPv6PingRequest               int32 `sandesh:"icmpv6_ping_request,id=3"`
	ICMPv6PingResponse              int32 `sandesh:"icmpv6_ping_response,id=4"`
	ICMPv6Drop                      int32 `sandesh:"icmpv6_drop,id=5"`
	ICMPv6NeighborSolicit           int32 `sandesh:"icmpv6_neighbor_solicit,id=6"`
	ICMPv6NeighborAdvertSolicited   int32 `sandesh:"icmpv6_neighbor_advert_solicited,id=7"`
	ICMPv6NeighborAdvertUnsolicited int32 `sandesh:"icmpv6_neighbor_advert_unsolicited,id=8"`
	ICMPv6NeighborSolicited         int32 `sandesh:"icmpv6_neighbor_solicited,id=9"`
}

// MetadataResponse is a response sandesh (one part of an answer).
type MetadataResponse struct {
	MetadataServerPort     int32 `sandesh:"metadata_server_port,id=1"`
	MetadataRequests       int32 `sandesh:"metadata_requests,id=2"`
	MetadataResponses      int32 `sandesh:"metadata_responses,id=3"`
	MetadataProxySessions  int32 `sandesh:"metadata_proxy_sessions,id=4"`
	MetadataInternalErrors int32 `sandesh:"metadata_internal_errors,id=5"`
}

// InterfaceIcmpv6Stats is a struct.
type InterfaceIcmpv6Stats struct {
	InterfaceIndex                  uint32 `sandesh:"interface_index,id=1"`
	ICMPv6RouterSolicit             uint32 `sandesh:"icmpv6_router_solicit,id=2"`
	ICMPv6RouterAdvert              uint32 `sandesh:"icmpv6_router_advert,id=3"`
	ICMPv6PingRequest               uint32 `sandesh:"icmpv6_ping_request,id=4"`
	ICMPv6PingResponse              uint32 `sandesh:"icmpv6_ping_response,id=5"`
	ICMPv6NeighborSolicit           uint32 `sandesh:"icmpv6_neighbor_solicit,id=6"`
	ICMPv6NeighborAdvertSolicited   uint32 `sandesh:"icmpv6_neighbor_advert_solicited,id=7"`
	ICMPv6NeighborAdvertUnsolicited uint32 `sandesh:"icmpv6_neighbor_advert_unsolicited,id=8"`
	ICMPv6NeighborSolicited         int32  `sandesh:"icmpv6_neighbor_solicited,id=9"`
}

// InterfaceIcmpv6StatsReq is the request /Snh_InterfaceIcmpv6StatsReq.
type InterfaceIcmpv6StatsReq struct {
	InterfaceIndex int32 `sandesh:"interface_index,id=1"`
}

// InterfaceIcmpv6StatsResponse is a response sandesh (one part of an answer).
type InterfaceIcmpv6StatsResponse struct {
	StatsList []InterfaceIcmpv6Stats `sandesh:"stats_list,id=1"`
}

// VrouterHdr is a struct.
type VrouterHdr struct {
	Ifindex  int16  `sandesh:"ifindex,id=1"`
	Vrf      int16  `sandesh:"vrf,id=2"`
	Cmd      string `sandesh:"cmd,id=3"`
	CmdParam int32  `sandesh:"cmd_param,id=4"`
	NH       int32  `sandesh:"nh,id=5"`
}

// MacHdr is a struct.
type MacHdr struct {
	DestMAC string `sandesh:"dest_mac,id=1"`
	SrcMAC  string `sandesh:"src_mac,id=2"`
	Type    string `sandesh:"type,id=3"`
}

// ArpHdr is a struct.
type ArpHdr struct {
	Htype     string `sandesh:"htype,id=1"`
	Protocol  string `sandesh:"protocol,id=2"`
	HwSize    int16  `sandesh:"hw_size,id=3"`
	ProtSize  int16  `sandesh:"prot_size,id=4"`
	Opcode    string `sandesh:"opcode,id=5"`
	SenderMAC string `sandesh:"sender_mac,id=6"`
	SenderIP  string `sandesh:"sender_ip,id=7"`
	TargetMAC string `sandesh:"target_mac,id=8"`
	TargetIP  string `sandesh:"target_ip,id=9"`
}

// Ipv4Hdr is a struct.
type Ipv4Hdr struct {
	Vers     int16  `sandesh:"vers,id=1"`
	Hdrlen   int16  `sandesh:"hdrlen,id=2"`
	Tos      int16  `sandesh:"tos,id=3"`
	Len      int16  `sandesh:"len,id=4"`
	ID       string `sandesh:"id,id=5"`
	Frag     string `sandesh:"frag,id=6"`
	TTL      int16  `sandesh:"ttl,id=7"`
	Protocol string `sandesh:"protocol,id=8"`
	Csum     string `sandesh:"csum,id=9"`
	SrcIP    string `sandesh:"src_ip,id=10"`
	DestIP   string `sandesh:"dest_ip,id=11"`
}

// Ipv6Hdr is a struct.
type Ipv6Hdr struct {
	Flow    int32  `sandesh:"flow,id=1"`
	Plen    int16  `sandesh:"plen,id=2"`
	NextHdr int16  `sandesh:"next_hdr,id=3"`
	Hlim    int16  `sandesh:"hlim,id=4"`
	SrcIP   string `sandesh:"src_ip,id=5"`
	DestIP  string `sandesh:"dest_ip,id=6"`
}

// Icmpv4Hdr is a struct.
type Icmpv4Hdr struct {
	Type string `sandesh:"type,id=1"`
	Code int16  `sandesh:"code,id=2"`
	Csum string `sandesh:"csum,id=3"`
}

// Icmpv6Hdr is a struct.
type Icmpv6Hdr struct {
	Type string `sandesh:"type,id=1"`
	Code int16  `sandesh:"code,id=2"`
	Csum string `sandesh:"csum,id=3"`
	Rest string `sandesh:"rest,id=4"`
}

// UdpHdr is a struct.
type UdpHdr struct {
	SrcPort  int32  `sandesh:"src_port,id=1"`
	DestPort int32  `sandesh:"dest_port,id=2"`
	Length   int16  `sandesh:"length,id=3"`
	Csum     string `sandesh:"csum,id=4"`
}

// Dhcpv4Hdr is a struct.
type Dhcpv4Hdr struct {
	Op           string `sandesh:"op,id=1"`
	Htype        string `sandesh:"htype,id=2"`
	Hlen         int16  `sandesh:"hlen,id=3"`
	Hops         int16  `sandesh:"hops,id=4"`
	XID          string `sandesh:"xid,id=5"`
	Secs         int16  `sandesh:"secs,id=6"`
	Flags        string `sandesh:"flags,id=7"`
	Ciaddr       string `sandesh:"ciaddr,id=8"`
	Yiaddr       string `sandesh:"yiaddr,id=9"`
	Siaddr       string `sandesh:"siaddr,id=10"`
	Giaddr       string `sandesh:"giaddr,id=11"`
	Chaddr       string `sandesh:"chaddr,id=12"`
	Sname        string `sandesh:"sname,id=13"`
	File         string `sandesh:"file,id=14"`
	Cookie       string `sandesh:"cookie,id=15"`
	DHCPOptions  string `sandesh:"dhcp_options,id=16"`
	OtherOptions string `sandesh:"other_options,id=17"`
}

// Dhcpv6Header is a struct.
type Dhcpv6Header struct {
	Type    string `sandesh:"type,id=1"`
	XID     string `sandesh:"xid,id=2"`
	Options string `sandesh:"options,id=3"`
}

// DnsHdr is a struct.
type DnsHdr struct {
	XID   int32  `sandesh:"xid,id=1"`
	Flags string `sandesh:"flags,id=2"`
	Ques  int16  `sandesh:"ques,id=3"`
	Ans   int16  `sandesh:"ans,id=4"`
	Auth  int16  `sandesh:"auth,id=5"`
	Add   int16  `sandesh:"add,id=6"`
	Rest  string `sandesh:"rest,id=7"`
}

// PktData is a struct.
type PktData struct {
	Direction string `sandesh:"direction,id=1"`
	Len       int32  `sandesh:"len,id=2"`
}

// ArpPkt is a struct.
type ArpPkt struct {
	Info     PktData    `sandesh:"info,id=1"`
	AgentHdr VrouterHdr `sandesh:"agent_hdr,id=2"`
	MACHdr   MacHdr     `sandesh:"mac_hdr,id=3"`
	ARPHdr   ArpHdr     `sandesh:"arp_hdr,id=4"`
}

// ArpPktSandesh is a response sandesh (one part of an answer).
type ArpPktSandesh struct {
	Type    string   `sandesh:"type,id=1"`
	PktList []ArpPkt `sandesh:"pkt_list,id=2"`
}

// DhcpPkt is a struct.
type DhcpPkt struct {
	Info     PktData    `sandesh:"info,id=1"`
	AgentHdr VrouterHdr `sandesh:"agent_hdr,id=2"`
	MACHdr   MacHdr     `sandesh:"mac_hdr,id=3"`
	IPHdr    Ipv4Hdr    `sandesh:"ip_hdr,id=4"`
	UDPHdr   UdpHdr     `sandesh:"udp_hdr,id=5"`
	DHCPHdr  Dhcpv4Hdr  `sandesh:"dhcp_hdr,id=6"`
}

// DhcpPktSandesh is a response sandesh (one part of an answer).
type DhcpPktSandesh struct {
	Type    string    `sandesh:"type,id=1"`
	PktList []DhcpPkt `sandesh:"pkt_list,id=2"`
}

// Dhcpv6Pkt is a struct.
type Dhcpv6Pkt struct {
	Info     PktData      `sandesh:"info,id=1"`
	AgentHdr VrouterHdr   `sandesh:"agent_hdr,id=2"`
	MACHdr   MacHdr       `sandesh:"mac_hdr,id=3"`
	IPHdr    Ipv6Hdr      `sandesh:"ip_hdr,id=4"`
	UDPHdr   UdpHdr       `sandesh:"udp_hdr,id=5"`
	DHCPHdr  Dhcpv6Header `sandesh:"dhcp_hdr,id=6"`
}

// Dhcpv6PktSandesh is a response sandesh (one part of an answer).
type Dhcpv6PktSandesh struct {
	Type    string      `sandesh:"type,id=1"`
	PktList []Dhcpv6Pkt `sandesh:"pkt_list,id=2"`
}

// DnsPkt is a struct.
type DnsPkt struct {
	Info     PktData    `sandesh:"info,id=1"`
	AgentHdr VrouterHdr `sandesh:"agent_hdr,id=2"`
	MACHdr   MacHdr     `sandesh:"mac_hdr,id=3"`
	IPHdr    Ipv4Hdr    `sandesh:"ip_hdr,id=4"`
	UDPHdr   UdpHdr     `sandesh:"udp_hdr,id=5"`
	DNSHdr   DnsHdr     `sandesh:"dns_hdr,id=6"`
}

// DnsPktSandesh is a response sandesh (one part of an answer).
type DnsPktSandesh struct {
	Type    string   `sandesh:"type,id=1"`
	PktList []DnsPkt `sandesh:"pkt_list,id=2"`
}

// IcmpPkt is a struct.
type IcmpPkt struct {
	Info     PktData    `sandesh:"info,id=1"`
	AgentHdr VrouterHdr `sandesh:"agent_hdr,id=2"`
	MACHdr   MacHdr     `sandesh:"mac_hdr,id=3"`
	IPHdr    Ipv4Hdr    `sandesh:"ip_hdr,id=4"`
	ICMPHdr  Icmpv4Hdr  `sandesh:"icmp_hdr,id=5"`
}

// Icmpv6Pkt is a struct.
type Icmpv6Pkt struct {
	Info     PktData    `sandesh:"info,id=1"`
	AgentHdr VrouterHdr `sandesh:"agent_hdr,id=2"`
	MACHdr   MacHdr     `sandesh:"mac_hdr,id=3"`
	IPHdr    Ipv6Hdr    `sandesh:"ip_hdr,id=4"`
	ICMPHdr  Icmpv6Hdr  `sandesh:"icmp_hdr,id=5"`
}

// IcmpPktSandesh is a response sandesh (one part of an answer).
type IcmpPktSandesh struct {
	Type    string    `sandesh:"type,id=1"`
	PktList []IcmpPkt `sandesh:"pkt_list,id=2"`
}

// Icmpv6PktSandesh is a response sandesh (one part of an answer).
type Icmpv6PktSandesh struct {
	Type    string      `sandesh:"type,id=1"`
	PktList []Icmpv6Pkt `sandesh:"pkt_list,id=2"`
}

// PktDump is a struct.
type PktDump struct {
	Info     PktData    `sandesh:"info,id=1"`
	AgentHdr VrouterHdr `sandesh:"agent_hdr,id=2"`
	MACHdr   MacHdr     `sandesh:"mac_hdr,id=3"`
	Pkt      string     `sandesh:"pkt,id=4"`
}

// PktSandesh is a response sandesh (one part of an answer).
type PktSandesh struct {
	Type    string    `sandesh:"type,id=1"`
	PktList []PktDump `sandesh:"pkt_list,id=2"`
}

// VmVdnsListEntry is a struct.
type VmVdnsListEntry struct {
	Name             string `sandesh:"name,id=1"`
	VMInterfaceIndex uint32 `sandesh:"vm_interface_index,id=2,link=VmVdnsDataReq"`
}

// VmVdnsListReq is the request /Snh_VmVdnsListReq.
type VmVdnsListReq struct{}

// VmVdnsListResponse is a response sandesh (one part of an answer).
type VmVdnsListResponse struct {
	Rlist []VmVdnsListEntry `sandesh:"rlist,id=1"`
}

// VmVdnsDataReq is the request /Snh_VmVdnsDataReq (the link of
// VmVdnsListEntry.vm_interface_index).
type VmVdnsDataReq struct {
	VMInterfaceIndex uint32 `sandesh:"vm_interface_index,id=1"`
}

// VmVdnsDataResponse is a response sandesh (one part of an answer).
type VmVdnsDataResponse struct {
	Rlist []VmVdnsDataEntry `sandesh:"rlist,id=1"`
}

// VmVdnsDataEntry is one address of a VM interface and its virtual DNS.
type VmVdnsDataEntry struct {
	IP       string `sandesh:"ip,id=1"`
	VdnsName string `sandesh:"vdns_name,id=2"`
}

// ArpSandeshData is a struct.
type ArpSandeshData struct {
	IP            string `sandesh:"ip,id=1"`
	Vrf           string `sandesh:"vrf,id=2"`
	MAC           string `sandesh:"mac,id=3"`
	State         string `sandesh:"state,id=4"`
	InterfaceName string `sandesh:"interface_name,id=5"`
}

// ShowArpCache is the request /Snh_ShowArpCache.
type ShowArpCache struct{}

// ShowGratuitousArpCache is the request /Snh_ShowGratuitousArpCache.
type ShowGratuitousArpCache struct{}

// ArpCacheResp is a response sandesh (one part of an answer).
type ArpCacheResp struct {
	ARPList []ArpSandeshData `sandesh:"arp_list,id=1"`
}

// SetDefaults gives interface_index its .sandesh default (-1 = all).
func (r *InterfaceArpStatsReq) SetDefaults() { r.InterfaceIndex = -1 }

// SetDefaults gives interface_index its .sandesh default (-1 = all).
func (r *InterfaceIcmpv6StatsReq) SetDefaults() { r.InterfaceIndex = -1 }
