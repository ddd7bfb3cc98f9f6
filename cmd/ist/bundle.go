package main

import (
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/introspect/bundle"
	"github.com/tfkit/tfkit/introspect/client"
)

const bundleHelp = "see ist bundle --help"

func init() {
	commands = append(commands, &cli.Command{
		Name:  "bundle",
		Usage: "save what every node of a cluster answers to ist's requests in one file, replayable offline with ist --bundle",
		Description: "Finds the cluster like ist doctor (control nodes from --host, the other control nodes, every\n" +
			"vRouter, and at each node's address contrail-dns and the nodemgrs), then asks each node every\n" +
			"read-only request its ist commands send with no value typed (each choice of each option), the\n" +
			"pages they list (each trace buffer, UVE type, IFMap table and client, multicast tree) and the\n" +
			"routes of every VRF and next hops of the vRouters (--vr-tables), every page followed. It writes\n" +
			"them, the doctor's findings and a manifest (tfkit version, time, nodes, each request's URL, status and\n" +
			"timing, what failed and why) to one .tar.gz. Tokens, passwords and keys in URLs, errors and\n" +
			"pages are masked. A node that does not answer is recorded in the manifest, not fatal.\n\n" +
			"Replay: ist --bundle FILE --host NODE <role> <command> prints what the command printed live when\n" +
			"the bundle was written; ist --bundle FILE --host CONTROL doctor runs the checks again. A request\n" +
			"the bundle did not collect (a value typed, e.g. a search string) is an error naming it (exit 2).\n\n" +
			"Examples:\n" +
			"   ist --host 10.0.0.11 bundle                          tfkit-bundle-<time>.tar.gz in this directory\n" +
			"   ist --host 10.0.0.11,10.0.0.12 bundle -o before.tar.gz --hosts hosts.txt\n" +
			"   ist --host 10.0.0.11 bundle --vr-tables compute-7,compute-9   the routes and next hops of two vRouters only\n" +
			"   ist --bundle before.tar.gz --host 10.0.0.21 vr route -v 2\n" +
			"   tar xzOf before.tar.gz tfkit-bundle/findings.txt\n\n" +
			"--vr-tables: auto (every vRouter's routes and next hops up to " + fmt.Sprint(bundle.AutoTablesLimit) + " vRouters, none above: every agent\n" +
			"holds a route per pod and a next hop per vRouter, so all agents' tables grow with the square of the\n" +
			"cluster), all, none, or names. Filtered subsets of tables asked whole (ctr route show -f/-p, vr nh\n" +
			"-t, vr mpls -t) are not asked.\n\n" +
			"Time: each request has --timeout (default " + clusterTimeout.String() + "); after discovery the whole collection has\n" +
			"--deadline, however many nodes hang. Progress (nodes, bytes) on stderr when it is a terminal.\n" +
			"The file is written under a temporary name and renamed when complete (mode 0600: it describes\n" +
			"the whole cluster).\n\n" +
			"EXIT CODES:\n" +
			"   0  bundle written (nodes that did not answer are in it as such)\n" +
			"   2  usage error, or the file cannot be written\n" +
			"   3-6  no starting control node could be read (3 connection, 4 HTTP, 5 malformed XML, 6 TLS)",
		Flags: append(clusterFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "file to write (default tfkit-bundle-<time>.tar.gz)"},
			&cli.StringFlag{Name: "vr-tables", Value: "auto", Usage: "whose vRouter forwarding tables (vr route and vr kroute of every VRF, vr nh, vr knh): auto, all, none, or vRouter names/addresses"},
			clikit.DurationFlag("deadline", nil, 2*time.Minute, "time limit of the whole collection after discovery"),
			clikit.FormatFlag(records.Table),
		),
		HideHelpCommand: true,
		Action:          runBundle,
	})
}

// runBundle wires the flags to bundle.Write and prints its summary.
func runBundle(c *cli.Context) error {
	if c.NArg() > 0 {
		return clikit.Usagef(bundleHelp, "bundle takes no arguments, got %q", c.Args().First())
	}
	if c.String("file") != "" || c.String("bundle") != "" {
		return clikit.Usagef(bundleHelp, "bundle reads a live cluster: --file and --bundle are not supported")
	}
	tables, err := bundle.ParseTableSelection(c.String("vr-tables"))
	if err != nil {
		return err
	}
	opts, hosts, err := collectOptions(c)
	if err != nil {
		return err
	}
	opts.Deadline = clikit.Duration(c, "deadline")
	out := c.String("output")
	if out == "" {
		out = "tfkit-bundle-" + time.Now().Format("20060102-150405") + ".tar.gz"
	}
	cfg := bundle.Config{Collect: opts, Hosts: hosts, HostsFile: c.String("hosts"), Output: out, Tables: tables,
		Tool: "tfkit ist " + version, Command: strings.Join(os.Args, " ")}
	if stderrTerminal() {
		cfg.Progress = func(phase string, done, total int, bytes int64) {
			fmt.Fprintf(os.Stderr, "\rist bundle: %s %d/%d nodes, %s written \033[K", phase, done, total, bundle.Size(bytes))
		}
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	m, rep, err := bundle.Write(ctx, cfg)
	if cfg.Progress != nil {
		fmt.Fprint(os.Stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	var size int64
	if st, err := os.Stat(out); err == nil {
		size = st.Size()
	}
	s := bundle.Summarize(out, size, m, rep)
	return records.Write(c.App.Writer, c.String("format"), s, s.Sets()...)
}

// bundles caches the bundles opened for replay (a command builds its
// client once per role; the file stays open until ist exits).
var bundles struct {
	sync.Mutex
	open map[string]*bundle.Bundle
	errs map[string]error
}

// replayFrom makes cfg answer from the --bundle file, if given: the
// client's transport is the bundle's saved answers, and nothing is
// fetched. A bundle that cannot be read fails the first request with
// its one-line error.
func replayFrom(c *cli.Context, cfg *client.Config) {
	path := c.String("bundle")
	if path == "" {
		return
	}
	b, err := openBundle(path)
	if err == nil && cfg.File != "" {
		err = client.Usagef("give one of them", "--file and --bundle both given")
	}
	cfg.Proxy, cfg.Token, cfg.File = "", "", ""
	if err != nil {
		cfg.WrapTransport = func(http.RoundTripper) http.RoundTripper { return failing{err} }
		return
	}
	cfg.WrapTransport = b.Replay
}

// replayTime is when the --bundle was collected (zero without one):
// route ages are computed at that time, as they were printed then.
func replayTime(c *cli.Context) time.Time {
	if path := c.String("bundle"); path != "" {
		if b, err := openBundle(path); err == nil {
			return b.Manifest.Created
		}
	}
	return time.Time{}
}

func openBundle(path string) (*bundle.Bundle, error) {
	bundles.Lock()
	defer bundles.Unlock()
	if b := bundles.open[path]; b != nil {
		return b, nil
	}
	if err := bundles.errs[path]; err != nil {
		return nil, err
	}
	b, err := bundle.Open(path)
	if bundles.open == nil {
		bundles.open, bundles.errs = map[string]*bundle.Bundle{}, map[string]error{}
	}
	if err != nil {
		bundles.errs[path] = err
		return nil, err
	}
	bundles.open[path] = b
	return b, nil
}

// failing is a transport that fails every request with err.
type failing struct{ err error }

func (f failing) RoundTrip(*http.Request) (*http.Response, error) { return nil, f.err }
