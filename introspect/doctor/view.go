package doctor

import (
	"strconv"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// View is the collection read once into the few fields the checks use,
// by element name (unknown fields are ignored, numbers parsed leniently),
// so that every check is a plain loop.
type View struct {
	Col      *collect.Collection
	Now      time.Time
	Controls []*Control
	VRouters []*VRouter
	Others   []*Daemon

	ctlByAddr map[string]*Control
	vrByName  map[string]*VRouter
}

// Daemon is what every node has: its NodeStatus.
type Daemon struct {
	Node      *collect.Node
	Status    []Process // NodeStatus process_status; nil when not read
	StatusURL string
	statusOK  bool
}

// Process is one ProcessStatus of a NodeStatus.
type Process struct {
	Module, State, Description string
	Conns                      []Conn
}

// Conn is one ConnectionInfo.
type Conn struct {
	Type, Name, Status, Description string
	Servers                         []string
}

// Control is a control node.
type Control struct {
	Daemon
	Address      string // its own address (local_address)
	RouterID     string // local_id
	ASN          string // local_asn
	BGP, XMPP    []Peer
	NeighborsOK  bool
	NeighborsURL string
	Tables       map[string]uint64 // route summary: prefixes per table
	SummaryOK    bool
	SummaryURL   string
	XMPPRoutes   map[string]*TableRoutes // follow-up: by table, the prefixes its agents published (XMPP paths)

	xmppByName map[string]int // index in XMPP by peer name
}

// XMPPPeer returns the XMPP peer of that name, nil when not listed.
func (c *Control) XMPPPeer(name string) *Peer {
	if i, ok := c.xmppByName[name]; ok {
		return &c.XMPP[i]
	}
	return nil
}

// TableRoutes is prefixes of one table of one control node.
type TableRoutes struct {
	Prefixes map[string]bool
	OK       bool
	URL      string
}

// Peer is one BgpNeighborResp.
type Peer struct {
	Name, Address, State, LastError, LastState, LastEvent string
	RouterType, PeerASN, PeerID                           string
	FlapCount                                             uint64
	FlapTime, LastStateAt                                 time.Time
}

// VRouter is a vRouter agent.
type VRouter struct {
	Daemon
	Sessions []Session
	XMPPOK   bool
	XMPPURL  string
	// DNSSessions are the sessions to DNS servers (ControllerIP holds
	// dns_controller_ip).
	DNSSessions []Session
	DNSOK       bool
	DNSURL      string
	Interfaces  []Interface
	ItfOK       bool
	ItfURL      string
}

// Session is one AgentXmppData.
type Session struct {
	ControllerIP, State, PeerName string
	FlapCount                     uint64
	FlapTime, LastStateAt         time.Time
}

// Interface is one ItfSandeshData.
type Interface struct {
	Name, Type, Active, VRF, VN, IP, VMName, UUID string
}

// Inactive reports whether a VM interface is not active, with the
// agent's reasons ("Inactive < vn-null vrf-null … >" → [vn-null
// vrf-null]; the ipv4/ipv6/l2 summary words are left out).
func (i Interface) Inactive() (bool, []string) {
	if i.Active == "Active" || i.Active == "" {
		return false, nil
	}
	var reasons []string
	if lt, gt := strings.IndexByte(i.Active, '<'), strings.LastIndexByte(i.Active, '>'); lt >= 0 && gt > lt {
		for _, w := range strings.Fields(i.Active[lt+1 : gt]) {
			switch w {
			case "ipv4_inactive", "ipv6_inactive", "l2_inactive":
			default:
				reasons = append(reasons, w)
			}
		}
	}
	return true, reasons
}

// NewView reads a collection.
func NewView(col *collect.Collection, now time.Time) *View {
	v := &View{Col: col, Now: now, ctlByAddr: map[string]*Control{}, vrByName: map[string]*VRouter{}}
	for _, n := range col.Nodes {
		d := readDaemon(n)
		switch n.Role {
		case collect.RoleControl:
			c := readControl(d)
			v.Controls = append(v.Controls, c)
			if c.Address != "" {
				v.ctlByAddr[c.Address] = c
			}
		case collect.RoleVRouter:
			r := readVRouter(d)
			v.VRouters = append(v.VRouters, r)
			v.vrByName[n.Name] = r
		default:
			v.Others = append(v.Others, &d)
		}
	}
	return v
}

// ControlAt finds the control node with that address.
func (v *View) ControlAt(addr string) *Control { return v.ctlByAddr[addr] }

// VRouterNamed finds the vRouter with that name.
func (v *View) VRouterNamed(name string) *VRouter { return v.vrByName[name] }

// Daemons lists every node's Daemon part.
func (v *View) Daemons() []*Daemon {
	out := make([]*Daemon, 0, len(v.Controls)+len(v.VRouters)+len(v.Others))
	for _, c := range v.Controls {
		out = append(out, &c.Daemon)
	}
	for _, r := range v.VRouters {
		out = append(out, &r.Daemon)
	}
	return append(out, v.Others...)
}

func readDaemon(n *collect.Node) Daemon {
	d := Daemon{Node: n}
	r := n.Result(collect.IDNodeStatus)
	if r == nil {
		return d
	}
	d.StatusURL, d.statusOK = r.URL, r.OK()
	for _, rec := range r.Records {
		for _, ps := range rec.All("ProcessStatus") {
			p := Process{Module: ps.ChildText("module_id"), State: ps.ChildText("state"), Description: ps.ChildText("description")}
			for _, ci := range ps.All("ConnectionInfo") {
				c := Conn{Type: ci.ChildText("type"), Name: ci.ChildText("name"), Status: ci.ChildText("status"),
					Description: ci.ChildText("description")}
				if sa := ci.Child("server_addrs"); sa != nil {
					for _, e := range sa.All("element") {
						c.Servers = append(c.Servers, e.Text)
					}
				}
				p.Conns = append(p.Conns, c)
			}
			d.Status = append(d.Status, p)
		}
	}
	return d
}

func readControl(d Daemon) *Control {
	c := &Control{Daemon: d, Address: d.Node.Address, XMPPRoutes: map[string]*TableRoutes{}, xmppByName: map[string]int{}}
	n := d.Node
	if r := n.Result(collect.IDNeighbors); r != nil {
		c.NeighborsOK, c.NeighborsURL = r.OK(), r.URL
		for _, rec := range r.Records {
			if c.RouterID == "" {
				c.RouterID, c.ASN = rec.ChildText("local_id"), rec.ChildText("local_asn")
				if a := rec.ChildText("local_address"); a != "" {
					c.Address = a
				}
			}
			p := readPeer(rec)
			switch rec.ChildText("encoding") {
			case "BGP":
				c.BGP = append(c.BGP, p)
			case "XMPP":
				if _, dup := c.xmppByName[p.Name]; !dup || p.State == "Established" {
					c.xmppByName[p.Name] = len(c.XMPP)
				}
				c.XMPP = append(c.XMPP, p)
			}
		}
	}
	if r := n.Result(collect.IDRouteSummary); r != nil {
		c.SummaryOK, c.SummaryURL = r.OK(), r.URL
		c.Tables = map[string]uint64{}
		for _, rec := range r.Records {
			c.Tables[rec.ChildText("name")] = parseUint(rec.ChildText("prefixes"))
		}
	}
	for _, r := range n.Results() {
		table, protocol, ok := collect.RouteTableOf(r.Request.ID)
		if !ok || protocol != "XMPP" {
			continue
		}
		tr := &TableRoutes{Prefixes: map[string]bool{}, OK: r.OK(), URL: r.URL}
		for _, rec := range r.Records {
			if rec.Name == "prefix" {
				tr.Prefixes[rec.Text] = true
			}
		}
		c.XMPPRoutes[table] = tr
	}
	return c
}

func readPeer(rec *sandesh.Node) Peer {
	return Peer{Name: rec.ChildText("peer"), Address: rec.ChildText("peer_address"), State: rec.ChildText("state"),
		LastError: rec.ChildText("last_error"), LastState: rec.ChildText("last_state"), LastEvent: rec.ChildText("last_event"),
		RouterType: rec.ChildText("router_type"), PeerASN: rec.ChildText("peer_asn"), PeerID: rec.ChildText("peer_id"),
		FlapCount: parseUint(rec.ChildText("flap_count")), FlapTime: parseTime(rec.ChildText("flap_time")),
		LastStateAt: parseTime(rec.ChildText("last_state_at"))}
}

func readVRouter(d Daemon) *VRouter {
	v := &VRouter{Daemon: d}
	n := d.Node
	if r := n.Result(collect.IDXMPP); r != nil {
		v.XMPPOK, v.XMPPURL = r.OK(), r.URL
		v.Sessions = readSessions(r, "controller_ip")
	}
	if r := n.Result(collect.IDDNSXMPP); r != nil {
		v.DNSOK, v.DNSURL = r.OK(), r.URL
		v.DNSSessions = readSessions(r, "dns_controller_ip")
	}
	if r := n.Result(collect.IDInterfaces); r != nil {
		v.ItfOK, v.ItfURL = r.OK(), r.URL
		for _, rec := range r.Records {
			v.Interfaces = append(v.Interfaces, Interface{Name: rec.ChildText("name"), Type: rec.ChildText("type"),
				Active: rec.ChildText("active"), VRF: rec.ChildText("vrf_name"), VN: rec.ChildText("vn_name"),
				IP: rec.ChildText("ip_addr"), VMName: rec.ChildText("vm_name"), UUID: rec.ChildText("uuid")})
		}
	}
	return v
}

// readSessions reads AgentXmppData or AgentXmppDnsData records; ipField
// names the element with the server's address.
func readSessions(r *collect.Result, ipField string) []Session {
	var out []Session
	for _, rec := range r.Records {
		out = append(out, Session{ControllerIP: rec.ChildText(ipField), State: rec.ChildText("state"),
			PeerName: rec.ChildText("peer_name"), FlapCount: parseUint(rec.ChildText("flap_count")),
			FlapTime: parseTime(rec.ChildText("flap_time")), LastStateAt: parseTime(rec.ChildText("last_state_at"))})
	}
	return out
}

// Established counts the agent's Established sessions.
func (v *VRouter) Established() int { return established(v.Sessions) }

func established(ss []Session) int {
	n := 0
	for _, s := range ss {
		if s.State == "Established" {
			n++
		}
	}
	return n
}

// parseUint reads a counter; OpenSDN widened some to 64 bits, and an
// unreadable value counts as 0.
func parseUint(s string) uint64 {
	n, _ := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	return n
}

// Time layouts the daemons write: Boost's ptime text (control node and
// agent, UTC, fraction optional) and microseconds since the epoch.
var timeLayouts = []string{"2006-Jan-02 15:04:05.999999", "2006-Jan-02 15:04:05"}

func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	if us, err := strconv.ParseInt(s, 10, 64); err == nil && us > 1e15 {
		return time.UnixMicro(us).UTC()
	}
	return time.Time{}
}
