package doctor

import (
	"fmt"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// A synthetic collection of a healthy cluster, built in memory with the
// element names the daemons use (for unit tests of the checks and the
// evaluation benchmark; the e2e tests use refnode).

func leaf(name, text string) *sandesh.Node { return &sandesh.Node{Name: name, Text: text} }

func elem(name string, kids ...*sandesh.Node) *sandesh.Node {
	n := &sandesh.Node{Name: name, Children: kids}
	for _, k := range kids {
		k.Parent = n
	}
	return n
}

func list(kids ...*sandesh.Node) *sandesh.Node { return elem("list", kids...) }

// synthStamp is when every synthetic session came up.
var synthStamp = time.Date(2025, 3, 1, 10, 0, 0, 123000, time.UTC)

func ptimeText(t time.Time) string { return t.UTC().Format("2006-Jan-02 15:04:05.000000") }

type conn struct{ typ, name, status, desc, server string }

// nodeStatus is a daemon's NodeStatus: every connection not Up is named
// in the description and makes the process Non-Functional, except in the
// agent, where only its control-node connections decide the state
// (VrouterAgentProcessState: a DNS server down leaves it Functional).
func nodeStatus(name, module string, conns ...conn) *sandesh.Node {
	var cis []*sandesh.Node
	var down []string
	controlUp := false
	for _, c := range conns {
		var addrs []*sandesh.Node
		if c.server != "" {
			addrs = append(addrs, leaf("element", c.server))
		}
		cis = append(cis, elem("ConnectionInfo", leaf("type", c.typ), leaf("name", c.name),
			elem("server_addrs", list(addrs...)), leaf("status", c.status), leaf("description", c.desc)))
		if c.status != "Up" {
			down = append(down, c.typ+":"+c.name)
		} else if strings.HasPrefix(c.name, "control-node:") {
			controlUp = true
		}
	}
	state, desc := "Functional", ""
	if len(down) > 0 {
		desc = strings.Join(down, ", ") + " connection down"
		if module != "contrail-vrouter-agent" || !controlUp {
			state = "Non-Functional"
		}
	}
	return elem("NodeStatus", leaf("name", name), elem("process_status", list(elem("ProcessStatus",
		leaf("module_id", module), leaf("instance_id", "0"), leaf("state", state),
		elem("connection_infos", list(cis...)), leaf("description", desc)))))
}

func neighbor(local, localAddr, peer, peerAddr, enc string) *sandesh.Node {
	return elem("BgpNeighborResp", leaf("peer", peer), leaf("peer_address", peerAddr), leaf("peer_asn", "64512"),
		leaf("encoding", enc), leaf("peer_type", "internal"), leaf("state", "Established"), leaf("router_type", "control-node"),
		leaf("local_address", localAddr), leaf("local_id", localAddr), leaf("local_asn", "64512"),
		leaf("last_state", "OpenConfirm"), leaf("last_state_at", ptimeText(synthStamp)), leaf("last_error", ""),
		leaf("flap_count", "0"), leaf("flap_time", ""))
}

// ok is a successful result with records.
func ok(host string, r collect.Request, recs ...*sandesh.Node) *collect.Result {
	return &collect.Result{Request: r, URL: "http://" + host + "/" + r.Path, Records: recs}
}

// failed is a result with a client error.
func failed(host string, r collect.Request, class client.Class, what string) *collect.Result {
	return &collect.Result{Request: r, URL: "http://" + host + "/" + r.Path, Err: &client.Error{Class: class, Where: host, What: what}}
}

const synthVRF = "default-domain:k8s:pods:pods"

// dnsConn is an agent's ConnectionInfo for its DNS server at ip.
func dnsConn(ip, status, desc string) conn {
	return conn{"XMPP", "dns-server:" + ip, status, desc, ip + ":8093"}
}

// dnsSession is one AgentXmppDnsData row.
func dnsSession(ip, state string, flaps int) *sandesh.Node {
	flapTime := ""
	if flaps > 0 {
		flapTime = ptimeText(synthStamp.Add(time.Minute))
	}
	return elem("AgentXmppDnsData", leaf("dns_controller_ip", ip), leaf("state", state),
		leaf("peer_name", "network-dns@contrailsystems.com"), leaf("last_state_at", ptimeText(synthStamp)),
		leaf("flap_count", fmt.Sprint(flaps)), leaf("flap_time", flapTime))
}

// synthCluster is a healthy cluster of nc control nodes and nv vRouters,
// each vRouter on two control nodes and with one pod.
func synthCluster(nc, nv int) *collect.Collection {
	col := &collect.Collection{Start: synthStamp, End: synthStamp.Add(time.Second), Hosts: []string{"10.0.0.1"}}
	caddr := func(i int) string { return fmt.Sprintf("10.0.0.%d", i+1) }
	vaddr := func(i int) string { return fmt.Sprintf("10.1.%d.%d", i/250, i%250+1) }
	podIP := func(i int) string { return fmt.Sprintf("10.32.%d.%d", i/250, i%250+1) }
	ctlsOf := func(i int) [2]int { return [2]int{i % nc, (i + 1) % nc} }
	ctlRecs := make([][]*sandesh.Node, nc)
	for c := range nc {
		for o := range nc {
			if o != c {
				ctlRecs[c] = append(ctlRecs[c], neighbor(fmt.Sprint("control-", c+1), caddr(c), fmt.Sprint("control-", o+1), caddr(o), "BGP"))
			}
		}
	}
	var vnodes []*collect.Node
	for i := range nv {
		name, addr := fmt.Sprint("vrouter-", i+1), vaddr(i)
		host := addr + ":8085"
		n := &collect.Node{Name: name, Role: collect.RoleVRouter, Address: addr, Target: client.Target{Scheme: "http", Addr: host}}
		var sessions, dns []*sandesh.Node
		conns := []conn{{"XMPP", "control-node:" + caddr(ctlsOf(i)[0]), "Up", "OpenSent", caddr(ctlsOf(i)[0]) + ":5269"}}
		for _, c := range ctlsOf(i) {
			conns = append(conns, dnsConn(caddr(c), "Up", "OpenSent"))
			ctlRecs[c] = append(ctlRecs[c], neighbor(fmt.Sprint("control-", c+1), caddr(c), name, addr, "XMPP"))
			sessions = append(sessions, elem("AgentXmppData", leaf("controller_ip", caddr(c)), leaf("state", "Established"),
				leaf("peer_name", "network-control@contrailsystems.com"), leaf("last_state_at", ptimeText(synthStamp)),
				leaf("flap_count", "0"), leaf("flap_time", "")))
			dns = append(dns, dnsSession(caddr(c), "Established", 0))
		}
		itf := func(name, typ, vrf, ip, vm string) *sandesh.Node {
			return elem("ItfSandeshData", leaf("name", name), leaf("type", typ), leaf("active", "Active"), leaf("vrf_name", vrf),
				leaf("vn_name", ""), leaf("ip_addr", ip), leaf("vm_name", vm))
		}
		n.AddResult(ok(host, collect.NodeStatus(), nodeStatus(name, "contrail-vrouter-agent", conns...)))
		n.AddResult(ok(host, collect.XMPPConnections(), sessions...))
		n.AddResult(ok(host, collect.DNSXMPPConnections(), dns...))
		n.AddResult(ok(host, collect.Interfaces(), itf("eth0", "eth", "default-domain:default-project:ip-fabric:__default__", "", ""),
			itf("vhost0", "vhost", "default-domain:default-project:ip-fabric:__default__", addr, ""),
			itf("pkt0", "pkt", "", "", ""), itf(fmt.Sprintf("tap%011d", i), "vport", synthVRF, podIP(i), fmt.Sprint("pod-", i+1))))
		vnodes = append(vnodes, n)
	}
	// The routes each control node's agents published to it.
	pods := make([][]*sandesh.Node, nc)
	for c := range nc {
		pods[c] = append(pods[c], leaf("routing_table_name", synthVRF+".inet.0"))
	}
	for i := range nv {
		for _, c := range ctlsOf(i) {
			pods[c] = append(pods[c], leaf("prefix", podIP(i)+"/32"))
		}
	}
	for c := range nc {
		name, host := fmt.Sprint("control-", c+1), caddr(c)+":8083"
		n := &collect.Node{Name: name, Role: collect.RoleControl, Address: caddr(c), Target: client.Target{Scheme: "http", Addr: host}}
		n.AddResult(ok(host, collect.Neighbors(), ctlRecs[c]...))
		n.AddResult(ok(host, collect.NodeStatus(), nodeStatus(name, "contrail-control",
			conn{"Collector", "", "Up", "Established", caddr(c) + ":8086"}, conn{"Database", "Cassandra", "Up", "Established", caddr(c) + ":9041"})))
		n.AddResult(ok(host, collect.RouteSummary(),
			elem("ShowRouteTableSummary", leaf("name", synthVRF+".inet.0"), leaf("prefixes", fmt.Sprint(nv))),
			elem("ShowRouteTableSummary", leaf("name", "bgp.l3vpn.0"), leaf("prefixes", fmt.Sprint(nv)))))
		n.AddResult(ok(host, collect.RoutePrefixes(synthVRF+".inet.0", "XMPP"), pods[c]...))
		col.Nodes = append(col.Nodes, n)
	}
	col.Nodes = append(col.Nodes, vnodes...)
	return col
}
