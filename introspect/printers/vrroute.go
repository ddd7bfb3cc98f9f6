package printers

import (
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
	release(n)
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
	b = b[:start+len(strings.TrimRightFunc(string(b[start:]), isPySpace))]
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
	mac := func() string {
		if nh == nil {
			return "None"
		}
		if m := nh.Child("mac"); m != nil && m.Text == "" {
			if l := listTexts(nh, "mac"); len(l) > 0 {
				return strings.Join(l, ",")
			}
		}
		return field("mac")
	}
	switch {
	case nhType == "interface":
		b = append(b, "to "+mac()+" via "+field("itf")+", assigned_label:"+childText(p, "label")+", "...)
	case nhType == "tunnel":
		via := "via " + field("tunnel_type") + " dip:" + field("dip") + " sip:" + field("sip") + " label:" + childText(p, "label") + ", "
		if nh.Child("mac") != nil {
			via = "to " + mac() + " " + via
		}
		b = append(b, via...)
	case nhType == "receive":
		b = append(b, "via "+field("itf")+", "...)
	case nhType == "arp":
		b = append(b, "via "+mac()+", "...)
	case strings.Contains(nhType, "Composite"):
		var itfs []string
		for _, i := range descendants(nh, "itf", nil) {
			if i.Text != "" {
				itfs = append(itfs, i.Text)
			}
		}
		b = append(b, "via "+pyListRepr(itfs)+", "...)
	case strings.Contains(nhType, "vlan"):
		b = append(b, "to "+mac()+" via "+field("itf")+", "...)
	}
	policy := ""
	if nh != nil && nh.Child("policy") != nil {
		policy = childText(nh, "policy")
	}
	b = append(b, "nh_index:"+field("nh_index")+" , nh_type:"+nhType+", nh_policy:"+policy+
		", active_label:"+childText(p, "active_label")+", vxlan_id:"+childText(p, "vxlan_id")...)
	if opt.Detail {
		b = append(b, "\n"+indent+" dest_vn:"+pyListRepr(listTexts(p, "dest_vn_list"))+
			", sg:"+pyListRepr(listTexts(p, "sg_list"))+", communities:"+pyListRepr(listTexts(p, "communities"))...)
	}
	return append(b, '\n')
}

// WriteTo writes the output chunks in order (see Sink).
func (r *vrRoute) WriteTo(w io.Writer) (int64, error) { return writeChunks(w, r.output()) }
