package printers

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/render"
)

// status is ist.py's SnhNodeStatus (spec §5.3.1, §6.2): the module_id,
// state and description lines of every ProcessStatus, then the
// ConnectionInfo and ProcessInfo tables with all their columns.
type status struct{ collect }

func (s *status) Output() ([]byte, error) {
	return s.perHost(nil, func(b []byte, c *collect) ([]byte, error) {
		ps := c.byGroup("ProcessStatus")
		for _, field := range []string{"module_id", "state", "description"} {
			for _, r := range ps {
				for _, f := range children(r.Node, field) {
					b = append(b, strings.TrimRight(render.ElementToStr("", f), " \n")+"\n"...)
				}
			}
		}
		opt := c.opt.Options
		opt.Columns, opt.Format = nil, render.FormatTable // ist.py status has no format options
		for _, g := range []string{"ConnectionInfo", "ProcessInfo"} {
			var err error
			if b, err = render.Append(b, c.byGroup(g), opt); err != nil {
				return nil, err
			}
		}
		return b, nil
	})
}
