package capturecli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/netdebug"
)

func (t *tool) linksCommand() *cli.Command {
	return &cli.Command{
		Name:      "links",
		Usage:     "list the interfaces of a pod's network namespace and their host-side peers",
		ArgsUsage: "POD-OR-CONTAINER",
		Description: `Finds the pod's or container's network namespace like the capture does and lists its
interfaces through netlink: index, type, state, MTU, MAC, addresses, and for a veth the
host interface at the other end (on a vRouter compute node the tap interface the agent
knows the pod by: give it to ist vr intf, vif --get or tcpdump -i on the host).

Examples:
   tf-capture links web-0 -n prod
   tf-capture links vrouter_agent -f json
   tf-capture links --netns /var/run/netns/cni-1234 -f text

Exit status: 0 listed, 1 the namespace could not be read, 2 usage or environment
error (unknown pod, no engine, no permission).`,
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "pid", Usage: "the network namespace of this process (no engine lookup)"},
			&cli.StringFlag{Name: "netns", Usage: "this network namespace file (no engine lookup)"},
			clikit.FormatFlag(records.Table),
		}, EngineFlags()...),
		Action: t.linksAction,
	}
}

func (t *tool) linksAction(c *cli.Context) error {
	format := c.String("format")
	if c.NArg() > 1 {
		return Usage("give one pod or container name, got %d", c.NArg())
	}
	tg, err := t.resolveTarget(c, c.Args().First())
	if err != nil {
		return err
	}
	links, err := netdebug.Links(tg.Netns)
	if err != nil {
		return Failure(fmt.Errorf("%s: %w", tg.Description, err))
	}
	var out bytes.Buffer
	if err := netdebug.RenderLinks(&out, format, links); err != nil {
		return Failure(err)
	}
	if _, err := os.Stdout.Write(out.Bytes()); err != nil {
		return Failure(err)
	}
	return nil
}
