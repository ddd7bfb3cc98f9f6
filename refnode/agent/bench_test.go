package agent

import (
	"context"
	"fmt"
	"net/netip"
	"runtime"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/refnode/xmpp"
)

// BenchmarkRemoteRoutesMemory reports the heap an agent's tables hold per
// learned route (one controller path each, tunnel NHs towards 250 remote
// vRouters), and the time to install them.
func BenchmarkRemoteRoutesMemory(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			items := make([]xmpp.Route, n)
			for i := range items {
				items[i] = xmpp.Route{Prefix: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 32, byte(i >> 8), byte(i)}), 32),
					VirtualNetwork: podVN, LocalPref: 100,
					NextHops: []xmpp.NextHop{{Address: netip.AddrFrom4([4]byte{127, 0, 2, byte(i%250 + 1)}), Label: uint32(16 + i/250), Encaps: []string{"gre", "udp"}}}}
			}
			cfg := testConfig("vrouter-b", "127.0.3.1", nil)
			var perRoute float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				a := &Agent{cfg: cfg}
				a.t = buildTables(&a.cfg)
				ch := &channel{a: a, peer: "127.0.1.1"}
				ch.Update(nil, podVRF, xmpp.FamilyInet, items, nil)
				runtime.GC()
				runtime.ReadMemStats(&after)
				perRoute = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
				runtime.KeepAlive(a)
			}
			b.ReportMetric(perRoute, "B/route")
		})
	}
}

// BenchmarkAgentFootprint starts 50 agents (one pod each, two XMPP
// channels to two in-test control nodes, introspect listeners) and
// reports the heap and goroutines per running agent (both ends of its
// sessions: the servers run in this process too); "+dns" adds the two
// DNS channels to two contrail-dns personas (keep-alives only), to show
// what the DNS sessions add per agent.
func BenchmarkAgentFootprint(b *testing.B) {
	c1 := startTestControl(b, "control-1", netip.MustParseAddr("127.213.1.1"), 3*time.Second)
	c2 := startTestControl(b, "control-2", netip.MustParseAddr("127.213.1.2"), 3*time.Second)
	ctls := []Control{c1.control(), c2.control()}
	b.Run("control", func(b *testing.B) { agentFootprint(b, ctls, nil) })
	_, d1 := startDNS(b, "control-1", "127.213.1.1")
	_, d2 := startDNS(b, "control-2", "127.213.1.2")
	b.Run("control+dns", func(b *testing.B) { agentFootprint(b, ctls, []Control{d1, d2}) })
}

func agentFootprint(b *testing.B, ctls, dns []Control) {
	const n = 50
	var heap, gor float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g0 := runtime.NumGoroutine()
		var agents []*Agent
		for i := 0; i < n; i++ {
			cfg := testConfig(fmt.Sprintf("vrouter-%d", i), fmt.Sprintf("127.213.2.%d", i+1), ctls, pod(i+1, fmt.Sprintf("10.40.0.%d", i+1)))
			cfg.DNSServers = dns
			a, err := New(cfg)
			if err != nil {
				b.Fatal(err)
			}
			if err := a.Start(context.Background()); err != nil {
				b.Fatal(err)
			}
			agents = append(agents, a)
		}
		deadline := time.Now().Add(20 * time.Second)
		for _, a := range agents {
			for a.pathOf(podVRF, "10.40.0.1/32", "") == nil || countUp(a) < 2 || dnsUp(a) < len(dns) {
				if time.Now().After(deadline) {
					b.Fatal("agents did not converge")
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapAlloc-before.HeapAlloc) / n
		gor = float64(runtime.NumGoroutine()-g0) / n
		for _, a := range agents {
			a.Stop()
		}
	}
	b.ReportMetric(heap, "heapB/agent")
	b.ReportMetric(gor, "goroutines/agent")
}

// dnsUp counts the agent's Established DNS channels.
func dnsUp(a *Agent) int {
	n := 0
	for _, d := range a.dnsNow() {
		if d.client.State() == xmpp.Established {
			n++
		}
	}
	return n
}

// BenchmarkIFMapShow measures ShowIFMapAgentReq (graph built and rendered
// per request, then encoded) on a vRouter with 1000 pods, without a
// socket.
func BenchmarkIFMapShow(b *testing.B) {
	var itfs []Interface
	for i := 0; i < 1000; i++ {
		itfs = append(itfs, pod(i+1, fmt.Sprintf("10.32.%d.%d", i/200, i%200+1)))
	}
	cfg := testConfig("vrouter-i", "127.0.3.1", nil, itfs...)
	cfg.IntrospectPort = -1
	a, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	a.t = buildTables(&a.cfg)
	srv := sandesh.NewServer("contrail-vrouter-agent")
	a.register(srv)
	size := 0
	for b.Loop() {
		status, _, body := srv.Query("/Snh_ShowIFMapAgentReq")
		if status != 200 {
			b.Fatalf("HTTP %d", status)
		}
		size = len(body)
	}
	b.ReportMetric(float64(size), "B/answer")
}

// BenchmarkRouteUpdate times the hot path of an agent taking in routes
// (channel.Update: tunnel NH, shared attributes, setPath) on tables that
// already hold 10,000 routes from one control node: "replace" sends a
// 64-item message that changes the label of routes it has, "churn" one
// that adds 64 new routes (each with its own security group, so each has
// its own attribute set) and one that retracts them.
func BenchmarkRouteUpdate(b *testing.B) {
	const n, msg = 10000, itemsPerBenchMessage
	item := func(i, label, sg int) xmpp.Route {
		r := xmpp.Route{Prefix: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 32, byte(i >> 8), byte(i)}), 32),
			VirtualNetwork: podVN, LocalPref: 100,
			NextHops: []xmpp.NextHop{{Address: netip.AddrFrom4([4]byte{127, 0, 2, byte(i%250 + 1)}), Label: uint32(label), Encaps: []string{"gre", "udp"}}}}
		if sg > 0 {
			r.SecurityGroups = []uint32{uint32(sg)}
		}
		return r
	}
	setup := func() *channel {
		a := &Agent{cfg: testConfig("vrouter-b", "127.0.3.1", nil)}
		a.t = buildTables(&a.cfg)
		ch := &channel{a: a, peer: "127.0.1.1"}
		items := make([]xmpp.Route, n)
		for i := range items {
			items[i] = item(i, 16+i/250, 0)
		}
		ch.Update(nil, podVRF, xmpp.FamilyInet, items, nil)
		return ch
	}
	b.Run("replace", func(b *testing.B) {
		ch := setup()
		msgs := make([][]xmpp.Route, n/msg)
		for m := range msgs {
			for j := range msg {
				msgs[m] = append(msgs[m], item(m*msg+j, 17+m, 0))
			}
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ch.Update(nil, podVRF, xmpp.FamilyInet, msgs[i%len(msgs)], nil)
			i++
		}
	})
	b.Run("churn", func(b *testing.B) {
		ch := setup()
		add := make([]xmpp.Route, msg)
		del := make([]netip.Prefix, msg)
		for j := range add {
			add[j] = item(n+j, 20, 9000000+j)
			del[j] = add[j].Prefix
		}
		b.ReportAllocs()
		for b.Loop() {
			ch.Update(nil, podVRF, xmpp.FamilyInet, add, nil)
			ch.Update(nil, podVRF, xmpp.FamilyInet, nil, del)
		}
	})
}

// itemsPerBenchMessage is the items of one control node update message.
const itemsPerBenchMessage = 64
