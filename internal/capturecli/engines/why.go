package engines

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/exitinfo"
	"github.com/tfkit/tfkit/internal/capturecli"
	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/netdebug"
	"github.com/tfkit/tfkit/netdebug/lookup"
)

// Why is the action of tf-capture why (capturecli.WhyCommand).
func Why(c *cli.Context) error {
	format := c.String("format") // checked by clikit.FormatFlag
	args, err := exitinfo.ParseArgs(c.Args().Slice(), c.String("from-json"))
	if err != nil {
		return capturecli.Usage("%v", err)
	}
	kube, err := args.ReadJSON(os.Stdin)
	if err != nil {
		return capturecli.Usage("%v", err)
	}
	ns := c.String("namespace")
	req := exitinfo.Request{Name: args.Name, Namespace: ns, KubeJSON: kube, Evidence: &exitinfo.Evidence{CRIRoot: criRoot(c), KernelLog: true}}
	if kube != nil && !c.IsSet("namespace") {
		req.Namespace = "" // the JSON says where the pod lives; the engines use the default
	}
	req.Select = func(name, _ string) ([]engine.Container, error) {
		return lookup.FindForWhy(c.Context, capturecli.EngineOptions(c), name, ns)
	}
	reports, warning, err := exitinfo.Gather(req)
	if err != nil {
		return capturecli.Classify(err)
	}
	if warning != nil && !errors.Is(warning, netdebug.ErrNotFound) { // not found: the JSON has the pod
		fmt.Fprintf(os.Stderr, "tf-capture: %v; showing the kubectl JSON only\n", warning)
	}
	var out bytes.Buffer
	if err := exitinfo.Render(&out, format, reports); err != nil {
		return capturecli.Failure(err)
	}
	if _, err := os.Stdout.Write(out.Bytes()); err != nil {
		return capturecli.Failure(err)
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
