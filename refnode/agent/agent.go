package agent

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tfkit/tfkit/refnode/xmpp"
)

// Agent is one vRouter agent.
type Agent struct {
	cfg Config

	mu      sync.Mutex
	t       *tables
	started time.Time
	running bool
	paused  bool
	ctx     context.Context
	cancel  context.CancelFunc

	order      []Control       // configured list after the seeded shuffle, rotated on TIMEDOUT
	channels   []*channel      // in use, at most MaxXMPPServers
	blocked    map[string]bool // control names partitioned away (Block)
	dns        []*dnsChannel   // DNS server channels (dns.go), at most MaxXMPPServers
	dnsBlocked map[string]bool // DNS servers partitioned away (BlockDNS)
	intro      *introspect
	trace      traceBuffer // controller channel events
	wg         sync.WaitGroup
}

// New checks cfg and returns an agent; Start brings it up.
func New(cfg Config) (*Agent, error) {
	if cfg.Name == "" {
		return nil, errors.New("agent: config has no name: set Config.Name")
	}
	if !cfg.Address.IsValid() {
		return nil, fmt.Errorf("agent %s: config has no address: set Config.Address", cfg.Name)
	}
	if cfg.IntrospectPort == 0 {
		cfg.IntrospectPort = DefaultIntrospectPort
	}
	if len(cfg.EncapPriority) == 0 {
		cfg.EncapPriority = DefaultEncapPriority
	}
	if cfg.Timers.XMPPHold == 0 {
		return nil, fmt.Errorf("agent %s: config has no timers: set Config.Timers (timers.Scaled)", cfg.Name)
	}
	nets := map[string]bool{}
	for _, n := range cfg.Networks {
		nets[n.FQName] = true
	}
	for i, itf := range cfg.Interfaces {
		if !nets[itf.Network] {
			return nil, fmt.Errorf("agent %s: interface %s (#%d): network %q is not in Config.Networks", cfg.Name, itf.Name, i, itf.Network)
		}
		if !itf.IP.IsValid() {
			return nil, fmt.Errorf("agent %s: interface %s (#%d) has no IP", cfg.Name, itf.Name, i)
		}
	}
	cfg.Interfaces = slices.Clone(cfg.Interfaces)
	cfg.SecurityGroups = slices.Clone(cfg.SecurityGroups)
	for i := range cfg.Interfaces {
		c := &cfg.Interfaces[i]
		for _, u := range c.SecurityGroups {
			if !slices.ContainsFunc(cfg.SecurityGroups, func(sg SecurityGroup) bool { return sg.UUID == u }) {
				return nil, fmt.Errorf("agent %s: interface %s: security group %s is not in Config.SecurityGroups", cfg.Name, c.Name, u)
			}
		}
		c.SGIDs = sgIDsOf(cfg.SecurityGroups, c)
	}
	for i, sg := range cfg.SecurityGroups {
		if err := checkRules(fmt.Sprintf("security group #%d (%s) ingress", i, sg.Name), sg.Ingress.Rules); err != nil {
			return nil, fmt.Errorf("agent %s: %v", cfg.Name, err)
		}
		if err := checkRules(fmt.Sprintf("security group #%d (%s) egress", i, sg.Name), sg.Egress.Rules); err != nil {
			return nil, fmt.Errorf("agent %s: %v", cfg.Name, err)
		}
	}
	for i, s := range cfg.LinkLocalServices {
		if err := checkLinkLocal(s); err != nil {
			return nil, fmt.Errorf("agent %s: link-local service #%d (%s): %v", cfg.Name, i, s.Name, err)
		}
	}
	for i := range cfg.Controls {
		if cfg.Controls[i].Port == 0 {
			cfg.Controls[i].Port = DefaultXMPPPort
		}
	}
	cfg.DNSServers = slices.Clone(cfg.DNSServers)
	for i := range cfg.DNSServers {
		if cfg.DNSServers[i].Port == 0 {
			cfg.DNSServers[i].Port = DefaultDNSXMPPPort
		}
	}
	return &Agent{cfg: cfg, blocked: map[string]bool{}, dnsBlocked: map[string]bool{}}, nil
}

// Config returns the configuration the agent runs with.
func (a *Agent) Config() Config { return a.cfg }

// Name is the agent's host name.
func (a *Agent) Name() string { return a.cfg.Name }

// Start builds the tables from the configuration, opens the introspect
// listener and starts the controller channels. Start after Stop starts
// from empty state, as a restarted agent does.
func (a *Agent) Start(ctx context.Context) error {
	a.mu.Lock()
	if a.running {
		a.mu.Unlock()
		return fmt.Errorf("agent %s: already running", a.cfg.Name)
	}
	a.t = buildTables(&a.cfg)
	a.started = time.Now()
	a.ctx, a.cancel = context.WithCancel(context.Background())
	a.running, a.paused = true, false
	a.order = shuffledControls(a.cfg.Controls, a.cfg.Seed, a.cfg.Name)
	a.mu.Unlock()

	if a.cfg.IntrospectPort > 0 {
		in, err := startIntrospect(a, netip.AddrPortFrom(a.cfg.Address, uint16(a.cfg.IntrospectPort)))
		if err != nil {
			a.mu.Lock()
			a.running = false
			a.mu.Unlock()
			a.cancel()
			return err
		}
		a.mu.Lock()
		a.intro = in
		a.mu.Unlock()
	}
	a.mu.Lock()
	a.applyControlsLocked()
	a.startDNSLocked()
	a.mu.Unlock()
	fabricJoin(a)
	return nil
}

// Stop closes the controller sessions (controls see EOF) and the
// introspect listener, and drops every learned route.
func (a *Agent) Stop() error {
	a.mu.Lock()
	if !a.running {
		a.mu.Unlock()
		return nil
	}
	a.running = false
	fabricLeave(a)
	chans, dns := a.channels, a.dns
	a.channels, a.dns = nil, nil
	in := a.intro
	a.intro = nil
	a.cancel()
	a.mu.Unlock()
	for _, ch := range chans {
		ch.stop()
	}
	for _, d := range dns {
		d.client.Stop()
	}
	a.wg.Wait()
	if in != nil {
		in.close()
	}
	return nil
}

// Pause freezes the agent like a stopped process: controller sessions
// neither read, write nor send keep-alives (TCP stays open, so the control
// nodes' hold timers expire) and introspect does not answer.
func (a *Agent) Pause() error { return a.setPaused(true) }

// Resume undoes Pause.
func (a *Agent) Resume() error { return a.setPaused(false) }

func (a *Agent) setPaused(on bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.paused = on
	clients := make([]*xmpp.Client, 0, len(a.channels)+len(a.dns))
	for _, ch := range a.channels {
		clients = append(clients, ch.client)
	}
	for _, d := range a.dns {
		clients = append(clients, d.client)
	}
	for _, c := range clients {
		if on {
			c.Pause()
		} else {
			c.Resume()
		}
	}
	if a.intro != nil {
		if on {
			a.intro.srv.Pause()
		} else {
			a.intro.srv.Resume()
		}
	}
	return nil
}

// CutControl closes the session to one control node; the channel
// re-connects at once (one flap).
func (a *Agent) CutControl(control string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, ch := range a.channels {
		if ch.ctl.Name == control {
			ch.client.Cut()
			return nil
		}
	}
	return fmt.Errorf("agent %s: no channel to control node %q (channels: %s)", a.cfg.Name, control, strings.Join(a.channelNamesLocked(), ", "))
}

// Block partitions the agent from a control node (blocked=true): the
// session is cut and re-connects fail, so the channel times out and moves
// to another control node; Block(control, false) heals. A control node
// not in use now is refused when a channel would move to it.
func (a *Agent) Block(control string, blocked bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	known := false
	for _, c := range a.cfg.Controls {
		known = known || c.Name == control
	}
	if !known {
		return fmt.Errorf("agent %s: %q is not one of its control nodes", a.cfg.Name, control)
	}
	if blocked {
		a.blocked[control] = true
	} else {
		delete(a.blocked, control)
	}
	for _, ch := range a.channels {
		if ch.ctl.Name == control {
			ch.client.Block(blocked)
		}
	}
	return nil
}

// Controls returns the names of the control nodes the agent's channels
// use now, in slot order.
func (a *Agent) Controls() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.channelNamesLocked()
}

func (a *Agent) channelNamesLocked() []string {
	out := make([]string, 0, len(a.channels))
	for _, ch := range a.channels {
		out = append(out, ch.ctl.Name)
	}
	return out
}

// buildTables creates VRFs, interfaces, NHs, labels and local routes.
func buildTables(cfg *Config) *tables {
	t := &tables{vrfByName: map[string]*vrf{}, itfByName: map[string]*iface{}, labels: map[int32]*nextHop{}, alloc: newLabelAllocator(), self: cfg.Address}
	addVRF := func(name, vn string, n *Network) *vrf {
		v := &vrf{id: int32(len(t.vrfs)), name: name, vn: vn, net: n}
		v.t = t
		if n != nil {
			v.vnIndex = n.VNIndex
			v.vxlan = n.VXLANID
			if v.vxlan == 0 {
				v.vxlan = n.VNIndex
			}
		}
		t.vrfs = append(t.vrfs, v)
		t.vrfByName[name] = v
		return v
	}
	fabric := addVRF(FabricVRF, FabricVN, nil)
	addVRF(LinkLocalVRF, LinkLocalVN, nil)
	for i := range cfg.Networks {
		n := &cfg.Networks[i]
		if v := t.vrfByName[VRFName(n.FQName)]; v != nil {
			v.net = n // the link-local VN: its VRF always exists
			continue
		}
		addVRF(VRFName(n.FQName), n.FQName, n)
	}
	t.discard = t.addNH(&nextHop{kind: nhDiscard})
	for _, v := range t.vrfs {
		if v.net != nil && v.vxlan > 0 {
			v.vxlanNH = t.addNH(&nextHop{kind: nhVrf, vrf: v, refs: 1})
		}
	}
	addItf := func(name, typ, vrfName string, c *Interface) *iface {
		it := &iface{index: t.nextItf, name: name, typ: typ, vrf: vrfName, cfg: c, label: -1, osIndex: t.nextItf + 2}
		t.nextItf++
		t.itfs = append(t.itfs, it)
		t.itfByName[name] = it
		return it
	}
	addItf("eth0", "eth", FabricVRF, nil)
	vhost := addItf("vhost0", "vhost", FabricVRF, nil)
	addItf("pkt0", "pkt", "", nil)
	vhost.nh = t.addNH(&nextHop{kind: nhReceive, itf: vhost, vrf: fabric})
	t.addNH(&nextHop{kind: nhL2Receive, vrf: fabric})
	// The vhost address is a Local receive route in the fabric VRF.
	self := netip.PrefixFrom(cfg.Address, cfg.Address.BitLen())
	t.setPath(fabric, self, path{peer: PeerLocal, nh: vhost.nh, label: -1, pathAttrs: t.attrs(FabricVN, nil, 100, 0, "", "")})
	// Gateways of the VN subnets are Local receive routes in their VRF.
	for _, v := range t.vrfs {
		if v.net != nil && v.net.Gateway.IsValid() {
			gw := netip.PrefixFrom(v.net.Gateway, v.net.Gateway.BitLen())
			t.setPath(v, gw, path{peer: PeerLocal, nh: vhost.nh, label: -1, pathAttrs: t.attrs(v.vn, nil, 100, 0, "", "")})
		}
	}
	for i := range cfg.Interfaces {
		c := &cfg.Interfaces[i]
		t.addInterface(t.vrfByName[VRFName(c.Network)], c)
	}
	return t
}

// addInterface creates a VM interface in v: interface NH, label, local
// LocalVmPort route.
func (t *tables) addInterface(v *vrf, c *Interface) *iface {
	it := &iface{index: t.nextItf, name: c.Name, typ: "vport", vrf: v.name, cfg: c, label: -1, osIndex: t.nextItf + 2}
	t.nextItf++
	t.itfs = append(t.itfs, it)
	t.itfByName[c.Name] = it
	it.nh = t.addNH(&nextHop{kind: nhInterface, itf: it, vrf: v, policy: true})
	it.label = t.alloc.alloc()
	if it.label >= 0 {
		t.labels[it.label] = it.nh
		t.ref(it.nh)
	}
	for _, pfx := range interfacePrefixes(c) {
		t.setPath(v, pfx, t.localPath(it))
	}
	return it
}

// localPath is the LocalVmPort path of a VM interface's own routes (a new
// one each call: every prefix has its own).
func (t *tables) localPath(it *iface) path {
	c := it.cfg
	return path{peer: PeerLocalVmPort, nh: it.nh, label: it.label, pathAttrs: t.attrs(c.Network,
		sgList(c.SGIDs), localPref(c), 0, supportedText[encGRE|encUDP], c.VMName)}
}

// interfacePrefixes are the routes of a VM interface: its address (or
// Prefix), its IPv6 address and its service addresses.
func interfacePrefixes(c *Interface) []netip.Prefix {
	out := []netip.Prefix{localPrefix(c)}
	if c.IP6.IsValid() {
		out = append(out, netip.PrefixFrom(c.IP6, 128))
	}
	for _, ip := range c.ServiceIPs {
		out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return out
}

// removeInterface deletes a VM interface, its route, NH and label.
func (t *tables) removeInterface(v *vrf, it *iface) {
	nodes, links := t.removedVMIGraph(it)
	t.ifmapNodeDels += nodes
	t.ifmapLinkDels += links
	for _, pfx := range interfacePrefixes(it.cfg) {
		t.delPath(v, pfx, PeerLocalVmPort)
	}
	if it.label >= 0 {
		delete(t.labels, it.label)
		t.alloc.release(it.label)
	}
	t.dp.dropInterface(it)
	t.freeNH(it.nh)
	delete(t.itfByName, it.name)
	for i, x := range t.itfs {
		if x == it {
			t.itfs = append(t.itfs[:i:i], t.itfs[i+1:]...)
			break
		}
	}
}

// VRFName is the routing instance of a VN: "<fq_name>:<last part>".
func VRFName(fqName string) string {
	last := fqName[strings.LastIndexByte(fqName, ':')+1:]
	return fqName + ":" + last
}

func localPrefix(c *Interface) netip.Prefix {
	if c.Prefix.IsValid() {
		return c.Prefix
	}
	return netip.PrefixFrom(c.IP, c.IP.BitLen())
}

func localPref(c *Interface) uint32 {
	if c.LocalPref == 0 {
		return 100
	}
	return c.LocalPref
}

func sgList(ids []uint32) []int32 {
	out := make([]int32, 0, len(ids))
	for _, id := range ids {
		out = append(out, int32(id))
	}
	return out
}

// AddInterface attaches a new VM interface (a pod created): it gets a
// label and an interface NH, its route goes into its VN's VRF and is
// published on every established channel.
func (a *Agent) AddInterface(c Interface) error {
	a.mu.Lock()
	if !a.running {
		a.mu.Unlock()
		return fmt.Errorf("agent %s: not running", a.cfg.Name)
	}
	if _, dup := a.t.itfByName[c.Name]; dup {
		a.mu.Unlock()
		return fmt.Errorf("agent %s: interface %s already exists", a.cfg.Name, c.Name)
	}
	v := a.t.vrfByName[VRFName(c.Network)]
	if v == nil || !c.IP.IsValid() {
		a.mu.Unlock()
		return fmt.Errorf("agent %s: interface %s: unknown network %q or no IP", a.cfg.Name, c.Name, c.Network)
	}
	c.SGIDs = a.sgIDs(&c)
	a.publishInterfaceUnlock(a.t.addInterface(v, &c))
	return nil
}

// publishInterfaceUnlock publishes the local routes of the VM interface it
// on every channel; it is called with a.mu held and releases it.
func (a *Agent) publishInterfaceUnlock(it *iface) {
	v := a.t.vrfByName[it.vrf]
	var items []xmpp.Route
	for _, pfx := range interfacePrefixes(it.cfg) {
		if r := v.route(pfx); r != nil {
			items = append(items, a.itemOf(v, pfx, &r.paths[0]))
		}
	}
	chans := append([]*channel(nil), a.channels...)
	a.mu.Unlock()
	for _, ch := range chans {
		for _, item := range items {
			ch.publish(v.name, item)
		}
	}
}

// RemoveInterface detaches a VM interface (a pod deleted): its route is
// withdrawn on every channel and its label freed.
func (a *Agent) RemoveInterface(name string) error {
	a.mu.Lock()
	it := a.t.itfByName[name]
	if !a.running || it == nil || it.cfg == nil {
		a.mu.Unlock()
		return fmt.Errorf("agent %s: no VM interface %q", a.cfg.Name, name)
	}
	v := a.t.vrfByName[it.vrf]
	pfxs := interfacePrefixes(it.cfg)
	a.t.removeInterface(v, it)
	chans := append([]*channel(nil), a.channels...)
	a.mu.Unlock()
	for _, ch := range chans {
		for _, pfx := range pfxs {
			_ = ch.client.Withdraw(v.name, familyOf(pfx), pfx)
		}
	}
	return nil
}
