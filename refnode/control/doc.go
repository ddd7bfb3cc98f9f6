// Package control is the refnode control node: routing instances and
// tables with Contrail path selection and route-target replication, the
// XMPP server side for agents (refnode/xmpp), a BGP speaker towards the
// other control nodes (refnode/bgp, GoBGP behind a netgate relay), and
// the contrail-control introspect on <address>:8083 (introspect/sandesh
// Server with the typed responses of introspect/schema control_*.go).
//
// # API
//
//	n, err := control.New(control.Config{Name, Address, Peers, Networks, Timers, …})
//	n.Start(ctx) / n.Stop() / n.Pause() / n.Resume()   // any number of times
//	n.CutBGP(peerAddr) int; n.CutXMPP(agentName) bool  // one session, it reconnects
//	n.Close()                                          // for good (releases GoBGP)
//	n.Name(), n.State(), n.Config()
//
// New creates the node's GoBGP server at once; GoBGP v4.8.0 races on
// package globals when a server starts while others select paths, so a
// process creates all its control nodes before starting any, and never
// re-creates one: Stop/Start go through the BGP gate (refnode/bgp.Gate)
// and the XMPP and introspect listeners.
//
// # Routes
//
// An agent's publish becomes a primary path "XMPP (interface)" (source =
// agent name) in <instance>.inet.0, with the instance's export targets,
// encapsulation and originvn communities and MED derived from local
// preference; copies go to bgp.l3vpn.0 as "<vrouter>:<instance-id>:<prefix>"
// and to every instance importing one of its targets, and the VPN route
// goes to GoBGP. BGP-learned VPN routes are primaries in bgp.l3vpn.0
// ("BGP", source = peer address, ":port" when not 179) and are copied into
// importing instances. Paths are ordered feasible, local preference, XMPP
// over BGP; agents receive the ECMP next hops of each changed route in the
// instances they subscribed to (never their own route back).
//
// # Introspect
//
// BgpNeighborReq, ShowRouteReq (1000 routes, 12-part ShowRouteReqIterate
// cookie), ShowRouteSummaryReq, ShowRoutingInstanceReq, ShowRtGroup(Summary)Req,
// ShowMulticastManager(Detail)Req, ShowBgpNeighborConfigReq,
// ShowBgpInstanceConfigReq (64 per page with …Iterate), ShowXmppConnectionReq,
// ShowXmppServerReq, ShowBgpServerReq, ShowStaticRouteReq, ShowServiceChainReq,
// ShowRouteAggregateReq (empty: no such configuration yet), IFMapTableShowReq
// (+Iterate, 50 per page, always a next_batch) and IFMapNodeTableListShowReq
// (stand-ins built from the configuration), SandeshUVECacheReq (NodeStatus),
// SandeshUVETypesReq, CpuLoadInfoReq, SandeshTraceBufferListRequest,
// SandeshTraceRequest.
package control
