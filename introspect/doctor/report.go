package doctor

import (
	"context"
	"slices"
	"time"

	"github.com/tfkit/tfkit/introspect/collect"
)

// Schema names the JSON layout of a Report; it changes only with a new
// version.
const Schema = "tfkit.doctor/v1"

// Options tune the checks.
type Options struct {
	// FlapWindow: a session that flapped within it is reported (default
	// 10 minutes).
	FlapWindow time.Duration
	// SkewThreshold: sessions whose two ends disagree by more than this on
	// when they came up count against a node's clock (default 1 minute:
	// an overloaded node records a session's start seconds late, which is
	// no clock skew; 980 agents converging on a shared 2-core machine
	// showed up to 16 s).
	SkewThreshold time.Duration
}

func (o Options) withDefaults() Options {
	if o.FlapWindow <= 0 {
		o.FlapWindow = 10 * time.Minute
	}
	if o.SkewThreshold <= 0 {
		o.SkewThreshold = time.Minute
	}
	return o
}

// Report is the outcome of one doctor run.
type Report struct {
	Schema   string    `json:"schema"`
	Summary  Summary   `json:"summary"`
	Checks   []string  `json:"checks"` // ids of the checks run
	Findings []Finding `json:"findings"`
}

// Summary is the one-screen view: nodes per role and state.
type Summary struct {
	Hosts    []string      `json:"hosts"`   // the starting control nodes
	Start    time.Time     `json:"start"`   // when the collection started
	Elapsed  time.Duration `json:"elapsed"` // how long it took (ns)
	Requests int64         `json:"requests"`
	Roles    []RoleSummary `json:"roles"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
}

// RoleSummary counts the nodes of one role.
type RoleSummary struct {
	Role          string `json:"role"`
	Nodes         int    `json:"nodes"`
	Answered      int    `json:"answered"`
	Unreachable   int    `json:"unreachable"`
	Functional    int    `json:"functional"`     // NodeStatus: every process Functional
	NonFunctional int    `json:"non_functional"` // NodeStatus: a process not Functional
	Sessions      string `json:"sessions"`       // "BGP" for control nodes, "XMPP" for agents, "" otherwise
	SessionsUp    int    `json:"sessions_up"`
	SessionsTotal int    `json:"sessions_total"`
	Interfaces    int    `json:"interfaces,omitempty"` // agents: VM interfaces
	Inactive      int    `json:"inactive,omitempty"`   // agents: VM interfaces Inactive
}

// requestFor maps a request id the checks need to the roles that are
// asked it and the request itself. bgp-neighbors is asked during
// discovery already.
var requestFor = []struct {
	id    string
	roles []string // nil: every role
	req   func() collect.Request
}{
	{collect.IDNodeStatus, nil, collect.NodeStatus},
	{collect.IDRouteSummary, []string{collect.RoleControl}, collect.RouteSummary},
	{collect.IDXMPP, []string{collect.RoleVRouter}, collect.XMPPConnections},
	{collect.IDDNSXMPP, []string{collect.RoleVRouter}, collect.DNSXMPPConnections},
	{collect.IDInterfaces, []string{collect.RoleVRouter}, collect.Interfaces},
}

// Plan is what the checks need collected: the union of their Needs per
// role, and the route follow-up when routes.missing runs.
func Plan(checks []Check) collect.Plan {
	need := map[string]bool{}
	for _, c := range checks {
		for _, id := range c.Needs {
			need[id] = true
		}
	}
	p := collect.Plan{Requests: func(n *collect.Node) []collect.Request {
		var out []collect.Request
		for _, r := range requestFor {
			if need[r.id] && (r.roles == nil || slices.Contains(r.roles, n.Role)) {
				out = append(out, r.req())
			}
		}
		return out
	}}
	if need[collect.IDRoutesPrefix] {
		p.FollowUp = routeFollowUp
	}
	p.Fields = recordFields
	return p
}

// recordFields are the fields of each record the View reads (view.go):
// the rest is not kept, so that a collection of a thousand nodes stays
// small.
var recordFields = map[string][]string{
	collect.IDNeighbors: {"peer", "peer_address", "peer_asn", "peer_id", "encoding", "state", "router_type",
		"local_address", "local_id", "local_asn", "last_state", "last_event", "last_state_at", "last_error", "flap_count", "flap_time"},
	collect.IDXMPP:         {"controller_ip", "state", "peer_name", "last_state_at", "flap_count", "flap_time"},
	collect.IDDNSXMPP:      {"dns_controller_ip", "state", "peer_name", "last_state_at", "flap_count", "flap_time"},
	collect.IDInterfaces:   {"name", "type", "active", "vrf_name", "vn_name", "ip_addr", "vm_name", "uuid"},
	collect.IDRouteSummary: {"name", "prefixes"},
}

// Evaluate runs checks over a collection; now is the reference for
// "recent" flaps.
func Evaluate(col *collect.Collection, checks []Check, o Options, now time.Time) *Report {
	o = o.withDefaults()
	v := NewView(col, now)
	rep := &Report{Schema: Schema, Findings: []Finding{}}
	for i := range checks {
		c := &checks[i]
		rep.Checks = append(rep.Checks, c.ID)
		for _, h := range c.Find(v, &o) {
			rep.Findings = append(rep.Findings, c.finding(h))
		}
	}
	sortFindings(rep.Findings)
	rep.Summary = summarize(v)
	for _, f := range rep.Findings {
		if f.Severity == Error {
			rep.Summary.Errors++
		} else {
			rep.Summary.Warnings++
		}
	}
	return rep
}

// Healthy reports whether no finding is an error.
func (r *Report) Healthy() bool { return r.Summary.Errors == 0 }

func summarize(v *View) Summary {
	s := Summary{Hosts: v.Col.Hosts, Start: v.Col.Start, Elapsed: v.Col.End.Sub(v.Col.Start), Requests: v.Col.Sent}
	byRole := map[string]*RoleSummary{}
	var order []string
	get := func(role string) *RoleSummary {
		if byRole[role] == nil {
			byRole[role] = &RoleSummary{Role: role}
			order = append(order, role)
		}
		return byRole[role]
	}
	for _, d := range v.Daemons() {
		rs := get(d.Node.Role)
		rs.Nodes++
		if silent(d.Node) != nil {
			rs.Unreachable++
			continue
		}
		rs.Answered++
		if d.statusOK {
			functional := len(d.Status) > 0
			for _, p := range d.Status {
				functional = functional && p.State == "Functional"
			}
			if functional {
				rs.Functional++
			} else {
				rs.NonFunctional++
			}
		}
	}
	for _, c := range v.Controls {
		rs := get(collect.RoleControl)
		rs.Sessions = "BGP"
		for _, p := range c.BGP {
			rs.SessionsTotal++
			if p.State == "Established" {
				rs.SessionsUp++
			}
		}
	}
	for _, r := range v.VRouters {
		rs := get(collect.RoleVRouter)
		rs.Sessions = "XMPP"
		rs.SessionsTotal += len(r.Sessions)
		rs.SessionsUp += r.Established()
		for _, i := range r.Interfaces {
			if i.Type != "vport" {
				continue
			}
			rs.Interfaces++
			if in, _ := i.Inactive(); in {
				rs.Inactive++
			}
		}
	}
	for _, role := range order {
		s.Roles = append(s.Roles, *byRole[role])
	}
	return s
}

// Config is one doctor run.
type Config struct {
	Collect   collect.Options // client (TLS, timeout, …), ports, parallelism
	Hosts     []string        // the control nodes to start from
	HostsFile string          // hosts file ("" none)
	Options   Options
}

// Run collects the cluster from cfg.Hosts and evaluates every check. The
// error is a usage error (bad hosts file or option, exit 2) or the
// starting hosts' client error (no starting control node answered: exit
// 3–6).
func Run(ctx context.Context, cfg Config) (*Report, error) {
	hf, err := collect.ReadHostsFile(cfg.HostsFile)
	if err != nil {
		return nil, err
	}
	c, err := collect.New(cfg.Collect)
	if err != nil {
		return nil, err
	}
	col, err := c.Run(ctx, cfg.Hosts, hf, Plan(Checks))
	if err != nil {
		return nil, err
	}
	return Evaluate(col, Checks, cfg.Options, time.Now()), nil
}
