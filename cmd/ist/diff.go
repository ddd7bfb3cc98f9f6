package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/introspect/diff"
)

const diffHelp = "see ist diff --help"

func init() {
	commands = append(commands, &cli.Command{
		Name:      "diff",
		Usage:     "what changed between two states of a cluster: bundles written by ist bundle, or live",
		ArgsUsage: "A B",
		Description: "A and B are bundle files or the word live (the cluster now, found from --host like ist doctor).\n" +
			"Per node: BGP and XMPP peers whose state or flap count changed, routes added, removed or changed\n" +
			"(next hop, label, paths) per routing table of each control node and per VRF of each vRouter,\n" +
			"interfaces whose state changed, NodeStatus changes (processes, connections). A summary comes\n" +
			"first, one line per node that changed; -f json for scripts (schema tfkit.diff/v1).\n" +
			"Records are streamed and joined by key: memory grows with the differences, not the tables.\n\n" +
			"Examples:\n" +
			"   ist --host 10.0.0.11 bundle -o before.tar.gz      before the maintenance\n" +
			"   ist --host 10.0.0.11 diff before.tar.gz live        after it\n" +
			"   ist diff before.tar.gz after.tar.gz -f json | jq '.changes[] | select(.kind == \"bgp\")'\n\n" +
			"EXIT CODES (like diff):\n" +
			"   0  no difference\n" +
			"   1  differences\n" +
			"   2  usage error (a file that is not a bundle)\n" +
			"   3-6  live: no starting control node could be read",
		Flags: append(clusterFlags(),
			clikit.FormatFlag(records.Table),
		),
		HideHelpCommand: true,
		Action:          runDiff,
	})
}

// runDiff opens both sides, compares and prints.
func runDiff(c *cli.Context) error {
	if c.NArg() != 2 {
		return clikit.Usagef(diffHelp, "diff takes two states (bundle files or live), got %d", c.NArg())
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	var sides [2]*diff.Source
	for i, arg := range c.Args().Slice() {
		var s *diff.Source
		var err error
		if arg == "live" {
			opts, hosts, oerr := collectOptions(c)
			if oerr != nil {
				return oerr
			}
			opts.Progress = progress("diff")
			s, err = diff.Live(ctx, opts, hosts, c.String("hosts"))
		} else {
			s, err = diff.FromBundle(arg)
		}
		if err != nil {
			return err
		}
		defer s.Close()
		sides[i] = s
	}
	rep, err := diff.Compare(ctx, sides[0], sides[1], c.Int("parallel"))
	if err != nil {
		return err
	}
	if err := diff.Write(c.App.Writer, rep, c.String("format")); err != nil {
		return err
	}
	if rep.Different() {
		return clikit.Exit(1)
	}
	return nil
}
