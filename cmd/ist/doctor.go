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
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/doctor"
)

const doctorHelp = "see ist doctor --help"

// doctorTimeout is the per-request time limit when --timeout is not
// given: a whole run with hung nodes takes about two of them plus
// discovery.
const doctorTimeout = 5 * time.Second

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
			"Time: each request has --timeout (default " + doctorTimeout.String() + " for doctor); after discovery the whole\n" +
			"collection gets two timeouts, however many nodes hang.\n\n" +
			"CHECKS:\n" + checks.String() + "\n" +
			doctor.JSONHelp + "\n\n" +
			"EXIT CODES:\n" +
			"   0  healthy (warnings allowed)\n" +
			"   1  findings at error severity\n" +
			"   2  usage error\n" +
			"   3-6  no starting control node could be read (3 connection, 4 HTTP, 5 malformed XML, 6 TLS)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "hosts", Usage: "hosts file: where nodes answer, and nodes to add (see above)"},
			&cli.StringFlag{Name: "ports", Usage: "introspect port per role, e.g. vr=18085,ctr=18083 (default: the role's port)"},
			clikit.FormatFlag(doctor.FormatTable, doctor.Formats...),
			&cli.IntFlag{Name: "parallel", Value: collect.DefaultParallel, Usage: "connections open at once"},
			clikit.DurationFlag("flap-window", nil, 10*time.Minute, "report sessions that flapped within this time"),
			clikit.DurationFlag("skew", nil, time.Minute, "clock difference between nodes worth a finding (a loaded node records a session's start seconds late)"),
		},
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
	ports, err := parsePorts(c.String("ports"))
	if err != nil {
		return err
	}
	role, _ := catalog.RoleByName(collect.RoleControl)
	ccfg := clientConfig(c, role)
	if !c.IsSet("timeout") {
		ccfg.Timeout = doctorTimeout
	}
	if c.IsSet("port") {
		ports[collect.RoleControl] = c.Int("port")
	}
	cfg := doctor.Config{
		Collect:   collect.Options{Client: ccfg, Ports: ports, Parallel: c.Int("parallel"), Progress: progress()},
		Hosts:     ccfg.Hosts,
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

// parsePorts reads "role=port,role=port".
func parsePorts(s string) (map[string]int, error) {
	out := map[string]int{}
	for _, kv := range strings.Split(s, ",") {
		if kv = strings.TrimSpace(kv); kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		p, err := strconv.Atoi(v)
		if !ok || err != nil {
			return nil, clikit.Usagef("write --ports role=port,…, e.g. vr=18085", "bad --ports entry %q", kv)
		}
		out[strings.TrimSpace(k)] = p
	}
	return out, nil
}

// progress reports collection progress on stderr when it is a terminal.
func progress() func(phase string, done, total int) {
	if st, err := os.Stderr.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(phase string, done, total int) {
		fmt.Fprintf(os.Stderr, "\rist doctor: %s %d/%d ", phase, done, total)
		if done == total {
			fmt.Fprint(os.Stderr, "\r\033[K")
		}
	}
}
