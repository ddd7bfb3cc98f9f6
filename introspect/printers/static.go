package printers

import "github.com/tfkit/tfkit/introspect/render"

// staticRoutes is ist.py's showStaticRoute (`ctr route static`): per
// routing instance "ri_name: X" and a table of its static routes; text
// format prints each instance as text followed by a blank line.
//
// Unlike ist.py, whose absolute xpath //StaticRouteInfo lists every
// instance's routes under each instance (spec §8.4), each table holds the
// routes of its own instance.
type staticRoutes struct{ collect }

func (s *staticRoutes) Output() ([]byte, error) {
	if s.opt.Format == render.FormatJSON {
		return render.Append(nil, s.recs, s.opt.Options)
	}
	return s.perHost(nil, func(b []byte, c *collect) ([]byte, error) {
		for _, r := range c.recs {
			e := r.Node
			if c.opt.Format == render.FormatText {
				b = append(b, render.ElementToStr("", e)+"\n"...)
				continue
			}
			b = append(b, "ri_name: "+childText(e, "ri_name")+"\n"...)
			var routes []render.Record
			for _, sr := range descendants(e, "StaticRouteInfo", nil) {
				routes = append(routes, render.Record{Host: r.Host, Node: sr})
			}
			var err error
			if b, err = render.Append(b, routes, c.opt.Options); err != nil {
				return nil, err
			}
		}
		return b, nil
	})
}
