package printers

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// scRoutes is ist.py's showSCRoute (`ctr sc -r`, spec §6.6): one row per
// service chain with its connected route, more specifics and external
// routes, columns not wrapped.
type scRoutes struct{ collect }

var scRouteColumns = []string{"service_instance", "state", "connected_route", "more_specifics", "ext_connecting_rt"}

func (s *scRoutes) Output() ([]byte, error) {
	rows := make([]render.Record, 0, len(s.recs))
	for _, r := range s.recs {
		sc := r.Node
		vals := make([]string, 0, len(scRouteColumns))
		for _, f := range scRouteColumns[:2] {
			vals = append(vals, scCell(sc.Child(f)))
		}
		if addr := path(sc, "connected_route", "ConnectedRouteInfo", "service_chain_addr"); addr != nil {
			vals = append(vals, strings.TrimRight(render.ElementToStr("", addr), " \n"))
		} else {
			vals = append(vals, "non-exist")
		}
		var spec strings.Builder
		for _, p := range children(path(sc, "more_specifics", "list"), "PrefixToRouteListInfo") {
			spec.WriteString("prefix: " + childText(p, "prefix") + ", aggregate: " + childText(p, "aggregate") + "\n")
		}
		vals = append(vals, strings.TrimRight(spec.String(), " \n"))
		var ext strings.Builder
		if l := sc.Child("ext_connecting_rt_info_list"); l != nil {
			for _, p := range descendants(l, "ext_rt_prefix", nil) {
				ext.WriteString(pyText(p) + "\n")
			}
		}
		vals = append(vals, strings.TrimRight(ext.String(), " \n"))
		rows = append(rows, syntheticRow(r.Host, scRouteColumns, vals))
	}
	if len(rows) == 0 {
		return emptyTable(scRouteColumns), nil
	}
	opt := s.opt.Options
	opt.Format, opt.Columns, opt.MaxWidth = render.FormatTable, scRouteColumns, unlimitedWidth
	return render.Append(nil, rows, opt)
}

// emptyTable is PrettyTable's print of a table without rows (showSCRoute
// prints its table even when there is no service chain): the frame and
// the header.
func emptyTable(cols []string) []byte {
	var rule, head strings.Builder
	rule.WriteByte('+')
	head.WriteByte('|')
	for _, c := range cols {
		rule.WriteString(strings.Repeat("-", len(c)+2) + "+")
		head.WriteString(" " + c + " |")
	}
	r := rule.String() + "\n"
	return []byte(r + head.String() + "\n" + r + r)
}

// scCell is showSCRoute's cell: text, else the element as text, else n/a;
// "non-exist" when missing.
func scCell(f *sandesh.Node) string {
	switch {
	case f == nil:
		return "non-exist"
	case f.Text != "":
		return f.Text
	case len(f.Children) > 0:
		return strings.TrimRight(render.ElementToStr("", f), " \n")
	}
	return "n/a"
}

// scRoutesDetail is ist.py's showSCRouteDetail (`ctr sc -r -d`).
type scRoutesDetail struct{ collect }

func (s *scRoutesDetail) Output() ([]byte, error) {
	return s.perHost(nil, func(b []byte, c *collect) ([]byte, error) {
		opt := c.opt
		opt.Detail, opt.Raw = true, false
		for _, r := range c.recs {
			sc := r.Node
			for _, f := range []string{"src_virtual_network", "dest_virtual_network", "service_instance", "src_rt_instance", "dest_rt_instance", "state"} {
				b = append(b, f+": "+childText(sc, f)+"\n"...)
			}
			b = append(b, "connectedRouteInfo:\n"...)
			b = append(b, pathIndent+"service_chain_addr: "+pyText(path(sc, "connected_route", "ConnectedRouteInfo", "service_chain_addr"))+"\n"...)
			if cr := sc.Child("connected_route"); cr != nil {
				for _, rt := range descendants(cr, "ShowRoute", nil) {
					b = appendRoute(b, pathIndent, rt, opt)
					b = append(b, '\n')
				}
			}
			b = append(b, "more_specifics:\n"...)
			var spec strings.Builder
			for _, p := range children(path(sc, "more_specifics", "list"), "PrefixToRouteListInfo") {
				spec.WriteString(pathIndent + "prefix: " + childText(p, "prefix") + ", aggregate: " + childText(p, "aggregate") + "\n")
			}
			b = append(b, strings.TrimRight(spec.String(), " \n")+"\n"...)
			b = append(b, "ext_connecting_rt_info_list:\n"...)
			for _, e := range descendants(sc, "ExtConnectRouteInfo", nil) {
				for _, rt := range children(path(e, "ext_rt_svc_rt"), "ShowRoute") {
					b = appendRoute(b, pathIndent, rt, opt)
					b = append(b, '\n')
				}
			}
			b = append(b, "aggregate_enable:"+childText(sc, "aggregate_enable")+"\n\n"...)
		}
		return b, nil
	})
}

// path follows child names from n (xpath "./a/b/c", first match).
func path(n *sandesh.Node, names ...string) *sandesh.Node {
	for _, name := range names {
		if n == nil {
			return nil
		}
		n = n.Child(name)
	}
	return n
}

// children returns n's children called name (none when n is nil).
func children(n *sandesh.Node, name string) []*sandesh.Node {
	if n == nil {
		return nil
	}
	var out []*sandesh.Node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// unlimitedWidth stands for PrettyTable without max_width.
const unlimitedWidth = 1 << 20

// syntheticRow builds a record whose columns hold computed cell values, so
// that render lays out tables that ist.py builds from strings. An empty
// value is an element without text whose one child renders as nothing
// (render.Cell gives "n/a" for an element with neither).
func syntheticRow(host string, cols, vals []string) render.Record {
	row := &sandesh.Node{Name: "row"}
	for i, c := range cols {
		f := &sandesh.Node{Name: c, Text: vals[i], Parent: row}
		if vals[i] == "" {
			f.Children = []*sandesh.Node{{Name: "list", Parent: f}}
		}
		row.Children = append(row.Children, f)
	}
	return render.Record{Host: host, Node: row}
}
