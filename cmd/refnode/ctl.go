package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/refnode/cluster"
)

func init() {
	adminFlag := &cli.StringFlag{Name: "admin", Value: cluster.DefaultAdminAddr, EnvVars: []string{"REFNODE_ADMIN"}, Usage: "admin API address of `refnode up`"}
	timeoutFlag := &cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "how long to wait for an answer (stopping a control node of a large cluster takes a while)"}
	nodeCmd := func(op, usage string) *cli.Command {
		return &cli.Command{Name: op, Usage: usage, ArgsUsage: "NODE",
			Description: "Example:\n   refnode ctl " + op + " control-2",
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return fail(exitUsage, "ctl %s needs one node name, e.g. refnode ctl %s control-2", op, op)
				}
				return ctlErr(client(c).NodeOp(c.Context, c.Args().First(), op))
			}}
	}
	sessionCmd := func(op, usage string, flags ...cli.Flag) *cli.Command {
		return &cli.Command{Name: op, Usage: usage, ArgsUsage: "A B", Flags: flags,
			Description: "A and B are two control nodes (BGP session) or a control node and a vRouter (XMPP session).\n\nExamples:\n   refnode ctl " + op + " control-1 control-2\n   refnode ctl " + op + " control-1 vrouter-1",
			Action: func(c *cli.Context) error {
				if c.NArg() != 2 {
					return fail(exitUsage, "ctl %s needs two node names, e.g. refnode ctl %s control-1 vrouter-1", op, op)
				}
				fo := cluster.FlapOptions{Count: c.Int("count"), Interval: c.Duration("interval")}
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
   refnode ctl cut control-1 vrouter-1
   refnode ctl partition control-1 control-2 && refnode ctl heal control-1 control-2
   refnode ctl flap --count 5 --interval 3s control-2 vrouter-2
   refnode ctl inactive vrouter-1 cirros-1 vn-null   # the agent's interface goes "Inactive < vn-null … >"
   refnode ctl connection control-1 Collector Down
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
				&cli.DurationFlag{Name: "interval", Usage: "time between cuts (default: two XMPP keep-alives)"}),
			{Name: "state", Usage: "nodes, sessions under a fault, and the event log",
				Description: "Examples:\n   refnode ctl state\n   refnode ctl state -f json | jq '.nodes[] | select(.state != \"running\")'",
				Flags:       []cli.Flag{formatFlag},
				Action:      ctlState},
		}, faultCommands()...),
	})
}

func client(c *cli.Context) *cluster.Client {
	cl := cluster.NewClient(c.String("admin"))
	cl.HTTP.Timeout = c.Duration("timeout")
	return cl
}

// ctlErr maps admin API errors to exit codes.
func ctlErr(err error) error {
	if err == nil {
		return nil
	}
	var ae *cluster.APIError
	if errors.As(err, &ae) {
		if ae.Status == http.StatusConflict {
			return fail(exitFailure, "%s", ae.Msg)
		}
		return fail(exitUsage, "%s", ae.Msg)
	}
	return fail(exitUsage, "%v", err)
}

func ctlState(c *cli.Context) error {
	format, err := checkFormat(c)
	if err != nil {
		return err
	}
	st, err := client(c).State(c.Context)
	if err != nil {
		return ctlErr(err)
	}
	return printState(c.App.Writer, st, format)
}

func printState(w io.Writer, st *cluster.State, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	case "text":
		fmt.Fprintf(w, "cluster: %s\ntimer_scale: %g\n", st.Cluster, st.Scale)
		for _, n := range st.Nodes {
			fmt.Fprintf(w, "node: %s role=%s address=%s state=%s since=%s\n", n.Name, n.Role, n.Address, n.State, n.Since.Format(time.RFC3339))
		}
		for _, s := range st.Sessions {
			fmt.Fprintf(w, "session: %s/%s state=%s\n", s.A, s.B, s.State)
		}
		for _, e := range st.Events {
			fmt.Fprintf(w, "event: %s %s %s %s%s\n", e.Time.Format(time.RFC3339Nano), e.Op, e.Target, e.Detail, errSuffix(e.Error))
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "cluster %s, timer scale %g\n\n", st.Cluster, st.Scale)
	fmt.Fprintln(tw, "NAME\tROLE\tADDRESS\tPORTS\tSTATE\tSINCE")
	for _, n := range st.Nodes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", n.Name, n.Role, n.Address, n.Ports, n.State, n.Since.Format(time.TimeOnly))
	}
	if len(st.Sessions) > 0 {
		fmt.Fprintln(tw, "\nSESSION\tSTATE")
		for _, s := range st.Sessions {
			fmt.Fprintf(tw, "%s/%s\t%s\n", s.A, s.B, s.State)
		}
	}
	fmt.Fprintln(tw, "\nTIME\tOP\tTARGET\tDETAIL")
	for _, e := range st.Events {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", e.Time.Format("15:04:05.000"), e.Op, e.Target, e.Detail, errSuffix(e.Error))
	}
	return tw.Flush()
}

func errSuffix(e string) string {
	if e == "" {
		return ""
	}
	return " error: " + e
}
