// Command ist reads the Sandesh introspect pages of Tungsten Fabric daemons.
package main

import (
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	_ "github.com/tfkit/tfkit/internal/clikit/guard" // crashes exit 70: runs the program as a child of itself
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/client/cliflags"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// commands holds ist's top-level commands: one per role, built from the
// catalogue (roles.go), and the commands that are not roles, each in its
// own file that adds itself in init() (follow.go; doctor, trace, bundle).
var commands []*cli.Command

// version is printed by --version.
var version = "0.1"

// options are how ist reads its command line: -c takes every word up to
// the next flag, like ist.py's argparse (nargs='*').
var options = clikit.Options{ListFlags: []string{"columns"}}

// hostsHelp is the rule for several --hosts (introspect/query).
const hostsHelp = `SEVERAL HOSTS (--host a,b,c):
   Hosts are asked in parallel. A host's part of the output is printed whole or not at all;
   a host that fails prints one error line on stderr and the hosts that answered are printed;
   the exit code is the worst of the failed hosts'. A table (host column) or JSON array waits
   for every host; per-host sections ("== host ==", -f text, route show, vr route, status …)
   print as soon as they and the sections before them are complete. --timeout bounds each request.`

func newApp() *cli.App {
	return &cli.App{
		Name:    "ist",
		Usage:   "read Tungsten Fabric / OpenSDN introspect pages",
		Version: version,
		UsageText: "ist [global options] <role> <command> [options] [args]\n\n" +
			"   Options may be given anywhere on the line, like ist.py.",
		Description: "Examples:\n" +
			"   ist ctr nei                                  BGP/XMPP neighbors of the local control node\n" +
			"   ist --host 10.0.0.11,10.0.0.12 ctr nei -t BGP   two control nodes in parallel, with a host column\n" +
			"   ist ctr route show -t default-domain:admin:vn1:vn1.inet.0\n" +
			"   ist vr status -f json\n" +
			"   ist --file saved.xml ctr route summary       read a saved answer\n" +
			"   ist --bundle b.tar.gz --host 10.0.0.21 vr route -v 2   what that node answered when ist bundle wrote b.tar.gz\n" +
			"   ist --timeout 2 ctr nei                      2 seconds per request (or 2s, 500ms)\n\n" +
			hostsHelp + "\n\n" + client.ExitCodesHelp,
		Flags:                  globalFlags(),
		Commands:               ordered(commands),
		HideHelpCommand:        true,
		UseShortOptionHandling: false,
	}
}

func main() { clikit.Main(newApp(), options) }

// globalFlags are the options of every command (ist.py's global options,
// plus timeouts and TLS).
func globalFlags() []cli.Flag {
	return slices.Concat([]cli.Flag{
		&cli.StringFlag{Name: "host", EnvVars: []string{"INTROSPECT_HOST"}, Value: "localhost", Usage: "introspect host; a comma list queries several hosts in parallel (host column added); host:port and https://host:port accepted"},
		&cli.IntFlag{Name: "port", EnvVars: []string{"INTROSPECT_PORT"}, DefaultText: "the role's port: ctr 8083, vr 8085, …", Usage: "introspect port"},
		clikit.DurationFlag("timeout", nil, 30*time.Second, "time limit of each HTTP request", "INTROSPECT_TIMEOUT"),
	}, cliflags.Connection(), []cli.Flag{
		&cli.StringFlag{Name: "file", Usage: "read this saved XML answer instead of fetching (no continuation)"},
		bundleFlag(),
		&cli.BoolFlag{Name: "debug", Usage: "print every URL fetched on stderr"},
		&cli.IntFlag{Name: "max-pages", Value: client.DefaultMaxPages, Usage: "most continuation pages (next_batch) followed per host; more ends with exit 5"},
		&cli.GenericFlag{Name: "max-cell-bytes", Value: client.NewSize(sandesh.DefaultMaxText), Usage: "longest text of one field (a table cell), e.g. 50M; longer ends with exit 5"},
		&cli.GenericFlag{Name: "max-bytes", Value: client.NewSize(client.DefaultMaxBytes), Usage: "most answer bytes held before printing (records kept; route show's output), e.g. 4G; more ends with exit 5"},
		noBannerFlag(),
	})
}

// ordered lists the commands that are not roles (doctor, follow, trace, …)
// first, by name, then the roles by name, whatever order the files'
// init functions added them in.
func ordered(cs []*cli.Command) []*cli.Command {
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b *cli.Command) int {
		_, ra := catalog.RoleByName(a.Name)
		_, rb := catalog.RoleByName(b.Name)
		if ra != rb {
			if ra {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}
