package trace

import (
	"fmt"
	"strings"
)

// verdictOrder is the order stages are judged in: along the path, then
// what the traffic shows (flows, the probe, the counters that confirm).
var verdictOrder = []string{"source", "destination", "control", "route", "nexthop", "kernel", "local", "remote", "flowtable", "flow", "probe", "drops"}

// conclude sets the verdict and the next commands from the stages.
func (t *tracer) conclude() {
	worst := 0
	unreadable := 0
	for _, s := range t.rep.Stages {
		if s.Status == StatusError {
			worst = max(worst, s.exit)
			unreadable++
		}
	}
	if v, s := t.firstFailure(); s != nil {
		v.ExitCode = max(1, worst)
		t.rep.Verdict = v
		t.rep.Next = s.hint
		return
	}
	v := Verdict{Result: "PATH OK", ExitCode: worst}
	flows, none := 0, 0
	for _, s := range t.rep.Stages {
		if s.Stage == "flow" {
			switch s.Status {
			case StatusOK:
				flows++
			case StatusNone:
				none++
			}
		}
	}
	probeOK := false
	for _, s := range t.rep.Stages {
		if s.Stage == "probe" && s.Status == StatusOK {
			probeOK = true
		}
	}
	switch {
	case probeOK:
		v.Result, v.Text = "DELIVERED", fmt.Sprintf("the probe from %s to %s was answered; every check passed", t.sip, t.dip)
	case flows > 0 && none == 0:
		v.Result, v.Text = "DELIVERED", fmt.Sprintf("the flows of %s %s -> %s forward on both ends; every check passed", t.fl, t.sip, t.dip)
	default:
		v.Text = "routes, next hops, labels and interfaces agree on every node, but no flow shows this traffic yet (policy not verified)"
		t.rep.Next = []string{"ist trace " + t.rep.Source.Arg + " " + t.rep.Destination.Arg + t.flowArgs() + " --probe   # send packets"}
	}
	if unreadable > 0 {
		v.Text += fmt.Sprintf(" (%d check(s) could not read their node)", unreadable)
	}
	if vm := t.rep.Destination.VM; v.Result == "DELIVERED" && vm != "" && t.fl.Proto != 0 {
		t.rep.Next = []string{t.capture(vm)}
	}
	t.rep.Verdict = v
}

// flowArgs writes the flow back as command arguments.
func (t *tracer) flowArgs() string {
	switch t.fl.Proto {
	case 0:
		return ""
	case 6, 17:
		return fmt.Sprintf(" %s %d %d", protoName(t.fl.Proto), t.fl.Sport, t.fl.Dport)
	}
	return " " + protoName(t.fl.Proto)
}

// firstFailure is the verdict of the first failing stage in verdictOrder.
func (t *tracer) firstFailure() (Verdict, *Stage) {
	for _, name := range verdictOrder {
		for i := range t.rep.Stages {
			s := &t.rep.Stages[i]
			if s.Stage != name {
				continue
			}
			switch s.Status {
			case StatusMissing, StatusMismatch, StatusDropped:
			default:
				continue
			}
			if s.Stage == "control" && t.route != nil {
				continue // a control node without the route, but the vRouter has it: shown, not the cause
			}
			return t.verdictOf(s), s
		}
	}
	return Verdict{}, nil
}

// verdictOf words the verdict of a failing stage, with Contrail's reading
// of each case (peer-features §4.2).
func (t *tracer) verdictOf(s *Stage) Verdict {
	v := Verdict{Result: s.Status, Stage: s.Stage, Node: s.Node}
	why := s.Reason
	switch {
	case (s.Stage == "route" || s.Stage == "control") && s.Status == StatusMissing && !t.ctlHas:
		v.Stage = "control"
		why = fmt.Sprintf("no control node has a route to %s in %s: check the network's configuration (subnet, route targets, policies) and the BGP and XMPP sessions", t.dip, t.rep.Source.VRF)
	case s.Stage == "control" && s.Status == StatusMissing:
		why = "not every control node has the route, and the vRouter has none: check the control nodes' BGP sessions"
	case s.Stage == "route" && s.Status == StatusMissing:
		why = "the control nodes have the route but the vRouter does not: check its XMPP sessions and subscriptions"
	case s.Stage == "destination" || s.Stage == "source":
		why = s.Reason
	case s.Stage == "kernel":
		why = "the vRouter kernel does not hold what the agent programmed (KSync)"
	case s.Stage == "remote" && s.Reason == "stale remote label":
		why = "the source's route carries a label the destination vRouter no longer has (stale remote state)"
	case s.Stage == "flowtable":
		why = "the flow table is full: the vRouter drops packets that need a new flow (ds_flow_table_full)"
	case s.Stage == "flow" && strings.Contains(s.Reason, "SG"):
		why = "security group: " + s.Reason
	case s.Stage == "flow" && strings.Contains(s.Reason, "Policy"):
		why = "network policy: " + s.Reason
	}
	detail := s.Checked
	if s.summary != "" {
		detail = s.summary
	}
	v.Text = why + ": " + detail
	if s.Branch != "" {
		v.Text = "ECMP member " + s.Branch + ": " + v.Text
	}
	return v
}
