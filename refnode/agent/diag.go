package agent

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// Diagnostics (diag/ping.cc, diag/traceroute.cc): PingReq and
// TraceRouteReq send simulated packets from a local VM's address through
// the datapath (datapath.go) and answer what became of them. The checks
// and error texts are the agent's.

// diagSource checks a diag request the way the agent does and returns the
// source interface, or the error text.
func (a *Agent) diagSource(src, dst, vrfName string, proto int16, protos map[int16]bool, protoErr, noVM string) (*iface, netip.Addr, netip.Addr, string) {
	sip, err := netip.ParseAddr(src)
	if err != nil {
		return nil, sip, netip.Addr{}, "Invalid source IP"
	}
	dip, err := netip.ParseAddr(dst)
	if err != nil {
		return nil, sip, dip, "Invalid destination IP"
	}
	if !protos[proto] {
		return nil, sip, dip, protoErr
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	v := a.t.vrfByName[vrfName]
	if v == nil {
		return nil, sip, dip, "Invalid VRF"
	}
	r := v.lpm(sip, nil)
	if r == nil || r.paths[0].nh.kind != nhInterface {
		return nil, sip, dip, noVM
	}
	return r.paths[0].nh.itf, sip, dip, ""
}

// pingReq answers PingReq: one PingResp per packet ("Success" when the
// answer came back), then PingSummaryResp.
func (a *Agent) pingReq(r *schema.PingReq) []any {
	it, sip, dip, msg := a.diagSource(r.SourceIP, r.DestIP, r.VrfName, r.Protocol, map[int16]bool{6: true, 17: true},
		"Invalid protocol. Valid Protocols are TCP and UDP", "VM not present on this server")
	if msg != "" {
		return []any{&schema.PingErrResp{ErrorResponse: msg}}
	}
	count := int(r.Count)
	if count <= 0 {
		count = 1
	}
	var parts []any
	var ok int
	var total time.Duration
	for seq := 1; seq <= count; seq++ {
		start := time.Now()
		p := Packet{Src: sip, Dst: dip, Proto: uint8(r.Protocol), Sport: uint16(r.SourcePort), Dport: uint16(r.DestPort), Size: int(r.PacketSize)}
		out, back := a.roundTrip(it, p)
		if out.Delivered && back.Delivered && back.Interface == it.name {
			rtt := time.Since(start)
			total += rtt
			ok++
			parts = append(parts, &schema.PingResp{SeqNo: int16(seq), RTT: durationText(rtt), Resp: "Success"})
			continue
		}
		parts = append(parts, &schema.PingResp{SeqNo: int16(seq), Resp: "Timed Out"})
	}
	sum := &schema.PingSummaryResp{RequestSent: int16(count), ResponseReceived: int16(ok), PktLoss: int16((count - ok) * 100 / count)}
	if ok > 0 {
		sum.AverageRTT = durationText(total / time.Duration(ok))
	}
	return append(parts, sum)
}

// roundTrip sends p from it and, when delivered, the answer back.
func (a *Agent) roundTrip(it *iface, p Packet) (out, back Outcome) {
	out = a.walk(it, p)
	if !out.Delivered || out.Interface == "vhost0" {
		return out, Outcome{Delivered: out.Delivered, Interface: it.name}
	}
	b := fabricAgent(netip.MustParseAddr(out.VRouter))
	if b == nil {
		return out, Outcome{}
	}
	b.mu.Lock()
	dst := b.t.itfByName[out.Interface]
	b.mu.Unlock()
	if dst == nil {
		return out, Outcome{}
	}
	return out, b.walk(dst, p.reversed())
}

// durationText writes a round-trip time like the agent
// (time_duration_to_string): "1m 2s", "12ms", "250us" or "800ns".
func durationText(d time.Duration) string {
	switch {
	case d >= time.Minute:
		return fmt.Sprintf("%dm %ds", int(d.Minutes()), int(d.Seconds())%60)
	case d >= time.Millisecond:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d >= time.Microsecond:
		return fmt.Sprintf("%dus", d.Microseconds())
	}
	return fmt.Sprintf("%dns", d.Nanoseconds())
}

// traceRouteReq answers TraceRouteReq: this vRouter, then the vRouter the
// tunnel reaches, then the destination; "* * * " for every further hop up
// to max_hops when the packet is lost.
func (a *Agent) traceRouteReq(r *schema.TraceRouteReq) []any {
	it, sip, dip, msg := a.diagSource(r.SourceIP, r.DestIP, r.VrfName, r.Protocol, map[int16]bool{1: true, 6: true, 17: true, 58: true},
		"Invalid protocol - Supported protocols are TCP, UDP and ICMP", "Source VM is not present in this server")
	if msg != "" {
		return []any{&schema.TraceRouteErrResp{ErrorResponse: msg}}
	}
	self := a.cfg.Address.String()
	a.mu.Lock()
	local := false
	if v := a.t.vrfByName[r.VrfName]; v != nil {
		if rt := v.lpm(dip, nil); rt != nil && rt.paths[0].nh.kind == nhInterface {
			local = true
		}
	}
	a.mu.Unlock()
	if local { // destination VM on this server: the agent answers at once
		return []any{&schema.TraceRouteResp{Hop: self}}
	}
	p := Packet{Src: sip, Dst: dip, Proto: uint8(r.Protocol), Sport: uint16(r.SourcePort), Dport: uint16(r.DestPort)}
	out, back := a.roundTrip(it, p)
	hops := []string{self}
	if out.Delivered && back.Delivered {
		for _, h := range out.Hops[1:] {
			hops = append(hops, h.String())
		}
		hops = append(hops, dip.String())
	} else {
		attempts := max(int(r.MaxAttempts), 1)
		stars := ""
		for i := 0; i < attempts; i++ {
			stars += "* "
		}
		for ttl := 2; ttl <= max(int(r.MaxHops), 2); ttl++ {
			hops = append(hops, stars)
		}
	}
	parts := make([]any, len(hops))
	for i, h := range hops {
		parts[i] = &schema.TraceRouteResp{Hop: h}
	}
	return parts
}
