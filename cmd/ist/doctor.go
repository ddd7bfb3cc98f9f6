package main

import (
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/doctor"
)

const doctorHelp = "see ist doctor --help"

func init() {
	var checks strings.Builder
	for _, c := range doctor.Checks {
		fmt.Fprintf(&checks, "   %-28s %s\n", c.ID, c.Doc)
	}
	commands = append(commands, &cli.Command{
		Name:  "doctor",
		Usage: "check a whole cluster from its control nodes: findings with evidence, cause and next command",
		Description: "Starts from the control nodes given with --host, finds the other control nodes (BGP\n" +
			"neighbors) and every vRouter (XMPP peers), asks each its NodeStatus and the state the checks need\n" +
			"(read-only requests only, " + strconv.Itoa(collect.DefaultParallel) + " connections at most), and prints a summary, then one finding per\n" +
			"failed check: severity, node, what is wrong, the evidence with the introspect URL that shows it,\n" +
			"the likely cause and the next command.\n\n" +
			"Examples:\n" +
			"   ist --host 10.0.0.11 doctor\n" +
			"   ist --host 10.0.0.11,10.0.0.12 doctor -f text          every finding whole\n" +
			"   ist --host 10.0.0.11 doctor --hosts hosts.txt --ports vr=18085\n" +
			"   ist --host 10.0.0.11 doctor -f junit > doctor.xml        for CI\n" +
			"   ist --host 10.0.0.11 doctor -f json | jq '.findings[] | select(.severity == \"error\")'\n\n" +
			"--hosts FILE: the file ist follow reads, \"<address> <introspect host> [role]\" lines: where a\n" +
			"node's introspect answers when it is not its address, and nodes nobody reports (a vRouter that\n" +
			"is down; analytics or config daemons with a role word: collector, cfg_api, …).\n\n" +
			"Time: each request has --timeout (default " + clusterTimeout.String() + " for doctor); after discovery the whole\n" +
			"collection gets two timeouts, however many nodes hang.\n\n" +
			"CHECKS:\n" + checks.String() + "\n" +
			doctor.JSONHelp + "\n\n" +
			"EXIT CODES:\n" +
			"   0  healthy (warnings allowed)\n" +
			"   1  findings at error severity\n" +
			"   2  usage error\n" +
			"   3-6  no starting control node could be read (3 connection, 4 HTTP, 5 malformed XML, 6 TLS)",
		Flags: append(clusterFlags(),
			clikit.FormatFlag(doctor.FormatTable, doctor.Formats...),
			clikit.DurationFlag("flap-window", nil, 10*time.Minute, "report sessions that flapped within this time"),
			clikit.DurationFlag("skew", nil, time.Minute, "clock difference between nodes worth a finding (a loaded node records a session's start seconds late)"),
		),
		HideHelpCommand: true,
		Action:          runDoctor,
	})
}

// runDoctor wires the flags to doctor.Run and prints the report.
func runDoctor(c *cli.Context) error {
	if c.NArg() > 0 {
		return clikit.Usagef(doctorHelp, "doctor takes no arguments, got %q", c.Args().First())
	}
	if c.String("file") != "" {
		return clikit.Usagef(doctorHelp, "doctor reads a live cluster: --file is not supported")
	}
	format := c.String("format")
	opts, hosts, err := collectOptions(c)
	if err != nil {
		return err
	}
	opts.Progress = progress("doctor")
	cfg := doctor.Config{
		Collect:   opts,
		Hosts:     hosts,
		HostsFile: c.String("hosts"),
		Options:   doctor.Options{FlapWindow: clikit.Duration(c, "flap-window"), SkewThreshold: clikit.Duration(c, "skew")},
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := doctor.Run(ctx, cfg)
	if err != nil {
		return err
	}
	out, err := doctor.Append(nil, rep, format)
	if err != nil {
		return err
	}
	if _, err := c.App.Writer.Write(out); err != nil {
		return err
	}
	if !rep.Healthy() {
		return fmt.Errorf("doctor: %d finding(s) at error severity (-f text shows each with its evidence)", rep.Summary.Errors)
	}
	return nil
}
