package printers

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// vrRoute is ist.py's showRoute_VR (spec §6.5): one block per route, the
// prefix (or MAC) then two lines per path. It formats each route as it
// is parsed and keeps only text. Unlike ist.py it prints a next hop's
// MAC sent as a list (TF agents; ist.py prints None) and prints "None"
// for a missing field instead of crashing.
type vrRoute struct {
	opt Options
	chunked
	// lpm keeps only the route with the longest prefix (--lpm): its
	// output and length.
	lpm     bool
	best    []byte
	bestLen int
	bestRec *sandesh.Node
}

func (r *vrRoute) Add(host, _ string, n *sandesh.Node) error {
	if r.lpm {
		plen, _ := strconv.Atoi(n.Child("src_plen").Text)
		if r.bestRec == nil || plen > r.bestLen {
			r.bestLen, r.bestRec = plen, n
			r.best = appendVrRoute(r.best[:0], n, r.opt)
		}
		return nil
	}
	r.b = appendVrRoute(r.b, n, r.opt)
	return r.next(r.opt.MaxBytes)
}

// output is the whole output: every route, or the best one (--lpm).
func (r *vrRoute) output() [][]byte {
	if r.lpm {
		if r.opt.Format == render.FormatJSON && r.bestRec != nil {
			b, _ := render.Append(nil, []render.Record{{Node: r.bestRec}}, r.opt.Options)
			return [][]byte{b}
		}
		return [][]byte{r.best}
	}
	return r.chunks()
}

func (r *vrRoute) Output() ([]byte, error) {
	var out []byte
	for _, c := range r.output() {
		out = append(out, c...)
	}
	return out, nil
}

// appendVrRoute appends one route as ist.py prints it (print(output.rstrip())).
func appendVrRoute(b []byte, rt *sandesh.Node, opt Options) []byte {
	start := len(b)
	if opt.Raw {
		b = append(b, strings.TrimRightFunc(render.ElementToStr("", rt), isPySpace)...)
		return append(b, '\n')
	}
	if rt.Name == "RouteUcSandeshData" {
		b = append(append(append(b, childText(rt, "src_ip")...), '/'), childText(rt, "src_plen")...)
	} else {
		b = append(b, childText(rt, "mac")...)
	}
	b = append(b, '\n')
	for _, p := range descendants(rt, "PathSandeshData", nil) {
		b = appendVrPath(b, p, opt)
	}
	b = b[:start+len(bytes.TrimRightFunc(b[start:], isPySpace))]
	return append(b, '\n')
}

func isPySpace(r rune) bool { return r == ' ' || (r >= '\t' && r <= '\r') || (r >= 0x1c && r <= 0x1f) }

// appendVrPath appends the two (with detail three) lines of one path.
func appendVrPath(b []byte, p *sandesh.Node, opt Options) []byte {
	const indent = "    "
	nh := path(p, "nh", "NhSandeshData")
	pref := path(p, "path_preference_data", "PathPreferenceSandeshData", "preference")
	b = append(b, indent+"["...)
	b = append(b, childText(p, "peer")...)
	b = append(b, "] pref:"...)
	b = append(b, pyText(pref)...)
	b = append(b, "\n"+indent+" "...)
	nhType := "None"
	if nh != nil {
		nhType = childText(nh, "type")
	}
	field := func(name string) string {
		if nh == nil {
			return "None"
		}
		return childText(nh, name)
	}
	switch {
	case nhType == "interface":
		b = append(b, "to "...)
		b = appendVrMAC(b, nh)
		b = append(b, " via "...)
		b = append(b, field("itf")...)
		b = append(b, ", assigned_label:"...)
		b = append(b, childText(p, "label")...)
		b = append(b, ", "...)
	case nhType == "tunnel":
		if nh.Child("mac") != nil {
			b = append(b, "to "...)
			b = appendVrMAC(b, nh)
			b = append(b, ' ')
		}
		b = append(b, "via "...)
		b = append(b, field("tunnel_type")...)
		b = append(b, " dip:"...)
		b = append(b, field("dip")...)
		b = append(b, " sip:"...)
		b = append(b, field("sip")...)
		b = append(b, " label:"...)
		b = append(b, childText(p, "label")...)
		b = append(b, ", "...)
	case nhType == "receive":
		b = append(b, "via "...)
		b = append(b, field("itf")...)
		b = append(b, ", "...)
	case nhType == "arp":
		b = append(b, "via "...)
		b = appendVrMAC(b, nh)
		b = append(b, ", "...)
	case strings.Contains(nhType, "Composite"):
		var itfs []string
		for _, i := range descendants(nh, "itf", nil) {
			if i.Text != "" {
				itfs = append(itfs, i.Text)
			}
		}
		b = append(b, "via "...)
		b = appendPyListRepr(b, itfs)
		b = append(b, ", "...)
	case strings.Contains(nhType, "vlan"):
		b = append(b, "to "...)
		b = appendVrMAC(b, nh)
		b = append(b, " via "...)
		b = append(b, field("itf")...)
		b = append(b, ", "...)
	}
	policy := ""
	if nh != nil && nh.Child("policy") != nil {
		policy = childText(nh, "policy")
	}
	b = append(b, "nh_index:"...)
	b = append(b, field("nh_index")...)
	b = append(b, " , nh_type:"...)
	b = append(b, nhType...)
	b = append(b, ", nh_policy:"...)
	b = append(b, policy...)
	b = append(b, ", active_label:"...)
	b = append(b, childText(p, "active_label")...)
	b = append(b, ", vxlan_id:"...)
	b = append(b, childText(p, "vxlan_id")...)
	if opt.Detail {
		b = append(b, "\n"+indent+" dest_vn:"...)
		b = appendListRepr(b, p, "dest_vn_list")
		b = append(b, ", sg:"...)
		b = appendListRepr(b, p, "sg_list")
		b = append(b, ", communities:"...)
		b = appendListRepr(b, p, "communities")
	}
	return append(b, '\n')
}

// appendVrMAC appends a next hop's MAC: its text, or the items of a MAC
// sent as a list joined by commas (TF agents), or None.
func appendVrMAC(b []byte, nh *sandesh.Node) []byte {
	if nh == nil {
		return append(b, "None"...)
	}
	if m := nh.Child("mac"); m != nil && m.Text == "" {
		var buf [8]string
		if l := appendListTexts(buf[:0], nh, "mac"); len(l) > 0 {
			for i, s := range l {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, s...)
			}
			return b
		}
	}
	return append(b, childText(nh, "mac")...)
}

// WriteTo writes the output chunks in order (see Sink).
func (r *vrRoute) WriteTo(w io.Writer) (int64, error) { return writeChunks(w, r.output()) }
