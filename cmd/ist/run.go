package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/printers"
	"github.com/tfkit/tfkit/introspect/readonly"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// stdout receives the output (a buffer in tests).
var stdout io.Writer = os.Stdout

// input gives the catalogue a command's parameters.
type input struct {
	c      *cli.Context
	cmd    *catalog.Command
	pos    map[string]string
	format string
	help   string // "see ist <role> <command> --help"
}

func (in *input) String(name string) string {
	if name == "format" {
		return in.format
	}
	if v, ok := in.pos[name]; ok {
		return v
	}
	return in.c.String(name)
}

func (in *input) Bool(name string) bool { return in.c.Bool(name) }

// run is the action of every catalogue command: check the input, fetch,
// print everything or nothing.
func run(c *cli.Context, role catalog.Role, cmd *catalog.Command) error {
	in, err := newInput(c, "see ist "+role.Name+" "+cmd.Name()+" --help", cmd)
	if err != nil {
		return err
	}
	q, err := cmd.Plan(in)
	if err != nil {
		return client.Usagef(in.help, "%v", err)
	}
	cfg := clientConfig(c, role)
	cl, err := client.New(cfg)
	if err != nil {
		return err
	}
	defer cl.Close()
	client.MemoryBackstop(cfg.MaxBytes)
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	many := len(cl.Targets()) > 1
	if in.format == render.FormatJSON && q.Then != nil {
		return fetchChainJSON(ctx, cl, c, in, cmd, q, many)
	}
	// A query and the ones chained after it (Then) are all fetched before
	// anything is written.
	var outs []io.WriterTo
	for q := &q; q != nil; q = q.Then {
		opt, format, err := printOptions(c, in, cmd, *q, many)
		if err != nil {
			return err
		}
		out, err := fetch(ctx, cl, *q, in, opt, format == render.FormatJSON)
		if err != nil {
			return err
		}
		outs = append(outs, out)
	}
	for _, out := range outs {
		if _, err := out.WriteTo(stdout); err != nil {
			return err
		}
	}
	return nil
}

// fetchChainJSON feeds the records of a query and of those chained after
// it into one JSON printer: scripts read one array.
func fetchChainJSON(ctx context.Context, cl *client.Client, c *cli.Context, in *input, cmd *catalog.Command, q catalog.Query, many bool) error {
	opt, _, err := printOptions(c, in, cmd, q, many)
	if err != nil {
		return err
	}
	sink, err := printers.New(q.Printer, opt)
	if err != nil {
		return err
	}
	for q := &q; q != nil; q = q.Then {
		req := client.Request{Path: q.Path(in), Names: q.Records}
		if err := cl.Each(ctx, req, func(t client.Target, n *sandesh.Node) error { return feed(sink, *q, in, true, t, n) }); err != nil {
			return err
		}
	}
	out, err := sink.Output()
	if err != nil {
		return err
	}
	_, err = stdout.Write(out)
	return err
}

// feed hands the records q picks from n to the printer.
func feed(s printers.Sink, q catalog.Query, in catalog.Input, whole bool, t client.Target, n *sandesh.Node) error {
	for _, r := range q.Pick(in, n, whole) {
		if err := s.Add(t.Label, n.Name, r); err != nil {
			return err
		}
	}
	return nil
}

// fetch runs the query on every target and returns the whole output.
// A streaming printer gets one instance per host, fed in parallel, and
// the outputs follow each other under "== host ==" lines; other printers
// get every host's records, in host order, once all fetches succeeded.
// The output is written only after every fetch succeeded; a printer that
// writes its chunks itself (io.WriterTo) is not joined into one slice, and
// one that keeps nothing of a record lets the parser reuse record memory.
func fetch(ctx context.Context, cl *client.Client, q catalog.Query, in catalog.Input, opt printers.Options, whole bool) (io.WriterTo, error) {
	req := client.Request{Path: q.Path(in), Names: q.Records, Transient: printers.Transient(q.Printer)}
	ts := cl.Targets()
	if len(ts) > 1 && printers.Streaming(q.Printer) {
		opt.ShowHost = false
		sinks := make([]printers.Sink, len(ts))
		for i := range sinks {
			var err error
			if sinks[i], err = printers.New(q.Printer, opt); err != nil {
				return nil, err
			}
		}
		if err := cl.EachTarget(ctx, req, func(i int, t client.Target) func(*sandesh.Node) error {
			return func(n *sandesh.Node) error { return feed(sinks[i], q, in, whole, t, n) }
		}); err != nil {
			return nil, err
		}
		var out []byte
		for i, s := range sinks {
			b, err := s.Output()
			if err != nil {
				return nil, err
			}
			out = append(append(append(out, "== "...), ts[i].Label+" ==\n"...), b...)
		}
		return bytes.NewBuffer(out), nil
	}
	sink, err := printers.New(q.Printer, opt)
	if err != nil {
		return nil, err
	}
	err = cl.Each(ctx, req, func(t client.Target, n *sandesh.Node) error { return feed(sink, q, in, whole, t, n) })
	if err != nil {
		return nil, err
	}
	if w, ok := sink.(io.WriterTo); ok {
		return w, nil
	}
	out, err := sink.Output()
	return bytes.NewBuffer(out), err
}

// newInput maps the positional arguments to the command's positional
// parameters and checks every value before anything is fetched.
func newInput(c *cli.Context, help string, cmd *catalog.Command) (*input, error) {
	in := &input{c: c, cmd: cmd, help: help, pos: map[string]string{}, format: c.String("format")}
	switch in.format {
	case "", render.FormatTable, render.FormatText, render.FormatJSON:
	default:
		return nil, client.Usagef(help, "bad --format %q (table, text or json)", in.format)
	}
	if cmd.NoFormat && in.format == render.FormatTable {
		return nil, client.Usagef(help, "this command prints text or json, not a table")
	}
	args := c.Args().Slice()
	i := 0
	for _, p := range cmd.Params {
		if !p.Positional {
			continue
		}
		switch {
		case i < len(args):
			in.pos[p.Name] = args[i]
			i++
		case p.Required:
			return nil, client.Usagef(help, "missing argument <%s>", p.Name)
		default:
			in.pos[p.Name] = p.Default
		}
	}
	if i < len(args) {
		return nil, client.Usagef(help, "unexpected argument %q", args[i])
	}
	if err := cmd.Validate(in); err != nil {
		return nil, client.Usagef(help, "%v", err)
	}
	return in, nil
}

// clientConfig reads the global options.
func clientConfig(c *cli.Context, role catalog.Role) client.Config {
	cfg := client.Config{
		Port:     role.Port,
		Timeout:  c.Duration("timeout"),
		SSL:      c.Bool("ssl"),
		CAFile:   c.String("ca-file"),
		CertFile: c.String("cert-file"),
		KeyFile:  c.String("key-file"),
		Insecure: c.Bool("insecure"),
		Proxy:    c.String("proxy"),
		Token:    c.String("token"),
		File:     c.String("file"),
		Policy:   readonly.Check,
		MaxPages: c.Int("max-pages"),
		// Sizes are flag values (client.Size); nil in tests that build
		// their own flag set reads as 0: the default.
		MaxCellBytes: int(size(c, "max-cell-bytes")),
		MaxBytes:     size(c, "max-bytes"),
	}
	if c.IsSet("port") {
		cfg.Port = c.Int("port")
	}
	for _, h := range strings.Split(c.String("host"), ",") {
		if h = strings.TrimSpace(h); h != "" {
			cfg.Hosts = append(cfg.Hosts, h)
		}
	}
	if c.Bool("debug") {
		cfg.Debug = os.Stderr
	}
	return cfg
}

// size reads a client.Size flag.
func size(c *cli.Context, name string) int64 {
	s, _ := c.Generic(name).(*client.Size)
	return s.Bytes()
}

// printOptions are the printer options of one query of cmd: the format
// (the query may force one), columns, width, and the route flags.
func printOptions(c *cli.Context, in *input, cmd *catalog.Command, q catalog.Query, manyHosts bool) (printers.Options, string, error) {
	format := in.format
	switch {
	case format == render.FormatJSON:
	case q.Format != "":
		format = q.Format
	case format == "":
		format = render.FormatTable
	}
	opt := printers.Options{
		Options:  render.Options{Format: format, MaxWidth: q.MaxWidth, Columns: q.Columns, ShowHost: manyHosts},
		Groups:   q.Records,
		MaxBytes: size(c, "max-bytes"),
	}
	if !cmd.NoFormat {
		if cols := c.StringSlice("columns"); len(cols) > 0 {
			opt.Columns = cols
		}
		if c.IsSet("max_width") {
			if opt.MaxWidth = c.Int("max_width"); opt.MaxWidth <= 0 {
				return opt, "", client.Usagef("give a positive number", "bad --max_width %d", opt.MaxWidth)
			}
		}
		opt.NoWrap = c.Bool("no-wrap")
	}
	if format == render.FormatJSON && len(c.StringSlice("columns")) == 0 {
		opt.Columns = nil // JSON shows whole records unless columns are asked for
	}
	for _, p := range cmd.Params {
		switch p.Name {
		case "detail":
			opt.Detail = in.Bool("detail")
		case "raw":
			opt.Raw = in.Bool("raw")
		case "last":
			if v := in.String("last"); v != "" {
				opt.Last, _ = catalog.ParsePeriod(v) // checked by Validate
			}
		}
	}
	return opt, format, nil
}
