package capturecli

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/profile"
	"github.com/tfkit/tfkit/netdebug"
	"github.com/tfkit/tfkit/netdebug/decode"
	"github.com/urfave/cli/v2"
)

// captureFlags are the flags of the capture itself (the root command).
func captureFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.IntFlag{Name: "pid", Usage: "capture in the network namespace of this process (no engine lookup)"},
		&cli.StringFlag{Name: "netns", Usage: "capture in this network namespace file, e.g. /var/run/netns/cni-1234 (no engine lookup)"},
		&cli.StringFlag{Name: "interface", Aliases: []string{"i"}, Value: "eth0", Usage: "interface inside the namespace, or any"},
		&cli.StringFlag{Name: "filter", Usage: "BPF filter in tcpdump syntax; usually given as trailing words, like tcpdump"},
		&cli.IntFlag{Name: "count", Aliases: []string{"c"}, Usage: "stop after this many packets"},
		clikit.DurationFlag("duration", nil, 0, "stop after this long"),
		&cli.IntFlag{Name: "snaplen", Aliases: []string{"s"}, Value: netdebug.DefaultSnaplen, Usage: "bytes kept per packet"},
		&cli.StringFlag{Name: "read", Aliases: []string{"r"}, Usage: "decode a pcap file (e.g. tcpdump -w on a fabric interface) instead of capturing"},
		&cli.StringFlag{Name: "write", Aliases: []string{"w"}, Usage: "write a pcap file (- = stdout, for wireshark -k -i -)"},
		&cli.BoolFlag{Name: "no-promisc", Aliases: []string{"p"}, Usage: "do not put the interface in promiscuous mode"},
		&cli.IntFlag{Name: "buffer-size", Aliases: []string{"B"}, Usage: "kernel capture buffer in MiB (default 4 on Ethernet interfaces, libpcap's 2 on any)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress or summary on stderr"},
		&cli.BoolFlag{Name: "exec", Usage: "run the command after -- inside the namespace (like nsenter -n) instead of capturing"},
		&cli.StringSliceFlag{Name: "decode-as", Usage: "decode a UDP port as an overlay, e.g. udp.port=51234,mpls (mpls, vxlan or none; repeatable)"},
		&cli.BoolFlag{Name: "host-side", Usage: "capture on the host end of the pod's veth (the vRouter tap interface) instead of entering the namespace"},
	}, EngineFlags()...)
}

const captureHelp = `Finds the network namespace of a Kubernetes pod (kubelet labels; the sandbox holds
the netns) or of a Docker/containerd container (name or id prefix), enters it and
captures there (Ethernet interfaces through a memory-mapped ring, filters compiled
by libpcap). One line per packet like tcpdump -n, with the overlays opened: MPLS
over UDP (6635 and the legacy 51234, more with --decode-as), MPLS over GRE and
VXLAN (4789) show the label or VNI, then the inner packet (its MACs when bridged;
", cw" when a control word was there). ICMP errors show the packet they quote.
-w FILE writes the final file from the start (pcap header first, synced every
5 s), so a killed capture keeps what it got; Ctrl-C, SIGTERM and SIGHUP finish it.

Examples:
   tf-capture web-0 -n prod                    # eth0 of pod prod/web-0, decoded lines
   tf-capture web-0 -c 20 tcp port 443         # 20 packets, trailing BPF filter
   tf-capture vrouter_agent -i any 'udp port 6635 or udp port 4789 or proto gre'
   tf-capture web-0 -w web.pcap --duration 30s # pcap file, kept whole on Ctrl-C or ssh drop
   tf-capture --pid 1 -i eth1 --decode-as udp.port=51234,mpls   # a custom MPLSoUDP port
   tf-capture web-0 -w - | wireshark -k -i -   # stream to Wireshark
   tf-capture --pid 4242 -i lo                 # no engine lookup
   tf-capture web-0 --host-side                # on the host end of its eth0 (tap interface)
   tf-capture -r fabric.pcap udp port 6635     # decode overlays in a tcpdump file
   tf-capture web-0 --exec -- ss -tnp          # host command in the pod's netns
   tf-capture why web-0                        # why did its containers exit
   tf-capture links web-0                      # its interfaces and host-side veth/tap peers

Pod and container names (and why) are looked up by tf-capture-engines, installed
beside tf-capture or on PATH; --pid, --netns and -r need no engine and no helper.

Flags may follow the pod name and the filter words. -f is --format in
every subcommand that prints records (why, links); the capture prints
packets, so its BPF filter is given as trailing words (or --filter).

Exit status: 0 done, 1 capture failed, 2 usage or environment error (unknown
pod, bad filter, no interface, no permission, no engine, no tf-capture-engines); with --exec the
command's own status (128+N when killed by signal N).`

func (t *tool) captureAction(c *cli.Context) error {
	defer profile.StartFromEnv()()
	name, words := "", c.Args().Slice()
	if !c.IsSet("pid") && !c.IsSet("netns") && !c.IsSet("read") && len(words) > 0 {
		name, words = words[0], words[1:]
	}
	if c.Bool("exec") {
		return t.execAction(c, name, words)
	}
	words = append(words, t.execArgv...)
	filter := c.String("filter")
	if len(words) > 0 {
		if filter != "" {
			return Usage("filter given twice (--filter %q and %q): use one", filter, strings.Join(words, " "))
		}
		filter = strings.Join(words, " ")
	}
	if c.Int("count") < 0 || c.Int("snaplen") < 0 {
		return Usage("--count and --snaplen must not be negative")
	}
	decodeOpts, err := decode.OptionsFromRules(c.StringSlice("decode-as"))
	if err != nil {
		return Usage("%v", err)
	}
	write := c.String("write")
	if err := netdebug.CheckWritePath(write); err != nil {
		return Usage("%v", err)
	}
	capt, where, err := t.openSource(c, name, filter)
	if err != nil {
		return err
	}
	defer capt.Close()
	quiet := c.Bool("quiet")
	if !quiet {
		fmt.Fprintf(os.Stderr, "tf-capture: %s, link-type %s, snapshot length %d bytes\n", where, capt.LinkType(), capt.Snaplen())
	}
	sink, finish, err := netdebug.OpenSink(write, os.Stdout, capt, decodeOpts)
	if err != nil {
		return Failure(err)
	}
	// SIGHUP (the ssh session dropped) ends the capture as cleanly as
	// Ctrl-C: the file is flushed, synced and closed.
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	stopProgress := func() {}
	if !quiet && write != "" && netdebug.IsTerminal(os.Stderr) {
		p := &netdebug.Progress{PacketSink: sink}
		sink, stopProgress = p, p.Show(os.Stderr)
	}
	sum, runErr := capt.Run(ctx, sink)
	stopProgress()
	finishErr := finish()
	if !quiet {
		fmt.Fprint(os.Stderr, sum.String())
	}
	if runErr != nil {
		return Failure(runErr)
	}
	if finishErr != nil {
		return Failure(finishErr)
	}
	return nil
}

// openSource opens the pcap file of --read, or the live interface in the
// namespace of the target; where says which, for the first stderr line.
func (t *tool) openSource(c *cli.Context, name, filter string) (*netdebug.Capture, string, error) {
	if path := c.String("read"); path != "" {
		capt, err := netdebug.OpenFile(path, filter, c.Int("count"))
		if err != nil {
			return nil, "", Usage("%v", err)
		}
		return capt, "reading " + path, nil
	}
	tg, err := t.resolveTarget(c, name)
	if err != nil {
		return nil, "", err
	}
	iface := c.String("interface")
	if c.Bool("host-side") {
		if tg, iface, err = netdebug.HostSideOf(tg, iface); err != nil {
			return nil, "", Classify(err)
		}
	}
	handOver := netdebug.DefaultHandOver // lines or a stream someone watches
	if w := c.String("write"); w != "" && w != "-" {
		handOver = netdebug.FileHandOver
	}
	capt, err := netdebug.OpenCapture(netdebug.CaptureOptions{
		Netns: tg.Netns, Interface: iface, Filter: filter, Snaplen: c.Int("snaplen"),
		Promisc: !c.Bool("no-promisc"), Count: c.Int("count"), Duration: clikit.Duration(c, "duration"), BufferMiB: c.Int("buffer-size"),
		HandOver: handOver,
	})
	if err != nil {
		return nil, "", Environment(fmt.Errorf("%v (%s)", err, tg.Description))
	}
	return capt, fmt.Sprintf("listening on %s in %s", iface, tg.Description), nil
}

func (t *tool) execAction(c *cli.Context, name string, words []string) error {
	if len(t.execArgv) == 0 {
		return Usage("--exec needs the command after --, e.g. tf-capture web --exec -- ip addr")
	}
	if len(words) > 0 {
		return Usage("unexpected arguments before --: %s", strings.Join(words, " "))
	}
	tg, err := t.resolveTarget(c, name)
	if err != nil {
		return err
	}
	return status(netdebug.ExecInNetns(tg.Netns, t.execArgv, os.Stdin, os.Stdout, os.Stderr))
}
