// Package printers holds ist's custom output formats (ist.py's
// showRoute_CTR, showSCRoute, showStaticRoute, status …) and the default
// one that hands records to package render. A printer is a Sink: it gets
// the records while the client parses them and builds the output bytes,
// which the caller writes only when every fetch succeeded.
package printers

import (
	"fmt"
	"io"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Sink receives the records of one command and builds its output.
type Sink interface {
	// Add takes one record. group is the element name the client handed
	// over (records of one group print together, in Groups order).
	Add(host, group string, n *sandesh.Node) error
	// Output returns the whole output.
	Output() ([]byte, error)
}

// A Sink that also implements io.WriterTo writes the bytes of Output
// without joining them into one slice first (a 100k-route output is
// ~20 MB: joining it costs as much as formatting it). Like Output, it is
// called once, after every fetch succeeded.

// chunked is the output of a printer that formats records as they come:
// full chunks and the current one (appending to one huge slice would copy
// it on every growth). The output is held until every fetch succeeded,
// so its size is bounded like held records (Options.MaxBytes).
type chunked struct {
	b    []byte
	done [][]byte
	full int64 // bytes in done
}

const chunkSize = 1 << 20

// next refuses an output past max bytes and starts a new
// chunk when the current one is full; call it after each record.
func (c *chunked) next(max int64) error {
	if c.full+int64(len(c.b)) > max {
		return client.OutputLimitError(max)
	}
	if len(c.b) >= chunkSize {
		c.done = append(c.done, c.b)
		c.full += int64(len(c.b))
		c.b = make([]byte, 0, chunkSize+chunkSize/4)
	}
	return nil
}

// chunks is the whole output so far.
func (c *chunked) chunks() [][]byte { return append(c.done, c.b) }

// safeSink escapes what a printer writes for a terminal (render.Safe).
// Printers write whole records per Write, so no character is split.
type safeSink struct{ Sink }

func (s safeSink) Output() ([]byte, error) {
	b, err := s.Sink.Output()
	return render.SafeBytes(b), err
}

func (s safeSink) WriteTo(w io.Writer) (int64, error) {
	if wt, ok := s.Sink.(io.WriterTo); ok {
		return wt.WriteTo(safeWriter{w})
	}
	b, err := s.Output()
	if err != nil {
		return 0, err
	}
	n, err := w.Write(b)
	return int64(n), err
}

// safeWriter escapes each Write (render.SafeBytes) and reports the bytes
// of p consumed.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := s.w.Write(render.SafeBytes(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// writeChunks writes the chunks of an output in order.
func writeChunks(w io.Writer, chunks [][]byte) (int64, error) {
	var n int64
	for _, c := range chunks {
		k, err := w.Write(c)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Options configure a printer.
type Options struct {
	render.Options
	Groups []string // record element names in the order their tables print
	Now    time.Time
	// Route display (ctr route show, sc -r -d).
	Detail, Raw bool
	Last        time.Duration // 0 = no age limit
	// MaxBytes bounds the output of printers that print as they parse
	// (ist --max-bytes, like client.Config.MaxBytes; 0: client.DefaultMaxBytes).
	MaxBytes int64
	ages     *ager
}

// age is the route age text of a ptime text at Now (see ager).
func (o Options) age(text string) (string, time.Duration, bool) {
	if o.ages == nil {
		return age(o.Now, text)
	}
	return o.ages.of(text)
}

// New returns the printer called name ("" = the default table/text/json).
// Table and text output come out with control characters and invalid
// UTF-8 made visible (render.Safe); JSON escapes them itself.
func New(name string, opt Options) (Sink, error) {
	s, err := newSink(name, opt)
	if err != nil || opt.Format == render.FormatJSON {
		return s, err
	}
	return safeSink{s}, nil
}

func newSink(name string, opt Options) (Sink, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = client.DefaultMaxBytes
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now().UTC()
	}
	opt.ages = &ager{now: opt.Now}
	switch name {
	case "":
		return &recordSink{collect{opt: opt}}, nil
	case "route_show":
		return &routeShow{opt: opt, printed: map[string]bool{}}, nil
	case "route_json":
		return &routeJSON{opt: opt}, nil
	case "route_static":
		return &staticRoutes{collect: collect{opt: opt}}, nil
	case "sc_routes":
		return &scRoutes{collect: collect{opt: opt}}, nil
	case "sc_routes_detail":
		return &scRoutesDetail{collect: collect{opt: opt}}, nil
	case "status":
		return &status{collect: collect{opt: opt}}, nil
	case "vr_route", "vr_route_lpm":
		return &vrRoute{opt: opt, lpm: name == "vr_route_lpm"}, nil
	}
	return nil, fmt.Errorf("printers: no printer %q", name)
}

// Streaming reports whether the printer called name formats records as
// they come and keeps none: several hosts can then each have their own
// printer, fed in parallel, instead of holding every host's records.
func Streaming(name string) bool { return name == "route_show" || name == "vr_route" }

// Transient reports whether the printer called name keeps nothing of a
// record once Add returns (only strings), so the client may let the
// parser reuse record memory (client.Request.Transient).
func Transient(name string) bool {
	return name == "route_show" || name == "route_json" || name == "vr_route"
}

// Keep returns the elements the printer called name reads inside its
// records with opt, and those on the way to them (client.Request.Keep),
// nil when it may read any: every printer but route show's text, and
// route show with --raw (every field).
func Keep(name string, opt Options) map[string]bool {
	switch {
	case name != "route_show" || opt.Raw:
		return nil
	case opt.Detail:
		return routeShowDetailKeep
	}
	return routeShowKeep
}

// collect keeps every record, by group, in arrival order.
type collect struct {
	opt    Options
	recs   []render.Record
	groups []string
}

func (c *collect) Add(host, group string, n *sandesh.Node) error {
	c.recs = append(c.recs, render.Record{Host: host, Node: n})
	c.groups = append(c.groups, group)
	return nil
}

// byGroup returns the records of one group.
func (c *collect) byGroup(g string) []render.Record {
	var out []render.Record
	for i, r := range c.recs {
		if c.groups[i] == g {
			out = append(out, r)
		}
	}
	return out
}

// hosts returns the hosts in first-seen order.
func (c *collect) hosts() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range c.recs {
		if !seen[r.Host] {
			seen[r.Host] = true
			out = append(out, r.Host)
		}
	}
	return out
}

// recordSink is the default printer: tables (one per record group, like
// ist.py calling output_formatters once per xpath), text or JSON.
type recordSink struct{ collect }

func (s *recordSink) Output() ([]byte, error) {
	if s.opt.Format == render.FormatJSON || len(s.opt.Groups) < 2 {
		return render.Append(nil, s.recs, s.opt.Options)
	}
	var b []byte
	for _, g := range s.opt.Groups {
		var err error
		if b, err = render.Append(b, s.byGroup(g), s.opt.Options); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// perHost runs fn on each host's records in turn; with several hosts each
// block starts with "== host ==" like render's text output.
func (c *collect) perHost(b []byte, fn func(b []byte, recs *collect) ([]byte, error)) ([]byte, error) {
	hosts := c.hosts()
	for _, h := range hosts {
		sub := &collect{opt: c.opt}
		for i, r := range c.recs {
			if r.Host == h {
				sub.recs = append(sub.recs, r)
				sub.groups = append(sub.groups, c.groups[i])
			}
		}
		sub.opt.ShowHost = false
		if c.opt.ShowHost {
			b = append(b, "== "+h+" ==\n"...)
		}
		var err error
		if b, err = fn(b, sub); err != nil {
			return nil, err
		}
	}
	return b, nil
}
