package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/netdebug"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:      "why",
		Usage:     "explain why the containers of a pod (or one container) exited",
		ArgsUsage: "POD-OR-CONTAINER",
		Description: `For each container: state, exit code, signal, OOMKilled, error text, finish time and
restart count from Docker or containerd; with kubectl pod JSON (--from FILE, or piped on
stdin) also the pod status (lastState.terminated reason/exitCode/signal/message,
restartCount). Each exit is explained (0, 1, 2, 126, 127, 128+N, 137 OOM vs other
SIGKILL, 139, 143, 255, ContainerCannotRun, ...) with the next step to take.

Examples:
   tf-capture why web-0 -n prod
   kubectl get pod web-0 -n prod -o json | tf-capture why web-0
   tf-capture why --from pod.json -f json      # every pod in the file, no engine needed
   tf-capture why contrail_control -f text

Exit status: 0 nothing abnormal, 1 some container failed (non-zero exit, OOM, waiting
in CrashLoopBackOff...), 2 usage or environment error.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "kubectl get pod -o json output (- = stdin)"},
			clikit.FormatFlag(records.Table),
		}, engineFlags...),
		Action: whyAction,
	})
}

func whyAction(c *cli.Context) error {
	format := c.String("format")
	if c.NArg() > 1 {
		return usage("give one pod or container name, got %d", c.NArg())
	}
	name, ns := c.Args().First(), c.String("namespace")
	kube, err := kubeInput(c)
	if err != nil {
		return err
	}
	if name == "" && kube == nil {
		return usage("give a pod or container name, or kubectl pod JSON with --from")
	}
	var reports []netdebug.ExitReport
	if name != "" {
		rs, err := engineReports(c, name, ns)
		if err != nil && kube == nil {
			return err
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "tf-capture: %v; showing the kubectl JSON only\n", err)
		}
		reports = append(reports, rs...)
	}
	if kube != nil {
		kns := ns
		if !c.IsSet("namespace") {
			kns = "" // the JSON says where the pod lives
		}
		rs, err := netdebug.KubeReports(bytes.NewReader(kube), name, kns)
		if err != nil {
			return usage("%v", err)
		}
		reports = append(reports, rs...)
	}
	var out bytes.Buffer
	if err := netdebug.RenderReports(&out, format, reports); err != nil {
		return failure(err)
	}
	if _, err := os.Stdout.Write(out.Bytes()); err != nil {
		return failure(err)
	}
	for _, r := range reports {
		if r.Abnormal() {
			return clikit.Exit(clikit.ExitFailure)
		}
	}
	return nil
}

// engineReports reports the containers of the pod or the one container.
func engineReports(c *cli.Context, name, ns string) ([]netdebug.ExitReport, error) {
	l, err := listContainers(c)
	if err != nil {
		return nil, err
	}
	cs, err := netdebug.SelectForWhy(l.Containers, name, ns)
	if err != nil {
		return nil, lookupError(netdebug.Searched(err, l))
	}
	out := make([]netdebug.ExitReport, 0, len(cs))
	for _, ct := range cs {
		out = append(out, netdebug.ReportFromContainer(ct))
	}
	return out, nil
}

// kubeInput reads --from, or stdin when it is a pipe or file; nil when
// there is none.
func kubeInput(c *cli.Context) ([]byte, error) {
	from := c.String("from")
	var r io.Reader
	switch {
	case from == "-":
		r = os.Stdin
	case from != "":
		f, err := os.Open(from)
		if err != nil {
			return nil, usage("read kubectl JSON: %v: give the file written by kubectl get pod NAME -o json", err)
		}
		defer f.Close()
		r = f
	default:
		st, err := os.Stdin.Stat()
		if err != nil || st.Mode()&(os.ModeNamedPipe) == 0 && !st.Mode().IsRegular() {
			return nil, nil
		}
		r = os.Stdin
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, usage("read kubectl JSON: %v", err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		if from == "" {
			return nil, nil // an empty pipe (CI, cron) is no input
		}
		return nil, usage("kubectl JSON %s is empty", from)
	}
	return b, nil
}
