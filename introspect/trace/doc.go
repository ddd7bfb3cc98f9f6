// Package trace is `ist trace`: why traffic from A to B does (not) arrive.
// It checks, stage by stage and on every node involved, what the overlay
// would do and what it is doing for one 5-tuple, then gives one verdict
// (peer-features §4).
//
// # API
//
//	src, dst, fl, err := trace.ParseArgs(args)          // SRC DST [tcp|udp|icmp [SPORT] DPORT]
//	rep, err := trace.Run(ctx, trace.Config{Client: cfg, Controls: hosts}, src, dst, fl)
//	out, err := trace.Append(nil, rep, "table")          // or "text", "json"
//	os.Exit(rep.Verdict.ExitCode)
//
// Run returns an error (and no report) only for a usage problem (exit 2:
// an ambiguous endpoint, families that differ, no vRouter to start on).
// Everything found, unreadable nodes included, is in the report.
//
// # Stages (each a row: stage, node, what was checked, status, proof)
//
//   - source: the source interface (ItfReq): active, VRF, policy, flow
//     key next hop, security groups. Found on --vrouter, or on the agents
//     the control nodes list (ShowXmppConnectionReq), by tap name, uuid,
//     VM name or address (--vn when an address is in several networks).
//   - destination: a named destination's interface (ItfReq): an inactive
//     one is why its route is gone.
//   - control: the route on every control node (ShowRouteReq in the
//     source VRF, longest match): path, next hop, label, origin VN.
//   - route, nexthop: the source agent's longest match and its active
//     path's next hop (Inet4UcRouteReq/Inet6UcRouteReq, NhListReq).
//   - kernel: the vRouter kernel agrees with the agent (KRouteGetReq,
//     KNHReq, and KInterfaceReq for a local interface): a different
//     prefix, next hop or label is a MISMATCH (KSync did not program it).
//   - remote: ist follow's walk from the source VRF: the tunnel, the
//     label on the destination vRouter (MplsReq, and the kernel's
//     KMplsReq) and the interface it lands on (ItfReq); ECMP members are
//     branches ("1/2"). A label the destination does not have is a stale
//     label (MISMATCH).
//   - flowtable: room in the flow tables (SandeshFlowTableInfoRequest).
//   - flow: the flow of the 5-tuple on the source and destination
//     vRouters (FetchFlowRecord): action, drop reason, the SG rule and
//     network policy rule uuids, short flows.
//   - drops: drop counters (KDropStatsReq) of both vRouters: totals, or
//     with --probe the delta over the probe.
//   - probe (--probe, the only request that sends traffic: PingReq for
//     TCP/UDP, TraceRouteReq for ICMP, from the source interface).
//
// Statuses: OK, MISSING, MISMATCH, DROPPED (with the reason), NONE (no
// flow yet: nothing was sent), INFO (counters without a probe), ERROR
// (the node could not be read). The verdict is the first stage in path
// order that is not OK: DROPPED at source or destination (an inactive
// interface, with the agent's reasons), MISSING at control (configuration, route
// targets, BGP), MISSING at route while the controls have it (XMPP),
// MISMATCH at kernel (KSync), MISMATCH at remote (stale label), DROPPED at
// flow (policy, security group, limits). DELIVERED when the flows
// forward on both ends (or the probe was answered); PATH OK when every
// state check passed but no flow exists yet. Exit codes: 0 delivered or
// path OK, 1 dropped/missing/mismatch, 3–6 a node could not be read (the
// worst client class wins).
//
// Every request but the probe's is on introspect/readonly's allowlist:
// Run gives its clients readonly.Check (readonly.CheckWithProbes with
// Probe), after any Policy of the caller's.
package trace
