// Package agent is the refnode vRouter agent (contrail-vrouter-agent):
// VRFs, interfaces, MPLS labels, next hops and routes built from a Config,
// two XMPP channels to control nodes, and the agent introspect on
// <address>:8085.
//
// # API
//
//	New(Config) (*Agent, error)       // validates; nothing runs yet
//	a.Start(ctx) / a.Stop()           // Stop = process death; Start again = empty tables from Config
//	a.Pause() / a.Resume()            // frozen process: sessions keep TCP but go silent (hold timers expire), introspect hangs
//	a.CutControl(name)                // close one XMPP session (one flap, reconnects at once)
//	a.CutDNS(name) / a.BlockDNS(name, on) // the same for a DNS server channel (no rotation)
//	a.DNSServers() []string           // DNS servers in use, by slot
//	a.Block(name, on)                 // partition: connects to that control fail, the channel times out and moves on
//	a.AddInterface(Interface) / a.RemoveInterface(tap)   // pod added/deleted: publish/withdraw
//	a.Controls() []string             // control nodes in use, by slot
//	a.NodeStatus() schema.NodeStatus  // what SandeshUVECacheReq?x=NodeStatus serves
//	a.IntrospectAddr() string
//
// # Behaviour (Contrail's, see ../shared/research/refnode-design.md §1.2)
//
//   - VRF ids: 0 = ip-fabric:__default__, 1 = __link_local__:__link_local__,
//     then one per Config network in order ("<fq_name>:<last part>"); the id
//     is the instance-id sent in subscribes.
//   - Interfaces: eth0, vhost0, pkt0, then one "vport" per Config interface
//     with an interface NH and a label from 16 up (labels skip the multicast
//     blocks at the top of the 5120-label space; freed labels are reused).
//     Local routes: the vhost address (Local, receive NH) in the fabric VRF,
//     subnet gateways (Local) and each interface's /32 (LocalVmPort).
//   - Controls: the configured list is shuffled once (seeded), the first
//     MaxXMPPServers are used. A channel that fails MaxAttempts connects in a
//     row (TIMEDOUT) sends its control node to the end of the list and the
//     slot takes the next one not in use; a connected channel is kept.
//   - Per channel: on Established, subscribe to every VRF but link-local,
//     publish every LocalVmPort route (publish + associate IQs, encaps gre
//     and udp, sub-protocol interface), End-of-RIB after AgentEoRQuiet.
//     Items received become paths whose peer is the control node address,
//     with a tunnel NH (sip = own address, dip = the item's next hop,
//     MPLSoUDP/MPLSoGRE by EncapPriority) or an ECMP Composite NH; retracts
//     and a lost session delete that control node's paths (no graceful
//     restart, so no stale paths).
//   - DNS servers (dns.go): the first MaxXMPPServers of Config.DNSServers
//     after the same seeded shuffle get a channel to contrail-dns (XMPP,
//     port 8093, to network-dns@contrailsystems.com) that carries only
//     keep-alives; a server that does not answer is retried, not rotated.
//   - NodeStatus (nodestatus.go): one "XMPP" connection
//     "control-node:<ip>" per control channel and one "dns-server:<ip>"
//     per DNS channel (server_addrs <ip>:8093), ordered by name. Each
//     entry is rewritten only on its channel's events, like the real
//     agent's: Up "OpenSent" when Established, Down "Established"
//     after a session loss, Down "Connect" after a timed-out retry, Down
//     "Idle" before any. Every entry not Up is named in the description
//     ("XMPP:control-node:<ip>, XMPP:dns-server:<ip> connection down"), but
//     only control nodes decide the state: Functional while at least one
//     entry is Up ("No control-nodes configured" with none).
//
// # Introspect
//
// Every request of ist.py `vr` and the common ones, by .sandesh module:
//
//   - agent: ItfReq, VrfListReq, VnListReq, Inet4UcRouteReq,
//     Inet6UcRouteReq, Layer2RouteReq, BridgeRouteReq, EvpnRouteReq (local
//     MACs only), NhListReq, MplsReq, VmListReq, VxLanReq (one "vrf" NH per
//     VN), VxLanConfigReq (one active entry per VN, agent filters),
//     LinkLocalServiceInfo (Config.LinkLocalServices); SgListReq and AclReq
//     (Config.SecurityGroups, Network.Policy: one ACL per network, an
//     ingress and an egress ACL per security group); MirrorEntryReq,
//     VrfAssignReq, HealthCheckSandeshReq and ServiceInstanceReq are paged
//     and always empty (refnode has no mirrors, VLAN sub-interfaces,
//     health checks or service instances); MirrorCfgDisplayReq, MirrorCfgVnInfoReq,
//     IntfMirrorCfgDisplayReq and BgpAsAServiceSandeshReq answer one empty
//     list. PageReq (agent paging: 100 entries per part, Pagination
//     cookies begin:<i>,end:<j>,table:<db table>,<filters>) serves every
//     paged table.
//   - services: DhcpInfo, Dhcpv6Info, ArpInfo, DnsInfo, IcmpInfo,
//     Icmpv6Info (<Proto>Stats then an empty <Proto>PktSandesh), MetadataInfo
//     (port 8097), ShowAllInfo (the agent's 14 parts), InterfaceArpStatsReq,
//     InterfaceIcmpv6StatsReq (every VM interface, zeros), ShowArpCache,
//     ShowGratuitousArpCache (empty:
//     no packets are forwarded, all counters zero), VmVdnsListReq and
//     VmVdnsDataReq (every VM interface, no virtual DNS).
//   - ifmap_agent: ShowIFMapAgentReq (the config graph the vRouter holds:
//     global-system-config, virtual-router, VNs, routing instances, IPAMs,
//     VMs, VMIs, instance-ips, rendered like the agent's xml_parse, with its
//     table/node/link filters) and ShowIFMapAgentStatsReq (nodes and links
//     as updates, removed interfaces as deletes).
//   - controller: AgentXmppConnectionStatusReq, AgentDnsXmppConnectionStatusReq
//     (one row per DNS channel; empty with no Config.DNSServers). stats: AgentStatsReq (six parts; XMPP and flow
//     counts real, the others zero). kstate: KInterfaceReq,
//     KRouteReq, KRouteGetReq, KNHReq, KMplsReq, KFlowReq/NextKFlowReq,
//     KDropStatsReq. pkt: FetchFlowRecord, FetchAllFlowRecords /
//     NextFlowRecordsSet (100 flows per answer), SandeshFlowTableInfoRequest.
//     diag: PingReq, TraceRouteReq.
//   - sandesh_uve, sandesh_trace, cpuinfo: SandeshUVECacheReq (NodeStatus),
//     SandeshUVETypesReq, SandeshTraceBufferListRequest / SandeshTraceRequest
//     (one buffer, ControllerConnections: channel up/down/TIMEDOUT/rotation
//     events), CpuLoadInfoReq.
//
// Unknown VRF ids and bad page cookies answer ErrorResp.
//
// # Simulated datapath (datapath.go, flows.go, kstate.go, diag.go)
//
//	a.Send(src, Packet{Dst, Proto, Sport, Dport}, reply) (out, back Outcome, err)
//
// A packet from a VM interface is looked up like the vRouter does: the
// flow of its 5-tuple (key next hop = the interface's flow_key_idx), made
// on a miss with its reverse flow from the agent's route (LPM), the source
// network's policy (policy), the interface's egress security groups (sg)
// and, for a destination on the same vRouter, that interface's policy and
// ingress security groups (out_policy, out_sg); then forwarded with the
// kernel's tables: route (LPM), next hop (an ECMP member by the 5-tuple
// hash), MPLS label. The agent at the tunnel destination (every running
// agent of the process is on one simulated fabric, by address) looks the
// label up in its kernel and makes its own flow (its interface's policy
// and ingress security groups). Drops use the agent's reasons ("Flow drop
// SG", "Short flow No Destination route", …) and count in the
// KDropStatsResp counter the vRouter would: ds_flow_action_drop,
// ds_flow_table_full, ds_discard, ds_invalid_label, ds_invalid_nh.
// Nothing goes on the wire. PingReq and TraceRouteReq send through it.
//
// Faults (faults.go): DropKernelRoute/RestoreKernelRoute (the kernel lacks
// a route the agent has), Relabel (the interface's label changes without
// a publish: remote vRouters keep a stale label), FillFlowTable /
// EmptyFlowTable (flow table full), SetSecurityGroupRules (a deny). An
// interface made inactive (SetInterfaceInactive, fault_interface.go) has
// every route withdrawn and its flows are short ("Short flow Interface
// unavialable").
package agent
