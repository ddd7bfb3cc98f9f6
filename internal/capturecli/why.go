package capturecli

import (
	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
)

// DefaultCRIRoot is exitinfo.DefaultCRIRoot, for the help (a test in
// internal/capturecli/engines keeps the two equal).
const DefaultCRIRoot = "/var/lib/containerd/io.containerd.grpc.v1.cri"

// WhyCommand is tf-capture why with its action: tf-capture hands it to
// tf-capture-engines, which runs it (package exitinfo reads the engines).
func WhyCommand(action cli.ActionFunc) *cli.Command {
	return &cli.Command{
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
			&cli.StringFlag{Name: "cri-root", Usage: "containerd CRI plugin directory (default: from --containerd-address, e.g. " + DefaultCRIRoot + ")"},
			clikit.FormatFlag(records.Table),
		}, EngineFlags()...),
		Action: action,
	}
}
