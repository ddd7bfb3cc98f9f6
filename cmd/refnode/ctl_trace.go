package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/refnode/cluster"
)

// `refnode ctl fault` and `refnode ctl send`: the datapath faults and the
// simulated traffic of the admin API. They join the ctl command made in
// ctl.go (this file's init runs after ctl.go's: files are initialised in
// name order).
func init() {
	clearFlag := &cli.BoolFlag{Name: "clear", Usage: "undo the fault"}
	faultCmd := func(kind, args, usage, example string, flags []cli.Flag, build func(c *cli.Context, pos []string) (cluster.FaultArgs, error)) *cli.Command {
		return &cli.Command{Name: kind, Usage: usage, ArgsUsage: args, Flags: append(flags, clearFlag),
			Description: "Examples:\n   " + example + "\n   " + example + " --clear",
			Action: func(c *cli.Context) error {
				pos, err := lateFlags(c)
				if err != nil {
					return err
				}
				a, err := build(c, pos)
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
			return fail(exitUsage, "ctl fault %s needs %s, got %d argument(s)", c.Command.Name, usage, len(pos))
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
			formatFlag,
		},
		Action: ctlSend,
	}
	for _, cmd := range commands {
		if cmd.Name == "ctl" {
			cmd.Subcommands = append(cmd.Subcommands, fault, send)
			cmd.Description = strings.Replace(cmd.Description, "   refnode ctl state -f json",
				"   refnode ctl fault sg-deny cirros-2 --protocol tcp --port 80\n   refnode ctl send cirros-1 cirros-2 tcp 80\n   refnode ctl state -f json", 1)
		}
	}
}

// ctlSend parses SRC DST PROTO [SPORT] DPORT, sends and prints the fate.
func ctlSend(c *cli.Context) error {
	a, err := lateFlags(c)
	if err != nil {
		return err
	}
	format, err := checkFormat(c)
	if err != nil {
		return err
	}
	if len(a) < 3 || len(a) > 5 {
		return fail(exitUsage, "ctl send needs SRC DST PROTO [SPORT] DPORT, e.g. refnode ctl send cirros-1 cirros-2 tcp 80")
	}
	sa := cluster.SendArgs{Src: a[0], Dst: a[1], Proto: a[2], Sport: 40000, Count: c.Int("count"), IPv6: c.Bool("ipv6")}
	ports := a[3:]
	if len(ports) == 2 {
		if sa.Sport, err = strconv.Atoi(ports[0]); err != nil {
			return fail(exitUsage, "source port %q is not a number", ports[0])
		}
		ports = ports[1:]
	}
	if len(ports) == 1 {
		if sa.Dport, err = strconv.Atoi(ports[0]); err != nil {
			return fail(exitUsage, "destination port %q is not a number", ports[0])
		}
	}
	res, err := client(c).Send(c.Context, sa)
	if err != nil {
		return ctlErr(err)
	}
	w := c.App.Writer
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	default:
		fmt.Fprintf(w, "%s -> %s %s %d/%d: %d sent, %d delivered, %d answered\n", res.Src, res.Dst, sa.Proto, sa.Sport, sa.Dport,
			res.Sent, res.Delivered, res.Answered)
		fmt.Fprintln(w, "  "+res.Last.Text())
		if res.Answer != nil {
			fmt.Fprintln(w, "  answer: "+res.Answer.Text())
		}
	}
	if res.Answered != res.Sent {
		return cli.Exit("", exitFailure)
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

// lateFlags applies the command's flags written after its arguments
// (`refnode ctl fault sg-deny cirros-2 --port 80`: urfave/cli stops at the
// first argument) and returns the arguments.
func lateFlags(c *cli.Context) ([]string, error) {
	takes := map[string]bool{}
	names := map[string][]string{} // every name of the flag a name belongs to
	for _, f := range c.Command.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takes[n] = !isBool
			names[n] = f.Names()
		}
	}
	var pos []string
	args := c.Args().Slice()
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		value, known := takes[name]
		switch {
		case !known:
			return nil, fail(exitUsage, "ctl %s: unknown flag %s (see --help)", c.Command.Name, a)
		case value && !hasVal:
			if i+1 >= len(args) {
				return nil, fail(exitUsage, "ctl %s: flag %s needs a value", c.Command.Name, a)
			}
			val = args[i+1]
			i++
		case !value && !hasVal:
			val = "true"
		}
		for _, n := range names[name] { // aliases hold their own values
			if err := c.Set(n, val); err != nil {
				return nil, fail(exitUsage, "ctl %s: %s %s: %v", c.Command.Name, a, val, err)
			}
		}
	}
	return pos, nil
}
