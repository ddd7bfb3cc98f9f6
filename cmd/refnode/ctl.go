package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/refnode/cluster"
)

func init() {
	adminFlag := &cli.StringFlag{Name: "admin", Value: cluster.DefaultAdminAddr, EnvVars: []string{"REFNODE_ADMIN"}, Usage: "admin API address of `refnode up`"}
	timeoutFlag := clikit.DurationFlag("timeout", nil, 30*time.Second, "how long to wait for an answer (stopping a control node of a large cluster takes a while)")
	nodeCmd := func(op, usage string) *cli.Command {
		return &cli.Command{Name: op, Usage: usage, ArgsUsage: "NODE",
			Description: "Example:\n   refnode ctl " + op + " control-2",
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return clikit.Usagef("e.g. refnode ctl "+op+" control-2", "ctl %s needs one node name", op)
				}
				return ctlErr(client(c).NodeOp(c.Context, c.Args().First(), op))
			}}
	}
	sessionCmd := func(op, usage string, flags ...cli.Flag) *cli.Command {
		return &cli.Command{Name: op, Usage: usage, ArgsUsage: "A B", Flags: flags,
			Description: "A and B are two control nodes (BGP session), a control node and a vRouter (XMPP session), or a control node's dns@ persona and a vRouter (DNS XMPP session).\n\nExamples:\n   refnode ctl " + op + " control-1 control-2\n   refnode ctl " + op + " control-1 vrouter-1\n   refnode ctl " + op + " dns@control-1 vrouter-1",
			Action: func(c *cli.Context) error {
				if c.NArg() != 2 {
					return clikit.Usagef("e.g. refnode ctl "+op+" control-1 vrouter-1", "ctl %s needs two node names", op)
				}
				fo := cluster.FlapOptions{Count: c.Int("count"), Interval: clikit.Duration(c, "interval")}
				return ctlErr(client(c).SessionOp(c.Context, c.Args().Get(0), c.Args().Get(1), op, fo))
			}}
	}
	commands = append(commands, &cli.Command{
		Name:  "ctl",
		Usage: "fault operations and state of a running cluster (client of the admin API)",
		Description: `Talks to the admin API of a running ` + "`refnode up`" + ` (default ` + cluster.DefaultAdminAddr + `,
or $REFNODE_ADMIN). Node names are those of the node table; personas are
<role>@<node>, e.g. dns@control-1.

Exit codes: 0 done, 1 refused (wrong state, e.g. stopping a stopped node),
2 bad arguments, unknown name, or no cluster at the address.

Examples:
   refnode ctl stop control-1          # peers go Active, agents fail over
   refnode ctl start control-1
   refnode ctl pause control-2         # hold timers expire on the peers
   refnode ctl stop dns@control-1      # agents' DNS XMPP sessions to it go Active (ist vr xmpp-dns)
   refnode ctl cut control-1 vrouter-1
   refnode ctl partition control-1 control-2 && refnode ctl heal control-1 control-2
   refnode ctl flap --count 5 --interval 3s control-2 vrouter-2
   refnode ctl inactive vrouter-1 cirros-1 vn-null   # the agent's interface goes "Inactive < vn-null … >"
   refnode ctl connection control-1 Collector Down
   refnode ctl fault sg-deny cirros-2 --protocol tcp --port 80
   refnode ctl send cirros-1 cirros-2 tcp 80
   refnode ctl state -f json`,
		Flags: []cli.Flag{adminFlag, timeoutFlag},
		Subcommands: append([]*cli.Command{
			nodeCmd("stop", "stop a node as if its process died (listeners and sessions closed)"),
			nodeCmd("start", "start a stopped node again, from empty tables"),
			nodeCmd("pause", "freeze a node: TCP stays open, nothing is read or sent (hold timers expire)"),
			nodeCmd("resume", "unfreeze a paused node"),
			sessionCmd("cut", "close one session once (it reconnects: one flap)"),
			sessionCmd("partition", "cut a session and refuse it until healed"),
			sessionCmd("heal", "allow a partitioned session again"),
			sessionCmd("flap", "cut a session several times in the background",
				&cli.IntFlag{Name: "count", Value: 3, Usage: "number of cuts"},
				clikit.DurationFlag("interval", nil, 0, "time between cuts (default: two XMPP keep-alives)")),
			{Name: "state", Usage: "nodes, sessions under a fault, and the event log",
				Description: "Examples:\n   refnode ctl state\n   refnode ctl state -f json | jq '.nodes[] | select(.state != \"running\")'",
				Flags:       []cli.Flag{clikit.FormatFlag(records.Table)},
				Action:      ctlState},
		}, append(faultCommands(), traceCommands()...)...),
	})
}

func client(c *cli.Context) *cluster.Client {
	cl := cluster.NewClient(c.String("admin"))
	cl.HTTP.Timeout = clikit.Duration(c, "timeout")
	return cl
}

// ctlErr maps admin API errors to exit codes: 409 (refused in this
// state) is a failure, a bad argument, an unknown name or no cluster at
// the address a usage error.
func ctlErr(err error) error {
	if err == nil {
		return nil
	}
	var ae *cluster.APIError
	if errors.As(err, &ae) {
		if ae.Status == http.StatusConflict {
			return &clikit.Error{Code: clikit.ExitFailure, What: ae.Msg, Err: err}
		}
		return &clikit.Error{Code: clikit.ExitUsage, What: ae.Msg, Err: err}
	}
	return clikit.Wrap(clikit.ExitUsage, err, "")
}

func ctlState(c *cli.Context) error {
	st, err := client(c).State(c.Context)
	if err != nil {
		return ctlErr(err)
	}
	return printState(c.App.Writer, st, c.String("format"))
}

// printState writes the node table, the sessions under a fault and the
// event log; JSON is the admin API's state object.
func printState(w io.Writer, st *cluster.State, format string) error {
	nodes := records.Set{Title: fmt.Sprintf("cluster %s, timer scale %g", st.Cluster, st.Scale),
		Columns: []string{"name", "role", "address", "ports", "state", "since"}}
	for _, n := range st.Nodes {
		nodes.Rows = append(nodes.Rows, []string{n.Name, n.Role, n.Address, n.Ports, n.State, n.Since.Format(time.RFC3339)})
	}
	sets := []records.Set{nodes}
	if len(st.Sessions) > 0 {
		ss := records.Set{Columns: []string{"session", "state"}}
		for _, s := range st.Sessions {
			ss.Rows = append(ss.Rows, []string{s.A + "/" + s.B, s.State})
		}
		sets = append(sets, ss)
	}
	events := records.Set{Columns: []string{"time", "op", "target", "detail", "error"}}
	for _, e := range st.Events {
		events.Rows = append(events.Rows, []string{e.Time.Format("15:04:05.000"), e.Op, e.Target, e.Detail, e.Error})
	}
	return records.Write(w, format, st, append(sets, events)...)
}
