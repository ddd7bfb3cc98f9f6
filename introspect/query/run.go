package query

import (
	"bytes"
	"context"
	"io"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/printers"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Run fetches the command from every target of cl and writes the output
// to w, after the banner for one host (see Banner; the package comment
// for several hosts). The error joins one
// error per failed host; its exit status (internal/clikit.ExitCode) is
// the worst of them.
func (q *Query) Run(ctx context.Context, cl *client.Client, w io.Writer) error {
	ts := cl.Targets()
	if len(ts) > 1 {
		return q.runMany(ctx, cl, ts, w)
	}
	out, err := q.runOne(ctx, cl, ts[0])
	if err != nil {
		return err
	}
	for _, o := range q.bannered(out) {
		if _, err := o.WriteTo(w); err != nil {
			return err
		}
	}
	return nil
}

// runOne fetches every query of the chain from one host, each streamed
// into its printer while it parses, and returns the outputs; nothing is
// written before every query succeeded. A JSON chain feeds one printer,
// so scripts read one array.
func (q *Query) runOne(ctx context.Context, cl *client.Client, t client.Target) ([]io.WriterTo, error) {
	chain := q.chain()
	if q.json() && len(chain) > 1 {
		sink, err := printers.New(chain[0].Printer, q.printOptions(chain[0], false))
		if err != nil {
			return nil, err
		}
		for _, cq := range chain {
			if err := cl.Stream(ctx, t, q.request(cq, false), q.feeder(sink, cq, t)); err != nil {
				return nil, err
			}
		}
		out, err := output(sink)
		return []io.WriterTo{out}, err
	}
	var outs []io.WriterTo
	for _, cq := range chain {
		sink, err := printers.New(cq.Printer, q.printOptions(cq, false))
		if err != nil {
			return nil, err
		}
		if err := cl.Stream(ctx, t, q.request(cq, true), q.feeder(sink, cq, t)); err != nil {
			return nil, err
		}
		out, err := output(sink)
		if err != nil {
			return nil, err
		}
		outs = append(outs, out)
	}
	return outs, nil
}

// feeder hands the records cq picks from each element to the printer.
func (q *Query) feeder(s printers.Sink, cq catalog.Query, t client.Target) func(*sandesh.Node) error {
	whole := q.format(cq) == render.FormatJSON
	return func(n *sandesh.Node) error {
		for _, r := range cq.Pick(q.in, n, whole) {
			if err := s.Add(t.Label, n.Name, r); err != nil {
				return err
			}
		}
		return nil
	}
}

// output is a printer's whole output. A printer that writes its chunks
// itself (io.WriterTo) is not joined into one slice first: a 100k-route
// output is ~20 MB, and joining it costs as much as formatting it.
func output(s printers.Sink) (io.WriterTo, error) {
	if w, ok := s.(io.WriterTo); ok {
		return w, nil
	}
	b, err := s.Output()
	return bytes.NewBuffer(b), err
}
