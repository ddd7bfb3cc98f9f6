package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/exitinfo"
	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/netdebug"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:      "why",
		Usage:     "explain why the containers of a pod (or one container) exited",
		ArgsUsage: "[POD-OR-CONTAINER] [-]",
		Description: `For each container: state, exit code, signal, OOM kill, start error, finish time and
restart count, and where that record comes from: Docker's inspect, the containerd task,
the status the containerd CRI plugin keeps for Kubernetes containers after their task is
gone (--cri-root), the kernel's OOM-kill log, or kubectl pod JSON (- reads it from
stdin, --from-json FILE from a file; stdin is never read otherwise). Each exit is
explained (start errors 126/127/128, 1, 2, 128+N, 137 OOM / probably OOM / killed,
143, 255 runtime lost it, CrashLoopBackOff, ImagePullBackOff,
CreateContainerConfigError...) with the next step to take.

Examples:
   tf-capture why web-0 -n prod
   kubectl get pod web-0 -n prod -o json | tf-capture why web-0 -
   tf-capture why --from-json pods.json -f json   # every pod in the file, no engine needed
   tf-capture why contrail_control -f text
   while read c; do tf-capture why "$c"; done < names.txt

Exit status: 0 nothing abnormal: every container runs, completed (exit 0), was never
started, or stopped on request (143 SIGTERM, 130 SIGINT, honoured); 1 some container
failed (any other exit, an OOM kill known or probable, a start error, a restart after
SIGTERM, waiting in CrashLoopBackOff and the like, lost by the runtime, or not running
with no exit record anywhere); 2 usage or environment error.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "from-json", Aliases: []string{"from"}, Usage: "kubectl get pod -o json output (- = stdin)"},
			&cli.StringFlag{Name: "cri-root", Usage: "containerd CRI plugin directory (default: from --containerd-address, e.g. " + exitinfo.DefaultCRIRoot + ")"},
			clikit.FormatFlag(records.Table),
		}, engineFlags...),
		Action: whyAction,
	})
}

func whyAction(c *cli.Context) error {
	format := c.String("format") // checked by clikit.FormatFlag
	args, err := exitinfo.ParseArgs(c.Args().Slice(), c.String("from-json"))
	if err != nil {
		return usage("%v", err)
	}
	kube, err := args.ReadJSON(os.Stdin)
	if err != nil {
		return usage("%v", err)
	}
	ns := c.String("namespace")
	req := exitinfo.Request{Name: args.Name, Namespace: ns, KubeJSON: kube, Evidence: &exitinfo.Evidence{CRIRoot: criRoot(c), KernelLog: true}}
	if kube != nil && !c.IsSet("namespace") {
		req.Namespace = "" // the JSON says where the pod lives; the engines use the default
	}
	req.Select = func(name, _ string) ([]engine.Container, error) {
		return netdebug.FindForWhy(c.Context, engineOptions(c), name, ns)
	}
	reports, warning, err := exitinfo.Gather(req)
	if err != nil {
		return lookupError(err)
	}
	if warning != nil && !errors.Is(warning, netdebug.ErrNotFound) { // not found: the JSON has the pod
		fmt.Fprintf(os.Stderr, "tf-capture: %v; showing the kubectl JSON only\n", warning)
	}
	var out bytes.Buffer
	if err := exitinfo.Render(&out, format, reports); err != nil {
		return failure(err)
	}
	if _, err := os.Stdout.Write(out.Bytes()); err != nil {
		return failure(err)
	}
	if exitinfo.AnyAbnormal(reports) {
		return clikit.Exit(clikit.ExitFailure)
	}
	return nil
}

// criRoot is --cri-root, or the CRI directory that goes with the
// containerd socket.
func criRoot(c *cli.Context) string {
	if c.IsSet("cri-root") {
		return c.String("cri-root")
	}
	return exitinfo.CRIRootFor(c.String("containerd-address"))
}
