package main

import (
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
	"github.com/tfkit/tfkit/introspect/render"
)

// followHelp points to the command's help.
const followHelp = "see ist follow --help"

func init() {
	commands = append(commands, &cli.Command{
		Name:      "follow",
		Usage:     "follow an address hop by hop: route, tunnel, label on the remote vRouter, interface",
		ArgsUsage: "<vrf> <address>",
		Description: "Looks <address> up in <vrf> (full name, a unique part of it, or the VRF id) on a vRouter agent\n" +
			"(longest prefix match) and follows the active path: a local interface, or a tunnel to another\n" +
			"vRouter, whose agent is then asked for the MPLS label (or VXLAN id) and the interface it ends on.\n" +
			"Every member of an ECMP next hop is followed as its own branch (hop numbers like \"3 [2/2]\").\n" +
			"The other vRouter's introspect is reached at the tunnel's destination address, or where --hosts says.\n\n" +
			"Examples:\n" +
			"   ist follow --vrouter 10.0.0.21 k8s-default-pod-network 10.47.255.249\n" +
			"   ist follow --vrouter compute-1 --hosts hosts.txt default-domain:admin:vn1:vn1 10.1.1.3 -f json\n" +
			"   ist --ssl --ca-file ca.pem follow --vrouter compute-1 vn1 10.1.1.3\n\n" +
			"--hosts FILE: lines \"<tunnel address> <introspect host> [ignored…]\" like /etc/hosts, '#' comments;\n" +
			"the host may be a name, an address, host:port or https://host:port.\n\n" +
			"A hop that is missing (no route, label not installed, interface unknown or inactive, discard)\n" +
			"stops its branch with a \"stop\" hop giving the reason; the hops found are printed and the exit\n" +
			"code is 1, or the client's code when a vRouter could not be read (3 unreachable, 4 HTTP, …).\n\n" +
			client.ExitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "vrouter", Usage: "introspect of the vRouter agent to start on (default: --host)"},
			&cli.StringFlag{Name: "hosts", Usage: "file mapping tunnel addresses to introspect hosts (/etc/hosts style)"},
			clikit.FormatFlag(render.FormatTable),
		},
		HideHelpCommand: true,
		Action:          runFollow,
	})
}

// runFollow checks the input, walks, prints the hops found and returns
// the walk's failure, if any.
func runFollow(c *cli.Context) error {
	args := c.Args().Slice()
	if len(args) != 2 {
		return clikit.Usagef(followHelp, "need <vrf> and <address>, got %d argument(s)", len(args))
	}
	addr, err := netip.ParseAddr(args[1])
	if err != nil {
		return clikit.Usagef("give an IPv4 or IPv6 address", "bad address %q", args[1])
	}
	vrouter := c.String("vrouter")
	if vrouter == "" {
		vrouter = c.String("host")
	}
	if strings.Contains(vrouter, ",") {
		return clikit.Usagef("give one vRouter with --vrouter", "follow starts on one vRouter, got %q", vrouter)
	}
	role, _ := catalog.RoleByName("vr")
	cfg := follow.Config{Client: clientConfig(c, role)}
	if f := c.String("hosts"); f != "" {
		if cfg.Hosts, err = follow.ReadHosts(f); err != nil {
			return clikit.Usagef("check the file given to --hosts", "%v", err)
		}
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	hops, err := follow.Follow(ctx, cfg, vrouter, args[0], addr)
	if len(hops) == 0 {
		return err
	}
	out, ferr := follow.Append(nil, hops, c.String("format"))
	if ferr != nil {
		return ferr
	}
	if _, werr := c.App.Writer.Write(out); werr != nil {
		return werr
	}
	return err
}
