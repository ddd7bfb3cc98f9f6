package main

import (
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/trace"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:      "trace",
		Usage:     "why traffic from SRC to DST does (not) arrive: every check from source interface to flows, then a verdict",
		ArgsUsage: "SRC DST [tcp|udp|icmp [SPORT] DPORT]",
		Description: "SRC and DST are a pod/VM name, an interface (tap) name or uuid, or an address (--vn when an address is\n" +
			"in several networks). The source's vRouter is found from the control nodes (--host) or given (--vrouter).\n" +
			"Each stage is a row: source interface (ItfReq), route on every control node (ShowRouteReq), the agent's\n" +
			"longest match and next hop (Inet4UcRouteReq/Inet6UcRouteReq, NhListReq), the kernel agrees (KRouteGetReq,\n" +
			"KNHReq, KInterfaceReq), the remote side (tunnel, label and interface on the destination vRouter, ECMP\n" +
			"members as branches: MplsReq, KMplsReq, ItfReq), room in the flow tables, the flows of the 5-tuple on both\n" +
			"ends (FetchFlowRecord: action, drop reason, rule uuids) and the drop counters (KDropStatsReq). Then one\n" +
			"VERDICT line and next: commands.\n\n" +
			"Everything is read-only except --probe: the source agent then sends packets (PingReq for tcp/udp,\n" +
			"TraceRouteReq for icmp) and the drop counters that moved during the probe are shown.\n\n" +
			"Examples:\n" +
			"   ist --host 10.0.0.11 trace web-0 db-0 tcp 5432\n" +
			"   ist --host 10.0.0.11 trace 10.47.255.250 10.47.255.249 udp 40000 53 --vn k8s-default-pod-network\n" +
			"   ist trace --vrouter 10.0.0.21 cirros-1 10.47.255.249 icmp --probe\n" +
			"   ist --host 10.0.0.11 trace -6 web-0 db-0 tcp 80 -f json\n\n" +
			"EXIT CODES:\n" +
			"   0  delivered, or every check passed (PATH OK)\n" +
			"   1  dropped, missing or mismatched somewhere (the verdict)\n" +
			"   2  usage error (bad argument, ambiguous endpoint)\n" +
			"   3-6  a node could not be read (connection, HTTP, XML, TLS: the worst wins)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "vrouter", Usage: "introspect of the source's vRouter agent (default: found from the control nodes)"},
			&cli.StringFlag{Name: "vn", Usage: "network (or part of its name) when an address is in several networks"},
			&cli.BoolFlag{Name: "ipv6", Aliases: []string{"6"}, Usage: "use the IPv6 addresses of named endpoints"},
			&cli.BoolFlag{Name: "probe", Usage: "send real packets from the source (PingReq / TraceRouteReq): the only action that is not read-only"},
			&cli.IntFlag{Name: "count", Value: 3, Usage: "packets of a --probe ping"},
			&cli.IntFlag{Name: "control-port", Value: 8083, Usage: "introspect port of the control nodes"},
			&cli.StringFlag{Name: "hosts", Usage: "file mapping tunnel addresses to introspect hosts (/etc/hosts style, as ist follow)"},
			clikit.FormatFlag(render.FormatTable),
		},
		HideHelpCommand: true,
		Action:          runTrace,
	})
}

// runTrace checks the input, traces, prints the report and returns the
// verdict's exit status.
func runTrace(c *cli.Context) error {
	src, dst, fl, err := trace.ParseArgs(c.Args().Slice())
	if err != nil {
		return err // a client.Usagef: exit 2
	}
	role, _ := catalog.RoleByName("vr")
	cfg := trace.Config{Client: clientConfig(c, role), VRouter: c.String("vrouter"), VN: c.String("vn"), IPv6: c.Bool("ipv6"),
		Probe: c.Bool("probe"), ProbeCount: c.Int("count"), ControlPort: c.Int("control-port")}
	cfg.Client.Policy = nil // trace sets the read-only policy itself (with the probes only for --probe)
	if c.IsSet("host") || cfg.VRouter == "" {
		cfg.Controls = cfg.Client.Hosts
	}
	if strings.Contains(cfg.VRouter, ",") {
		return clikit.Usagef("give one vRouter with --vrouter", "trace starts on one vRouter, got %q", cfg.VRouter)
	}
	if f := c.String("hosts"); f != "" {
		if cfg.Hosts, err = follow.ReadHosts(f); err != nil {
			return clikit.Usagef("check the file given to --hosts", "%v", err)
		}
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := trace.Run(ctx, cfg, src, dst, fl)
	if err != nil {
		return err
	}
	out, err := trace.Append(nil, rep, c.String("format"))
	if err != nil {
		return err
	}
	if _, err := c.App.Writer.Write(out); err != nil {
		return err
	}
	return verdictError(rep.Verdict)
}

// verdictError carries the verdict's exit status to main (nil for 0),
// with one line on stderr.
func verdictError(v trace.Verdict) error {
	if v.ExitCode == 0 {
		return nil
	}
	msg := "trace: " + v.Result
	if v.Stage != "" {
		msg += " at " + v.Stage
	}
	return &clikit.Error{Code: v.ExitCode, What: msg}
}
