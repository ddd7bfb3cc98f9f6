package main

import (
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/profile"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/client/cliflags"
	"github.com/tfkit/tfkit/introspect/query"
	"github.com/tfkit/tfkit/introspect/readonly"
)

// run is the action of every catalogue command: the flags become the
// query's input and options; introspect/query checks, fetches and prints.
func run(c *cli.Context, role catalog.Role, cmd *catalog.Command) error {
	q, err := newQuery(c, role, cmd)
	if err != nil {
		return err
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
	defer profile.StartFromEnv()() // TFKIT_CPUPROFILE=FILE (bench/ist-bench.sh PROFILE=DIR)
	return q.Run(ctx, cl, c.App.Writer)
}

// newQuery checks and plans a catalogue command from its flags.
func newQuery(c *cli.Context, role catalog.Role, cmd *catalog.Command) (*query.Query, error) {
	p := query.Params{Strings: map[string]string{}, Bools: map[string]bool{}, Args: c.Args().Slice()}
	for _, prm := range cmd.Params {
		switch {
		case prm.Positional:
		case prm.Bool:
			p.Bools[prm.Name] = c.Bool(prm.Name)
		default:
			p.Strings[prm.Name] = c.String(prm.Name)
		}
	}
	opt := query.Options{Format: c.String("format"), Banner: banner(c), Now: replayTime(c), MaxBytes: size(c, "max-bytes")}
	if !cmd.NoFormat {
		opt.Columns = c.StringSlice("columns")
		opt.NoWrap = c.Bool("no-wrap")
		opt.MaxWidth = c.Int("max_width") // 0: the command's default, as ist.py's "args.max_width or 36"
	}
	return query.New(role.Name, cmd, p, opt)
}

// clientConfig reads the global options.
func clientConfig(c *cli.Context, role catalog.Role) client.Config {
	cfg := client.Config{
		Port:     role.Port,
		Timeout:  clikit.Duration(c, "timeout"),
		File:     c.String("file"),
		Policy:   readonly.Check,
		MaxPages: c.Int("max-pages"),
		// Sizes are flag values (client.Size); nil in tests that build
		// their own flag set reads as 0: the default.
		MaxCellBytes: int(size(c, "max-cell-bytes")),
		MaxBytes:     size(c, "max-bytes"),
	}
	cliflags.Apply(c, &cfg)
	if c.IsSet("port") {
		cfg.Port = c.Int("port")
	}
	for _, h := range strings.Split(c.String("host"), ",") {
		if h = strings.TrimSpace(h); h != "" {
			cfg.Hosts = append(cfg.Hosts, h)
		}
	}
	if c.Bool("debug") {
		cfg.Debug = c.App.ErrWriter
	}
	replayFrom(c, &cfg)
	return cfg
}

// size reads a client.Size flag.
func size(c *cli.Context, name string) int64 {
	s, _ := c.Generic(name).(*client.Size)
	return s.Bytes()
}
