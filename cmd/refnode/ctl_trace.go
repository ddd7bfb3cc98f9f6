package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/refnode/cluster"
)

// traceCommands are `refnode ctl fault` and `refnode ctl send`: the
// datapath faults and the simulated traffic of the admin API (ctl.go
// lists them under ctl).
func traceCommands() []*cli.Command {
	clearFlag := &cli.BoolFlag{Name: "clear", Usage: "undo the fault"}
	faultCmd := func(kind, args, usage, example string, flags []cli.Flag, build func(c *cli.Context, pos []string) (cluster.FaultArgs, error)) *cli.Command {
		return &cli.Command{Name: kind, Usage: usage, ArgsUsage: args, Flags: append(flags, clearFlag),
			Description: "Examples:\n   " + example + "\n   " + example + " --clear",
			Action: func(c *cli.Context) error {
				a, err := build(c, c.Args().Slice())
				if err != nil {
					return err
				}
				detail, err := client(c).Fault(c.Context, kind, a, c.Bool("clear"))
				if err != nil {
					return ctlErr(err)
				}
				fmt.Fprintln(c.App.Writer, detail)
				return nil
			}}
	}
	args := func(c *cli.Context, pos []string, n int, usage string) error {
		if len(pos) != n {
			return clikit.Usagef("see refnode ctl fault "+c.Command.Name+" --help", "ctl fault %s needs %s, got %d argument(s)", c.Command.Name, usage, len(pos))
		}
		return nil
	}
	fault := &cli.Command{
		Name:  "fault",
		Usage: "datapath faults that ist trace diagnoses (security group deny, kernel route missing, stale label, flow table full)",
		Description: `Each fault is undone by the same command with --clear.

Examples:
   refnode ctl fault sg-deny cirros-2 --protocol tcp --port 80
   refnode ctl fault kernel-route vrouter-1 cirros-2       # vrouter-1's kernel loses the route to cirros-2
   refnode ctl fault stale-label cirros-2                  # cirros-2 gets a new label nobody is told about
   refnode ctl fault flow-table-full vrouter-1 --capacity 200
   refnode ctl fault sg-deny cirros-2 --clear`,
		Subcommands: []*cli.Command{
			faultCmd("sg-deny", "POD", "put an ingress deny rule in front of the pod's first security group (every vRouter)",
				"refnode ctl fault sg-deny cirros-2 --protocol tcp --port 80",
				[]cli.Flag{&cli.StringFlag{Name: "protocol", Usage: "tcp, udp, icmp, icmp6 or a number (default: all)"},
					&cli.IntFlag{Name: "port", Usage: "destination port (default: all)"}},
				func(c *cli.Context, pos []string) (cluster.FaultArgs, error) {
					return cluster.FaultArgs{Target: arg(pos, 0), Protocol: c.String("protocol"), Port: c.Int("port")}, args(c, pos, 1, "a pod name")
				}),
			faultCmd("kernel-route", "VROUTER POD", "remove the route to POD from VROUTER's kernel while its agent keeps it",
				"refnode ctl fault kernel-route vrouter-1 cirros-2",
				[]cli.Flag{&cli.BoolFlag{Name: "ipv6", Aliases: []string{"6"}, Usage: "the pod's IPv6 address"}},
				func(c *cli.Context, pos []string) (cluster.FaultArgs, error) {
					return cluster.FaultArgs{Target: arg(pos, 0), Pod: arg(pos, 1), IPv6: c.Bool("ipv6")}, args(c, pos, 2, "a vRouter and a pod")
				}),
			faultCmd("stale-label", "POD", "give the pod's interface a new MPLS label without publishing it (--clear publishes it)",
				"refnode ctl fault stale-label cirros-2", nil,
				func(c *cli.Context, pos []string) (cluster.FaultArgs, error) {
					return cluster.FaultArgs{Target: arg(pos, 0)}, args(c, pos, 1, "a pod name")
				}),
			faultCmd("flow-table-full", "VROUTER", "shrink the vRouter's flow table and fill it: new flows are dropped",
				"refnode ctl fault flow-table-full vrouter-1",
				[]cli.Flag{&cli.IntFlag{Name: "capacity", Value: 256, Usage: "flows the table holds"}},
				func(c *cli.Context, pos []string) (cluster.FaultArgs, error) {
					return cluster.FaultArgs{Target: arg(pos, 0), Capacity: c.Int("capacity")}, args(c, pos, 1, "a vRouter name")
				}),
		},
	}
	send := &cli.Command{
		Name:      "send",
		Usage:     "send simulated packets from a pod (looked up by the vRouters: flows, drop counters) and print their fate",
		ArgsUsage: "SRC DST tcp|udp|icmp [SPORT] DPORT",
		Description: `SRC is a pod; DST a pod or an address. Each delivered packet is answered.

Examples:
   refnode ctl send cirros-1 cirros-2 tcp 80
   refnode ctl send cirros-1 cirros-2 udp 40000 53 --count 5
   refnode ctl send cirros-1 cirros-2 icmp -6
   refnode ctl send cirros-1 10.47.255.249 tcp 22 -f json

Exit codes: 0 every packet delivered and answered, 1 some were dropped,
2 bad arguments or no cluster.`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "count", Aliases: []string{"c"}, Value: 1, Usage: "packets to send"},
			&cli.BoolFlag{Name: "ipv6", Aliases: []string{"6"}, Usage: "to the destination pod's IPv6 address"},
			clikit.FormatFlag(records.Table),
		},
		Action: ctlSend,
	}
	return []*cli.Command{fault, send}
}

// ctlSend parses SRC DST PROTO [SPORT] DPORT, sends and prints the fate.
func ctlSend(c *cli.Context) error {
	a := c.Args().Slice()
	hint := "e.g. refnode ctl send cirros-1 cirros-2 tcp 80"
	if len(a) < 3 || len(a) > 5 {
		return clikit.Usagef(hint, "ctl send needs SRC DST PROTO [SPORT] DPORT, got %d argument(s)", len(a))
	}
	sa := cluster.SendArgs{Src: a[0], Dst: a[1], Proto: a[2], Sport: 40000, Count: c.Int("count"), IPv6: c.Bool("ipv6")}
	ports := a[3:]
	var err error
	if len(ports) == 2 {
		if sa.Sport, err = strconv.Atoi(ports[0]); err != nil {
			return clikit.Usagef(hint, "source port %q is not a number", ports[0])
		}
		ports = ports[1:]
	}
	if len(ports) == 1 {
		if sa.Dport, err = strconv.Atoi(ports[0]); err != nil {
			return clikit.Usagef(hint, "destination port %q is not a number", ports[0])
		}
	}
	res, err := client(c).Send(c.Context, sa)
	if err != nil {
		return ctlErr(err)
	}
	w := c.App.Writer
	if c.String("format") == records.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(w, "%s -> %s %s %d/%d: %d sent, %d delivered, %d answered\n", res.Src, res.Dst, sa.Proto, sa.Sport, sa.Dport,
			res.Sent, res.Delivered, res.Answered)
		fmt.Fprintln(w, "  "+res.Last.Text())
		if res.Answer != nil {
			fmt.Fprintln(w, "  answer: "+res.Answer.Text())
		}
	}
	if res.Answered != res.Sent {
		return clikit.Exit(clikit.ExitFailure)
	}
	return nil
}

// arg is the i-th positional argument or "".
func arg(pos []string, i int) string {
	if i < len(pos) {
		return pos[i]
	}
	return ""
}
