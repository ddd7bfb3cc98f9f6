package agent

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
)

// InactiveReasons are the reasons the real agent gives for a VM interface
// that is not active (oper/interface.cc SetItfSandeshData), in the order
// it writes them. vn-null and vn-admin-down exclude each other.
var InactiveReasons = []string{"admin-down", "vn-null", "vn-admin-down", "vrf-null", "no-dev", "os-state-down"}

// errorVRF is what the agent shows as vrf_name when the interface has no
// VRF (its VN, or the VN's VRF, is missing).
const errorVRF = "--ERROR--"

// SetInterfaceInactive makes the VM interface name inactive for reasons
// (see InactiveReasons), as the agent does when the interface's
// configuration is incomplete or its tap is down: its local route is
// removed and withdrawn from the control nodes, and ItfReq shows
// "Inactive < reasons … >" like the real agent. vn-null implies vrf-null
// (the VRF comes from the VN). The fault lasts until SetInterfaceActive
// or a restart of the agent (which rebuilds its tables from config).
func (a *Agent) SetInterfaceInactive(name string, reasons ...string) error {
	if len(reasons) == 0 {
		return fmt.Errorf("agent %s: give at least one reason (%s)", a.cfg.Name, strings.Join(InactiveReasons, ", "))
	}
	set := map[string]bool{}
	for _, r := range reasons {
		if !slices.Contains(InactiveReasons, r) {
			return fmt.Errorf("agent %s: unknown inactive reason %q: use %s", a.cfg.Name, r, strings.Join(InactiveReasons, ", "))
		}
		set[r] = true
	}
	if set["vn-null"] && set["vn-admin-down"] {
		return fmt.Errorf("agent %s: vn-null and vn-admin-down exclude each other (no VN, or a VN that is down)", a.cfg.Name)
	}
	if set["vn-null"] {
		set["vrf-null"] = true
	}
	var ordered []string
	for _, r := range InactiveReasons {
		if set[r] {
			ordered = append(ordered, r)
		}
	}
	a.mu.Lock()
	it, v, err := a.vmInterfaceLocked(name)
	if err != nil {
		a.mu.Unlock()
		return err
	}
	it.inactive = ordered
	var gone []netip.Prefix // every route of the interface (IPv6, service addresses too)
	for _, pfx := range interfacePrefixes(it.cfg) {
		if a.t.delPath(v, pfx, PeerLocalVmPort) {
			gone = append(gone, pfx)
		}
	}
	chans := append([]*channel(nil), a.channels...)
	a.mu.Unlock()
	for _, ch := range chans {
		for _, pfx := range gone {
			_ = ch.client.Withdraw(v.name, familyOf(pfx), pfx)
		}
	}
	a.trace.add("Interface " + name + " Inactive < " + strings.Join(ordered, " ") + " >")
	return nil
}

// SetInterfaceActive undoes SetInterfaceInactive: the local route is back
// and published on every established channel.
func (a *Agent) SetInterfaceActive(name string) error {
	a.mu.Lock()
	it, v, err := a.vmInterfaceLocked(name)
	if err != nil {
		a.mu.Unlock()
		return err
	}
	if it.inactive == nil {
		a.mu.Unlock()
		return fmt.Errorf("agent %s: interface %s is already active", a.cfg.Name, name)
	}
	it.inactive = nil
	for _, pfx := range interfacePrefixes(it.cfg) {
		a.t.setPath(v, pfx, a.t.localPath(it))
	}
	a.publishInterfaceUnlock(it)
	a.trace.add("Interface " + name + " Active")
	return nil
}

// WithdrawRoute withdraws the route of the VM interface name from the
// control nodes while the interface stays active and its local route
// stays in the agent: the control nodes lose the route as if the update
// had been lost. A new session re-publishes it (as a reconnect would).
func (a *Agent) WithdrawRoute(name string) error {
	a.mu.Lock()
	it, v, err := a.vmInterfaceLocked(name)
	if err != nil {
		a.mu.Unlock()
		return err
	}
	pfx := localPrefix(it.cfg)
	chans := append([]*channel(nil), a.channels...)
	a.mu.Unlock()
	n := 0
	for _, ch := range chans {
		if ch.client.Withdraw(v.name, familyOf(pfx), pfx) == nil {
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("agent %s: no established channel to withdraw %s on", a.cfg.Name, pfx)
	}
	return nil
}

// vmInterfaceLocked finds a VM interface (a pod's tap) and its VRF.
func (a *Agent) vmInterfaceLocked(name string) (*iface, *vrf, error) {
	if !a.running {
		return nil, nil, fmt.Errorf("agent %s: not running", a.cfg.Name)
	}
	it := a.t.itfByName[name]
	if it == nil || it.cfg == nil {
		var names []string
		for _, x := range a.t.itfs {
			if x.cfg != nil {
				names = append(names, x.name)
			}
		}
		return nil, nil, fmt.Errorf("agent %s: no VM interface %q (VM interfaces: %s)", a.cfg.Name, name, strings.Join(names, ", "))
	}
	return it, a.t.vrfByName[it.vrf], nil
}

// applyInactive writes the texts the real agent shows for an inactive VM
// interface: active "Inactive < <reasons> ipv4_inactive ipv6_inactive
// l2_inactive  >", ipv4_active "Ipv4 Inactive < <reasons>  >" (and the
// same for ip6 and l2), no VRF (and no VN for vn-null), no label.
func applyInactive(d *schema.ItfSandeshData, reasons []string) {
	common := ""
	for _, r := range reasons {
		common += r + " "
	}
	d.Active = "Inactive < " + common + "ipv4_inactive ipv6_inactive l2_inactive  >"
	d.IPv4Active = "Ipv4 Inactive < " + common + " >"
	d.IP6Active = "Ipv6 Inactive < " + common + "no-ipv6-addr  >"
	d.L2Active = "L2 Inactive < " + common + " >"
	if slices.Contains(reasons, "vrf-null") {
		d.VrfName = errorVRF
		d.VxlanID = 0
	}
	if slices.Contains(reasons, "vn-null") {
		d.VnName = ""
	}
	if slices.Contains(reasons, "admin-down") {
		d.AdminState = "Disabled"
	}
	if slices.Contains(reasons, "no-dev") {
		d.OsIfindex = -1
	}
	d.Label = -1
}
