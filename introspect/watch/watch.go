// Package watch runs one ist table command again and again (`ist watch
// ctr nei`) and prints only the transitions: a row that appeared or
// disappeared, a column that changed, with the time it was seen. The
// state at the start is printed first, so nothing that changes later is
// missed. Columns such as flap_count and flap_time show a flap that
// happened between two polls. Until, when given, ends the watch once
// every row meets the conditions (upgrade scripts: wait until every
// BGP peer is Established), within a deadline.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/query"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Config is one watch.
type Config struct {
	Query    *query.Query // a table command (Check)
	Client   *client.Client
	Columns  []string // -c; nil: the command's default columns
	Key      string   // the column naming a row; "": the first column
	Interval time.Duration
	Deadline time.Duration // 0: none
	Until    []Cond        // nil: watch until ctx ends or the deadline
	Format   string        // text or json (one object per line)
	Out      io.Writer
	Now      func() time.Time // nil: time.Now
}

// Check refuses a command that does not print a table (a custom
// printer, a text page): its rows have no columns to compare.
func Check(q *query.Query, help string) error {
	p := q.Plan()
	if p.Printer != "" || p.Format != "" || p.Then != nil {
		return clikit.Usagef(help, "watch follows table commands (ctr nei, vr xmpp, vr intf, …); this one prints text")
	}
	return nil
}

// ErrDeadline is the end of a watch whose conditions did not hold in
// time (exit 1).
var ErrDeadline = errors.New("deadline passed")

// row is one record as printed: its cells by column.
type row map[string]string

// Run watches until ctx ends (nil), the conditions hold (nil) or the
// deadline passes (an error wrapping ErrDeadline when Until was given,
// nil otherwise).
func Run(ctx context.Context, cfg Config) error {
	if cfg.Interval <= 0 {
		cfg.Interval = 2 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.Deadline)
		defer cancel()
	}
	p := &printer{cfg: cfg, many: len(cfg.Client.Targets()) > 1}
	state := map[string]map[string]row{} // host -> key -> row
	failed := map[string]string{}        // host -> error text
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	for first := true; ; first = false {
		all := map[string]row{} // every host's rows, for Until
		for _, t := range cfg.Client.Targets() {
			rows, cols, err := fetch(ctx, cfg, t)
			if ctx.Err() != nil {
				return end(ctx, cfg)
			}
			if err != nil {
				if failed[t.Label] != err.Error() {
					failed[t.Label] = err.Error()
					p.event(t.Label, "error", "", nil, nil, err.Error())
				}
				continue
			}
			if _, was := failed[t.Label]; was {
				delete(failed, t.Label)
				p.event(t.Label, "answers", "", nil, nil, "")
			}
			old, seen := state[t.Label]
			p.cols = cols
			diffRows(p, t.Label, old, rows, first || !seen)
			state[t.Label] = rows
			for k, r := range rows {
				all[t.Label+"\x00"+k] = r
			}
		}
		if len(cfg.Until) > 0 && len(failed) == 0 && holds(cfg.Until, all) {
			p.event("", "until", "", nil, nil, "every row has "+condString(cfg.Until))
			return nil
		}
		select {
		case <-ctx.Done():
			return end(ctx, cfg)
		case <-tick.C:
		}
	}
}

// end is the outcome of a watch whose context ended.
func end(ctx context.Context, cfg Config) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && len(cfg.Until) > 0 {
		return clikit.Wrap(1, fmt.Errorf("watch: %s not met within %s: %w", condString(cfg.Until), cfg.Deadline, ErrDeadline), "raise --deadline, or look at the rows printed")
	}
	return nil
}

// fetch reads the command's rows from one host, keyed by the key column.
func fetch(ctx context.Context, cfg Config, t client.Target) (map[string]row, []string, error) {
	plan, in := cfg.Query.Plan(), cfg.Query.Input()
	var recs []*sandesh.Node
	err := cfg.Client.Stream(ctx, t, client.Request{Path: plan.Path(in), Names: plan.Records}, func(n *sandesh.Node) error {
		recs = append(recs, plan.Pick(in, n, true)...)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	cols := cfg.Columns
	if len(cols) == 0 {
		cols = plan.Columns
	}
	if len(cols) == 0 && len(recs) > 0 {
		cols = render.DefaultColumns(recs[0])
	}
	key := cfg.Key
	if key == "" && len(cols) > 0 {
		key = cols[0]
	}
	rows := map[string]row{}
	for _, rec := range recs {
		r := row{}
		for _, c := range cols {
			r[c] = render.OneLine(render.Cell(rec, c))
		}
		k := render.OneLine(render.Cell(rec, key))
		for i := 2; rows[k] != nil; i++ { // the same key twice: number the others
			k = fmt.Sprintf("%s#%d", render.OneLine(render.Cell(rec, key)), i)
		}
		rows[k] = r
	}
	return rows, cols, nil
}

// diffRows prints what changed on one host between old and rows; at the
// first poll, every row as the state at the start.
func diffRows(p *printer, host string, old, rows map[string]row, initial bool) {
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	for k := range old {
		if _, ok := rows[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, naturalCompare)
	for _, k := range keys {
		o, n := old[k], rows[k]
		switch {
		case initial:
			p.event(host, "initial", k, n, nil, "")
		case o == nil:
			p.event(host, "added", k, n, nil, "")
		case n == nil:
			p.event(host, "removed", k, o, nil, "")
		default:
			var ch []Change
			for _, c := range p.cols {
				if o[c] != n[c] {
					ch = append(ch, Change{Column: c, Before: o[c], After: n[c]})
				}
			}
			if len(ch) > 0 {
				p.event(host, "changed", k, n, ch, "")
			}
		}
	}
}

// condString writes conditions back as given.
func condString(cs []Cond) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, ",")
}
