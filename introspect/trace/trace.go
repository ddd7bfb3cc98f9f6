package trace

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/introspect/schema"
)

// Config says where the nodes are and how they are reached.
type Config struct {
	// Client is the transport template (TLS, proxy, timeout; Port is the
	// agents' introspect port, 8085). Its Hosts are ignored; a Policy is
	// asked before tfkit's own (tests record requests with it).
	Client client.Config
	// Controls are the control nodes' introspect hosts (--host); their
	// port is ControlPort (8083) unless a host names one.
	Controls    []string
	ControlPort int
	// VRouter is the source vRouter's introspect (--vrouter); empty: found
	// from the control nodes.
	VRouter string
	// Hosts maps tunnel addresses to introspect hosts (ist follow --hosts).
	Hosts follow.Hosts
	VN    string // network filter when an address is in several networks
	IPv6  bool   // named endpoints by their IPv6 address
	// Probe sends real packets from the source (PingReq or TraceRouteReq).
	Probe      bool
	ProbeCount int // packets of a probe; 0 = 3
}

// Flow is the 5-tuple's protocol and ports; Proto 0 = none given (no flow
// checks; a probe is an ICMP trace route).
type Flow struct {
	Proto        uint8
	Sport, Dport uint16
}

// String writes the flow as "tcp 40000->80".
func (f Flow) String() string {
	if f.Proto == 0 {
		return "any"
	}
	return fmt.Sprintf("%s %d->%d", protoName(f.Proto), f.Sport, f.Dport)
}

func protoName(p uint8) string {
	switch p {
	case 6:
		return "tcp"
	case 17:
		return "udp"
	case 1:
		return "icmp"
	case 58:
		return "icmp6"
	}
	return strconv.Itoa(int(p))
}

// DefaultSport is the source port of a flow given without one.
const DefaultSport = 40000

// ParseArgs reads SRC DST [tcp|udp|icmp [SPORT] DPORT].
func ParseArgs(args []string) (src, dst string, fl Flow, err error) {
	if len(args) < 2 || len(args) > 5 {
		return "", "", fl, client.Usagef("see ist trace --help", "need SRC DST [tcp|udp|icmp [SPORT] DPORT], got %d argument(s)", len(args))
	}
	src, dst = args[0], args[1]
	if len(args) == 2 {
		return src, dst, fl, nil
	}
	switch strings.ToLower(args[2]) {
	case "tcp":
		fl.Proto = 6
	case "udp":
		fl.Proto = 17
	case "icmp":
		fl.Proto = 1
	case "icmp6", "icmpv6":
		fl.Proto = 58
	default:
		return "", "", fl, client.Usagef("see ist trace --help", "protocol %q: use tcp, udp or icmp", args[2])
	}
	ports := args[3:]
	if (fl.Proto == 1 || fl.Proto == 58) && len(ports) > 0 {
		return "", "", fl, client.Usagef("see ist trace --help", "icmp takes no ports, got %s", strings.Join(ports, " "))
	}
	if (fl.Proto == 6 || fl.Proto == 17) && len(ports) == 0 {
		return "", "", fl, client.Usagef("see ist trace --help", "%s needs a destination port", args[2])
	}
	n := make([]uint16, len(ports))
	for i, p := range ports {
		v, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return "", "", fl, client.Usagef("see ist trace --help", "port %q: give a number 0-65535", p)
		}
		n[i] = uint16(v)
	}
	switch len(n) {
	case 1:
		fl.Sport, fl.Dport = DefaultSport, n[0]
	case 2:
		fl.Sport, fl.Dport = n[0], n[1]
	}
	return src, dst, fl, nil
}

// Report is everything a trace found.
type Report struct {
	Source      Endpoint `json:"source"`
	Destination Endpoint `json:"destination"`
	Flow        string   `json:"flow"`
	Stages      []Stage  `json:"stages"`
	Verdict     Verdict  `json:"verdict"`
	Next        []string `json:"next,omitempty"`
}

// Endpoint is one end of the trace.
type Endpoint struct {
	Arg       string `json:"arg"`
	IP        string `json:"ip"`
	VRouter   string `json:"vrouter,omitempty"` // introspect host:port of its vRouter
	Interface string `json:"interface,omitempty"`
	VM        string `json:"vm,omitempty"`
	VN        string `json:"vn,omitempty"`
	VRF       string `json:"vrf,omitempty"`

	itf  *schema.ItfSandeshData
	host string // the host its reader was made for
}

// Stage statuses.
const (
	StatusOK       = "OK"
	StatusMissing  = "MISSING"
	StatusMismatch = "MISMATCH"
	StatusDropped  = "DROPPED"
	StatusNone     = "NONE"
	StatusInfo     = "INFO"
	StatusError    = "ERROR"
)

// Stage is one check.
type Stage struct {
	Step    int      `json:"step"`
	Branch  string   `json:"branch,omitempty"` // ECMP member ("1/2")
	Stage   string   `json:"stage"`
	Node    string   `json:"node"`
	Checked string   `json:"checked"`
	Status  string   `json:"status"`
	Reason  string   `json:"reason,omitempty"` // DROPPED, MISMATCH, MISSING: the cause in a few words
	Proof   string   `json:"proof"`            // the requests that show it
	exit    int      // client class of an ERROR
	hint    []string // next commands when this stage is the verdict
	summary string   // the verdict's words for this stage ("" = Checked)
}

// Verdict is the trace's conclusion.
type Verdict struct {
	Result   string `json:"result"` // DELIVERED, PATH OK, DROPPED, MISSING, MISMATCH, UNREADABLE
	Stage    string `json:"stage,omitempty"`
	Node     string `json:"node,omitempty"`
	Text     string `json:"text"`
	ExitCode int    `json:"exit_code"`
}

// tracer holds one run's state.
type tracer struct {
	cfg     Config
	agent   client.Config // agents' transport, with the policy
	control client.Config // control nodes'
	rep     *Report
	fl      Flow
	sip     netip.Addr
	dip     netip.Addr

	mu      sync.Mutex
	readers map[string]*follow.Reader

	ctlAgents []string // agents the control nodes list (once)
	ctlRead   bool     // some control node given answered while listing them
	ctlHas    bool     // a control node has a route to the destination
	srcVRFID  int32
	route     *schema.RouteUcSandeshData // source agent's longest match
	dests     []dest                     // where the walk ended, per branch
	flowSrc   *schema.SandeshFlowData
}

// dest is where one branch of the walk ended.
type dest struct {
	branch string
	host   string // introspect of its vRouter
	itf    string // interface name ("" when the branch stopped before one)
}

// Run traces src to dst (see the package documentation).
func Run(ctx context.Context, cfg Config, src, dst string, fl Flow) (*Report, error) {
	if cfg.Client.File != "" {
		return nil, client.Usagef("drop --file", "trace reads several daemons and cannot use a saved answer")
	}
	if cfg.VRouter == "" && len(cfg.Controls) == 0 {
		return nil, client.Usagef("give the control nodes with --host, or the source vRouter with --vrouter", "no node to start on")
	}
	if cfg.ControlPort == 0 {
		cfg.ControlPort = 8083
	}
	if cfg.ProbeCount <= 0 {
		cfg.ProbeCount = 3
	}
	if cfg.Client.Port == 0 {
		cfg.Client.Port = 8085
	}
	t := &tracer{cfg: cfg, fl: fl, readers: map[string]*follow.Reader{},
		rep: &Report{Source: Endpoint{Arg: src}, Destination: Endpoint{Arg: dst}, Flow: fl.String()}}
	t.agent = cfg.Client
	t.agent.Policy = policy(cfg.Client.Policy, cfg.Probe)
	t.control = t.agent
	t.control.Port = cfg.ControlPort
	if err := t.resolve(ctx); err != nil {
		return nil, err
	}
	if t.rep.Verdict.Result == "" { // both ends known: check the path
		t.checkPath(ctx)
		t.conclude()
	}
	return t.rep, nil
}

// policy is tfkit's read-only policy (with the probes when asked) after
// the caller's.
func policy(caller func(string) error, probe bool) func(string) error {
	own := readonly.Check
	if probe {
		own = readonly.CheckWithProbes
	}
	return func(path string) error {
		if caller != nil {
			if err := caller(path); err != nil {
				return err
			}
		}
		return own(path)
	}
}

// reader returns the (cached) reader for an agent host, or for a control
// node host with control set.
func (t *tracer) reader(host string, control bool) (*follow.Reader, error) {
	key := host
	if control {
		key = "control:" + host
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if r, ok := t.readers[key]; ok {
		return r, nil
	}
	cfg := t.agent
	if control {
		cfg = t.control
	}
	r, err := follow.NewReader(cfg, host)
	if err != nil {
		return nil, err
	}
	t.readers[key] = r
	return r, nil
}

// add appends a stage row and returns it.
func (t *tracer) add(s Stage) *Stage {
	s.Step = len(t.rep.Stages) + 1
	t.rep.Stages = append(t.rep.Stages, s)
	return &t.rep.Stages[len(t.rep.Stages)-1]
}

// failed adds an ERROR row for a node that could not be read.
func (t *tracer) failed(stage, node, what, proof string, err error) {
	t.add(Stage{Stage: stage, Node: node, Checked: what + ": " + err.Error(), Status: StatusError, Proof: proof,
		exit: max(client.ExitCode(err), 3)})
}

// checkPath runs every stage after the endpoints are known.
func (t *tracer) checkPath(ctx context.Context) {
	if !t.checkSource(ctx) {
		return
	}
	t.checkDestination()
	t.checkControl(ctx)
	if !t.checkRoute(ctx) {
		return
	}
	t.checkKernel(ctx)
	t.checkRemote(ctx)
	agents := t.involved()
	var before map[string]*schema.KDropStatsResp
	if t.cfg.Probe {
		before = t.dropStats(ctx, agents)
		t.probe(ctx)
	}
	t.checkFlowTables(ctx, agents)
	t.checkFlows(ctx)
	t.checkDrops(ctx, agents, before)
}

// involved lists the agents on the path: the source's, then each
// destination's, once.
func (t *tracer) involved() []string {
	out := []string{t.rep.Source.host}
	for _, d := range t.dests {
		if d.host != "" && !slices.Contains(out, d.host) {
			out = append(out, d.host)
		}
	}
	return out
}
