// Package follow walks the forwarding path of an address across vRouter
// agents through their introspect (ist follow): the route in a VRF on the
// first agent, the tunnel to another vRouter, the MPLS label (or VXLAN id)
// there, and the interface the path ends on (spec §5.2.2, §5.2.5–§5.2.8,
// §5.2.10).
//
// # API
//
//	hosts, err := follow.ReadHosts("hosts.txt")   // "<tunnel address> <introspect host>" lines
//	hops, err := follow.Follow(ctx, follow.Config{Client: clientCfg, Hosts: hosts}, "10.0.0.21", "vn1", addr)
//	out, err := follow.Append(nil, hops, "table")  // or "text", "json"
//
// Follow returns every hop found even when it fails; the error then has
// one line per failed branch and client.ExitCode(err) gives the exit
// status (1 a hop is missing, 3 a vRouter is unreachable, 4 HTTP, 5 bad
// XML, 6 TLS; 2 with no hops for a usage error such as an ambiguous VRF).
//
// # Walk
//
//   - VRF: VrfListReq by name (exact, or the one VRF whose name contains
//     the argument), or a VRF id given as a number.
//   - Route: Inet4UcRouteReq / Inet6UcRouteReq with the host prefix (the
//     agent matches prefixes exactly), else the whole table, and the
//     longest prefix holding the address. The first path is the active
//     one (the agent sorts it first).
//   - Next hop: interface/vlan → ItfReq (the end; an inactive interface
//     stops the branch); receive → the vRouter host; arp/ndp → out of a
//     fabric interface; tunnel → the agent at the tunnel's destination
//     address (or its --hosts entry): MplsReq for the label, or VxLanReq
//     for a VXLAN id and a new lookup in that VRF; vrf → a new lookup in
//     that VRF on the same agent; composite (ECMP …) → each member as a
//     branch named "i/n"; discard, resolve, unknown types, missing labels
//     or interfaces → a stop hop with the reason. A branch longer than
//     Config.MaxSteps (16) stops as a loop.
//
// Every agent is read with introspect/client (TLS, proxy, timeout, agent
// paging) and decoded with sandesh.Unmarshal into the introspect/schema
// types.
package follow
