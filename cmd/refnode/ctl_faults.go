package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/cluster"
)

// faultCommands are the `refnode ctl` faults beyond nodes and sessions:
// an interface left inactive with the agent's reason, a route the control
// nodes lost, a NodeStatus connection down (refnode/cluster/faults_doctor.go).
func faultCommands() []*cli.Command {
	itfCmd := func(op, usage, args, example string, minArgs int) *cli.Command {
		return &cli.Command{Name: op, Usage: usage, ArgsUsage: args,
			Description: "ITF is the tap name or the name of a pod on that vRouter.\n\nExample:\n   refnode ctl " + example,
			Action: func(c *cli.Context) error {
				if c.NArg() < minArgs || (minArgs == 2 && c.NArg() != 2) {
					return clikit.Usagef("e.g. refnode ctl "+example, "ctl %s needs %s", op, args)
				}
				return ctlErr(client(c).InterfaceOp(c.Context, c.Args().Get(0), c.Args().Get(1), op, c.Args().Slice()[2:]))
			}}
	}
	return []*cli.Command{
		itfCmd("inactive", "make a VM interface inactive with the agent's reasons ("+strings.Join(agent.InactiveReasons, ", ")+"); its route is withdrawn",
			"VROUTER ITF REASON...", "inactive vrouter-1 cirros-1 vn-null", 3),
		itfCmd("active", "make an inactive VM interface active again", "VROUTER ITF", "active vrouter-1 cirros-1", 2),
		itfCmd("withdraw", "withdraw an interface's route from the control nodes while it stays active (a lost update)",
			"VROUTER ITF", "withdraw vrouter-1 cirros-1", 2),
		{Name: "forget", Usage: "a control node loses an agent's XMPP session while the agent believes it up (half-open), until its hold timer expires",
			ArgsUsage: "CONTROL VROUTER", Description: "Example:\n   refnode ctl forget control-1 vrouter-1",
			Action: func(c *cli.Context) error {
				if c.NArg() != 2 {
					return clikit.Usagef("e.g. refnode ctl forget control-1 vrouter-1", "ctl forget needs CONTROL VROUTER")
				}
				return ctlErr(client(c).SessionOp(c.Context, c.Args().Get(0), c.Args().Get(1), "forget", cluster.FlapOptions{}))
			}},
		{Name: "connection", Usage: "set a NodeStatus connection of a control node Up, Down or Initializing",
			ArgsUsage: "NODE TYPE[:NAME] STATUS",
			Flags:     []cli.Flag{&cli.StringFlag{Name: "description", Usage: "the daemon's text for the connection (default: its usual one)"}},
			Description: "TYPE[:NAME] is a ConnectionInfo of its NodeStatus: Collector, Database:Cassandra, Database:RabbitMQ.\n\n" +
				"Examples:\n   refnode ctl connection control-1 Collector Down\n   refnode ctl connection control-1 Database:Cassandra Down --description 'Cassandra state detected DOWN.'\n   refnode ctl connection control-1 Collector Up",
			Action: func(c *cli.Context) error {
				if c.NArg() != 3 {
					return clikit.Usagef("e.g. refnode ctl connection control-1 Collector Down", "ctl connection needs NODE TYPE[:NAME] STATUS")
				}
				typ, name, _ := strings.Cut(c.Args().Get(1), ":")
				return ctlErr(client(c).SetConnection(c.Context, c.Args().Get(0), typ, name, c.Args().Get(2), c.String("description")))
			}},
	}
}
