package trace

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/schema"
)

// The remote side: ist follow's walk from the source VRF (tunnel, label
// on the destination vRouter, interface), one row per branch it ends,
// with the destination kernel's label checked against its agent's.

// checkRemote walks the path and records where each branch ends.
func (t *tracer) checkRemote(ctx context.Context) {
	src, err := t.reader(t.rep.Source.host, false)
	if err != nil {
		return
	}
	hops, _ := follow.Follow(ctx, follow.Config{Client: t.agent, Hosts: t.cfg.Hosts}, t.rep.Source.host, t.rep.Source.VRF, t.dip)
	var order []string
	groups := map[string][]follow.Hop{}
	for _, h := range hops {
		if _, ok := groups[h.Branch]; !ok {
			order = append(order, h.Branch)
		}
		groups[h.Branch] = append(groups[h.Branch], h)
	}
	for _, b := range order {
		g := groups[b]
		last := g[len(g)-1]
		switch last.Kind {
		case follow.KindInterface, follow.KindReceive, follow.KindArp, follow.KindStop:
			t.branchRow(ctx, src.Addr(), b, g)
		}
	}
}

// branchRow adds the row of one branch of the walk.
func (t *tracer) branchRow(ctx context.Context, srcAddr, branch string, g []follow.Hop) {
	var parts []string
	var label *follow.Hop
	for i := range g {
		h := g[i]
		switch h.Kind {
		case follow.KindTunnel, follow.KindInterface, follow.KindReceive, follow.KindArp, follow.KindVxlan:
			parts = append(parts, h.Kind+" "+h.Detail())
		case follow.KindLabel:
			parts = append(parts, h.Detail())
			label = &g[i]
		}
	}
	last := g[len(g)-1]
	stage := "remote"
	if last.VRouter == srcAddr {
		stage = "local"
	}
	s := Stage{Stage: stage, Branch: branch, Node: last.VRouter, Status: StatusOK, Proof: "ItfReq"}
	if label != nil {
		s.Proof = "MplsReq,KMplsReq,ItfReq"
	}
	switch last.Kind {
	case follow.KindInterface:
		t.dests = append(t.dests, dest{branch: branch, host: last.VRouter, itf: last.Interface})
	case follow.KindReceive, follow.KindArp:
		s.Proof = "NhListReq"
	case follow.KindStop:
		parts = append(parts, last.Reason)
		s.Status, s.Reason = stopStatus(last)
		if last.ExitCode >= 3 {
			s.exit = last.ExitCode
		}
		if strings.Contains(last.Reason, "is not installed") {
			t.dests = append(t.dests, dest{branch: branch, host: last.VRouter})
			now := t.currentLabel(ctx, last.VRouter)
			parts = append(parts, now)
			s.summary = last.Reason + "; " + now
			s.hint = []string{fmt.Sprintf("ist --host %s vr mpls", last.VRouter), fmt.Sprintf("ist --host %s vr intf -i %s -f text", last.VRouter, t.dip)}
		}
		if strings.Contains(last.Reason, "is not active") {
			t.dests = append(t.dests, dest{branch: branch, host: last.VRouter, itf: g[len(g)-2].Interface})
		}
	}
	if s.Status == StatusOK && label != nil && label.Label != nil && label.NhIndex != nil {
		if msg := t.kernelLabel(ctx, last.VRouter, *label.Label, *label.NhIndex); msg != "" {
			s.Status, s.Reason = StatusMismatch, "destination kernel differs from its agent"
			parts = append(parts, msg)
			s.hint = []string{fmt.Sprintf("ist --host %s vr kmpls %d", last.VRouter, *label.Label)}
		}
	}
	s.Checked = strings.Join(parts, " -> ")
	t.add(s)
}

// stopStatus classifies where a walk stopped.
func stopStatus(h follow.Hop) (string, string) {
	r := h.Reason
	switch {
	case h.ExitCode >= 3:
		return StatusError, "node unreadable"
	case strings.Contains(r, "is not installed"):
		return StatusMismatch, "stale remote label"
	case strings.Contains(r, "is not active"):
		return StatusDropped, "destination interface not active"
	case strings.Contains(r, "discard"):
		return StatusDropped, "discard next hop"
	case strings.Contains(r, "no route"):
		return StatusMissing, "no route on the destination vRouter"
	}
	return StatusMissing, r
}

// kernelLabel checks label l in the kernel of the vRouter at host: it
// must point to the agent's next hop nh. It returns what differs, or "".
func (t *tracer) kernelLabel(ctx context.Context, host string, l, nh int32) string {
	r, err := t.reader(host, false)
	if err != nil {
		return ""
	}
	ks, err := follow.Fetch[schema.KMplsInfo](ctx, r, client.Path("KMplsReq", client.Arg{Name: "mpls_label", Value: strconv.Itoa(int(l))}), "KMplsInfo")
	switch {
	case err != nil:
		return "kernel label unreadable: " + err.Error()
	case len(ks) == 0:
		return fmt.Sprintf("the kernel has no label %d", l)
	case ks[0].Nhid != nh:
		return fmt.Sprintf("the kernel's label %d points to nh %d, the agent's to nh %d", l, ks[0].Nhid, nh)
	}
	return ""
}

// currentLabel says which label the destination address has now on the
// vRouter at host (after a stale label).
func (t *tracer) currentLabel(ctx context.Context, host string) string {
	r, err := t.reader(host, false)
	if err != nil {
		return ""
	}
	recs, err := follow.Fetch[schema.ItfSandeshData](ctx, r, itfQuery(t.dip.String()), "ItfSandeshData")
	if err != nil {
		return ""
	}
	for _, it := range recs {
		if matches(it, t.dip.String()) {
			return fmt.Sprintf("%s there has label %d now", it.Name, it.Label)
		}
	}
	return "no interface there has " + t.dip.String()
}
