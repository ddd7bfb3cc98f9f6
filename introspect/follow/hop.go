package follow

import (
	"fmt"
	"strings"
)

// Hop kinds, in the order a walk meets them.
const (
	KindRoute     = "route"     // the VRF's longest match for the address and its active path
	KindComposite = "composite" // an ECMP (or other composite) next hop; its members are branches
	KindTunnel    = "tunnel"    // overlay tunnel to another vRouter (encapsulation, label or VNI)
	KindLabel     = "label"     // the MPLS label on the receiving vRouter and its next hop
	KindVxlan     = "vxlan"     // the VNI on the receiving vRouter and its VRF
	KindVrf       = "vrf"       // a VRF next hop: lookup again in another VRF
	KindInterface = "interface" // the agent interface the path ends on (VM, VN)
	KindReceive   = "receive"   // the vRouter host itself (vhost0)
	KindArp       = "arp"       // leaves on a fabric interface towards a resolved MAC
	KindStop      = "stop"      // the walk could not go further; Reason says why
)

// Hop is one step of a walk. Fields not meaningful for a kind are empty
// (and left out of JSON).
type Hop struct {
	Step    int    `json:"step"`             // 1, 2, … along one branch
	Branch  string `json:"branch,omitempty"` // "2/3" = member 2 of a 3-way composite; nested: "1/2.2/2"
	VRouter string `json:"vrouter"`          // introspect that answered (host:port)
	Kind    string `json:"kind"`

	VRF       string   `json:"vrf,omitempty"`
	Prefix    string   `json:"prefix,omitempty"`  // route: the matching prefix
	Peer      string   `json:"peer,omitempty"`    // route: owner of the active path
	Paths     int      `json:"paths,omitempty"`   // route: number of paths
	DestVN    []string `json:"dest_vn,omitempty"` // route: destination VNs of the active path
	NhType    string   `json:"nh_type,omitempty"`
	NhIndex   *int32   `json:"nh_index,omitempty"`
	Label     *int32   `json:"label,omitempty"` // route/tunnel/label: MPLS label
	VNI       int32    `json:"vni,omitempty"`   // tunnel/vxlan: VXLAN id
	Members   int      `json:"members,omitempty"`
	Source    string   `json:"source,omitempty"`      // tunnel: sip
	Dest      string   `json:"destination,omitempty"` // tunnel: dip
	DestHost  string   `json:"destination_host,omitempty"`
	Encap     string   `json:"encapsulation,omitempty"`
	Interface string   `json:"interface,omitempty"` // interface, receive, arp; label: its NH's interface
	MAC       string   `json:"mac,omitempty"`
	IP        string   `json:"ip,omitempty"`
	VM        string   `json:"vm,omitempty"`
	VMUUID    string   `json:"vm_uuid,omitempty"`
	VN        string   `json:"vn,omitempty"`
	Active    string   `json:"active,omitempty"`
	Reason    string   `json:"reason,omitempty"` // stop: why the walk ended here
	ExitCode  int      `json:"exit_code,omitempty"`
}

// labelOf makes a value for Hop.Label and Hop.NhIndex.
func labelOf(l int32) *int32 { return &l }

// Detail is the one-line description of a hop used by the table and text
// formats.
func (h Hop) Detail() string {
	var b strings.Builder
	add := func(format string, a ...any) {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, format, a...)
	}
	switch h.Kind {
	case KindRoute:
		add("%s in %s", h.Prefix, h.VRF)
		if h.Peer != "" {
			add("via %s", h.Peer)
		}
		if h.Paths > 1 {
			add("(%d paths, first active)", h.Paths)
		}
	case KindComposite:
		add("%d members", h.Members)
	case KindTunnel:
		add("%s %s -> %s", h.Encap, h.Source, h.Dest)
		if h.DestHost != "" {
			add("(introspect %s)", h.DestHost)
		}
	case KindLabel:
		// label, NH and its interface below
	case KindVxlan:
		add("VNI %d -> %s", h.VNI, h.VRF)
	case KindVrf:
		add("lookup again in %s", h.VRF)
	case KindInterface:
		add("%s", h.Interface)
		if h.VM != "" {
			add("vm %s", h.VM)
		}
		if h.VN != "" {
			add("vn %s", h.VN)
		}
		if h.IP != "" {
			add("ip %s", h.IP)
		}
		if h.MAC != "" {
			add("mac %s", h.MAC)
		}
		if h.Active != "" {
			add("(%s)", h.Active)
		}
	case KindReceive:
		add("delivered to the vRouter host (%s)", h.Interface)
	case KindArp:
		add("out of %s to %s", h.Interface, h.MAC)
	case KindStop:
		add("%s", h.Reason)
	}
	if h.Label != nil && h.Kind != KindStop {
		add("label %d", *h.Label)
	}
	if h.Kind == KindTunnel && h.VNI != 0 {
		add("VNI %d", h.VNI)
	}
	if h.NhType != "" {
		nh := h.NhType
		if h.Kind == KindLabel && h.Interface != "" {
			nh += " " + h.Interface
		}
		if h.NhIndex != nil {
			add("nh %d (%s)", *h.NhIndex, nh)
		} else {
			add("nh %s", nh)
		}
	}
	return b.String()
}

// Name is the hop's number as printed: "3", or "3 [2/3]" on a branch.
func (h Hop) Name() string {
	if h.Branch == "" {
		return fmt.Sprint(h.Step)
	}
	return fmt.Sprintf("%d [%s]", h.Step, h.Branch)
}
