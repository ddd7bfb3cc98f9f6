package query

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/printers"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// maxParallel bounds the hosts fetched at the same time.
const maxParallel = 16

// part is one host's share of the output: for each query of the chain
// either its records (printed later in one document with the other
// hosts') or its own section, already formatted.
type part struct {
	done     chan struct{} // closed when the host answered or failed
	err      error
	records  [][]*sandesh.Node
	sections []io.WriterTo
}

// runMany fetches the chain from every host in parallel and prints the
// hosts that answered, after the rule of the package comment; the
// returned error joins one error per failed host, in host order.
func (q *Query) runMany(ctx context.Context, cl *client.Client, ts []client.Target, w io.Writer) error {
	chain := q.chain()
	sectioned := make([]bool, len(chain))
	streams := true // every query prints per-host sections
	for k, cq := range chain {
		sectioned[k] = !q.json() && q.sectioned(cq)
		streams = streams && sectioned[k]
	}
	parts := make([]*part, len(ts))
	sem := make(chan struct{}, maxParallel)
	for i, t := range ts {
		parts[i] = &part{done: make(chan struct{})}
		go q.fetchHost(ctx, cl, t, chain, sectioned, parts[i], sem)
	}
	var errs []error
	if streams {
		for i, p := range parts {
			<-p.done
			if p.err != nil {
				errs = append(errs, p.err)
				continue
			}
			if err := writeSection(w, ts[i], p.sections); err != nil {
				return err
			}
		}
		return errors.Join(errs...)
	}
	for _, p := range parts {
		<-p.done
		if p.err != nil {
			errs = append(errs, p.err)
		}
	}
	out, err := q.document(chain, sectioned, ts, parts)
	if err != nil {
		return err
	}
	if _, err := out.WriteTo(w); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// fetchHost runs the chain on one host. A query printed in sections
// streams into the host's own printer; the records of the others are
// kept for the common document. A panic here fails the command with
// clikit.ExitCrash instead of ending the process with status 2.
func (q *Query) fetchHost(ctx context.Context, cl *client.Client, t client.Target, chain []catalog.Query, sectioned []bool, p *part, sem chan struct{}) {
	defer close(p.done)
	defer func() {
		if err := clikit.Recovered(recover()); err != nil {
			p.err = err
		}
	}()
	sem <- struct{}{}
	defer func() { <-sem }()
	p.records = make([][]*sandesh.Node, len(chain))
	for k, cq := range chain {
		if !sectioned[k] {
			err := cl.Stream(ctx, t, q.request(cq, false), func(n *sandesh.Node) error {
				p.records[k] = append(p.records[k], n)
				return nil
			})
			if err != nil {
				p.err = err
				return
			}
			continue
		}
		sink, err := printers.New(cq.Printer, q.printOptions(cq, false))
		if err == nil {
			err = cl.Stream(ctx, t, q.request(cq, true), q.feeder(sink, cq, t))
		}
		var out io.WriterTo
		if err == nil {
			out, err = output(sink)
		}
		if err != nil {
			p.err = err
			return
		}
		p.sections = append(p.sections, out)
	}
}

// writeSection writes one host's sections under "== host ==".
func writeSection(w io.Writer, t client.Target, sections []io.WriterTo) error {
	if _, err := io.WriteString(w, "== "+t.Label+" ==\n"); err != nil {
		return err
	}
	for _, s := range sections {
		if _, err := s.WriteTo(w); err != nil {
			return err
		}
	}
	return nil
}

// document builds the output of the hosts that answered, once all are
// done: a JSON chain is one array; otherwise each query of the chain in
// turn, as one table (host column) fed with every host's records in host
// order, or as the hosts' sections.
func (q *Query) document(chain []catalog.Query, sectioned []bool, ts []client.Target, parts []*part) (io.WriterTo, error) {
	var out bytes.Buffer
	if q.json() && len(chain) > 1 {
		sink, err := printers.New(chain[0].Printer, q.printOptions(chain[0], true))
		if err != nil {
			return nil, err
		}
		for k, cq := range chain {
			if err := q.feedHosts(sink, cq, k, ts, parts); err != nil {
				return nil, err
			}
		}
		return output(sink)
	}
	sec := 0 // index of the next section in each part
	for k, cq := range chain {
		if sectioned[k] {
			for i, p := range parts {
				if p.err == nil {
					if err := writeSection(&out, ts[i], p.sections[sec:sec+1]); err != nil {
						return nil, err
					}
				}
			}
			sec++
			continue
		}
		sink, err := printers.New(cq.Printer, q.printOptions(cq, true))
		if err != nil {
			return nil, err
		}
		if err := q.feedHosts(sink, cq, k, ts, parts); err != nil {
			return nil, err
		}
		o, err := output(sink)
		if err != nil {
			return nil, err
		}
		if _, err := o.WriteTo(&out); err != nil {
			return nil, err
		}
	}
	return &out, nil
}

// feedHosts gives the printer the records of query k of every host that
// answered, in host order.
func (q *Query) feedHosts(sink printers.Sink, cq catalog.Query, k int, ts []client.Target, parts []*part) error {
	for i, p := range parts {
		if p.err != nil {
			continue
		}
		feed := q.feeder(sink, cq, ts[i])
		for _, n := range p.records[k] {
			if err := feed(n); err != nil {
				return err
			}
		}
	}
	return nil
}
