package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/watch"
)

const watchHelp = "see ist watch --help"

// ist watch ROLE COMMAND …: the role commands again, each leaf watching
// instead of printing once.
func init() {
	w := &cli.Command{
		Name:      "watch",
		Usage:     "run a table command again and again and print only what changes (rows added, removed, columns changed)",
		ArgsUsage: "<role> <command> [its options and arguments]",
		Description: "Any table command of ist (ctr nei, ctr xmpp conn, vr xmpp, vr intf, vr vrf, …) with its own options.\n" +
			"The rows at the start are printed first (=), then each poll prints only transitions, with the\n" +
			"time: + a row appeared, - it disappeared, ~ columns changed (old -> new), ! the host stopped\n" +
			"answering. A flap between two polls shows through flap_count and flap_time (ctr nei, vr xmpp).\n" +
			"Rows are named by the first column (--key to choose another).\n\n" +
			"--until col=value[,col=value…] (or col!=value) ends the watch, exit 0, once every row meets every\n" +
			"condition (at least one row); --deadline ends it with exit 1 if they do not hold in time.\n\n" +
			"Examples:\n" +
			"   ist --host 10.0.0.11 watch ctr nei\n" +
			"   ist --host 10.0.0.11 watch --interval 5s ctr nei -t BGP -c peer state flap_count\n" +
			"   ist --host 10.0.0.11 watch ctr nei -t BGP --until state=Established --deadline 10m   after an upgrade\n" +
			"   ist --host compute-1 watch vr xmpp -f json\n\n" +
			"EXIT CODES:\n" +
			"   0  --until met, or the watch was interrupted (Ctrl-C) or reached --deadline without --until\n" +
			"   1  --until not met within --deadline\n" +
			"   2  usage error (not a table command, bad --until)",
		Flags: []cli.Flag{
			clikit.DurationFlag("interval", nil, 2*time.Second, "time between two polls"),
			&cli.StringFlag{Name: "until", Usage: "stop when every row has col=value (several: col=value,col2!=value)"},
			clikit.DurationFlag("deadline", nil, 0, "stop after this time (0: never)"),
			&cli.StringFlag{Name: "key", Usage: "column naming a row (default: the first column)"},
		},
		HideHelpCommand: true,
	}
	for _, role := range catalog.Roles() {
		rc := &cli.Command{Name: role.Name, Usage: fmt.Sprintf("watch a %s command", role.Service), HideHelpCommand: true}
		for _, cmd := range catalog.ForRole(role.Name) {
			addLeaf(rc, role, cmd, runWatch)
		}
		w.Subcommands = append(w.Subcommands, rc)
	}
	commands = append(commands, w)
}

// runWatch wires one watched command to watch.Run.
func runWatch(c *cli.Context, role catalog.Role, cmd *catalog.Command) error {
	q, err := newQuery(c, role, cmd)
	if err != nil {
		return err
	}
	if err := watch.Check(q, watchHelp); err != nil {
		return err
	}
	format := c.String("format")
	if format == records.Table {
		format = records.Text // transitions are lines, not a table
	}
	cfg := watch.Config{Query: q, Columns: c.StringSlice("columns"), Key: c.String("key"),
		Interval: clikit.Duration(c, "interval"), Deadline: clikit.Duration(c, "deadline"), Format: format, Out: c.App.Writer}
	if u := c.String("until"); u != "" {
		if cfg.Until, err = watch.ParseUntil(u, watchHelp); err != nil {
			return err
		}
	}
	if cfg.Interval <= 0 {
		return clikit.Usagef(watchHelp, "--interval must be more than 0")
	}
	if cfg.Client, err = client.New(clientConfig(c, role)); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return watch.Run(ctx, cfg)
}
