package query

import (
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/printers"
	"github.com/tfkit/tfkit/introspect/render"
)

// format is the output format of one query of the chain: JSON when asked,
// else the query's own (ist.py prints some pages as text only), else the
// one asked, table by default.
func (q *Query) format(cq catalog.Query) string {
	switch f := q.opt.Format; {
	case f == render.FormatJSON:
		return f
	case cq.Format != "":
		return cq.Format
	case f == "":
		return render.FormatTable
	default:
		return f
	}
}

// printOptions are the printer options of one query of the chain;
// showHost adds the host column (or "== host ==" lines).
func (q *Query) printOptions(cq catalog.Query, showHost bool) printers.Options {
	format := q.format(cq)
	opt := printers.Options{
		Options:  render.Options{Format: format, MaxWidth: cq.MaxWidth, Columns: cq.Columns, ShowHost: showHost},
		Groups:   cq.Records,
		MaxBytes: q.opt.MaxBytes,
		Now:      q.opt.Now,
	}
	if !q.cmd.NoFormat {
		if len(q.opt.Columns) > 0 {
			opt.Columns = q.opt.Columns
		}
		if q.opt.MaxWidth > 0 {
			opt.MaxWidth = q.opt.MaxWidth
		}
		opt.NoWrap = q.opt.NoWrap
	}
	if format == render.FormatJSON && len(q.opt.Columns) == 0 {
		opt.Columns = nil // JSON shows whole records unless columns are asked for
	}
	for _, p := range q.cmd.Params {
		switch p.Name {
		case "detail":
			opt.Detail = q.in.Bool("detail")
		case "raw":
			opt.Raw = q.in.Bool("raw")
		case "last":
			if v := q.in.String("last"); v != "" {
				opt.Last, _ = catalog.ParsePeriod(v) // checked by Validate
			}
		}
	}
	return opt
}

// chain is the plan's queries in order.
func (q *Query) chain() []catalog.Query {
	var out []catalog.Query
	for cq := &q.plan; cq != nil; cq = cq.Then {
		out = append(out, *cq)
	}
	return out
}

// json reports whether the whole output is one JSON document.
func (q *Query) json() bool { return q.opt.Format == render.FormatJSON }

// sectioned reports whether a query of the chain prints each host under
// its own "== host ==" line rather than one document with a host column:
// text, and the custom printers whose table is a per-host layout (route
// show, vr route, sc, static, status); not JSON, not the default table.
func (q *Query) sectioned(cq catalog.Query) bool {
	switch q.format(cq) {
	case render.FormatJSON:
		return false
	case render.FormatTable:
		return cq.Printer != ""
	}
	return true
}

// request is what the client fetches for one query of the chain; reuse
// says the records go straight to a printer, which may let the parser
// reuse their memory when it keeps nothing of them.
func (q *Query) request(cq catalog.Query, reuse bool) client.Request {
	return client.Request{Path: cq.Path(q.in), Names: cq.Records, Transient: reuse && printers.Transient(cq.Printer),
		Keep: printers.Keep(cq.Printer, q.printOptions(cq, false))}
}
