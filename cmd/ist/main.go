// Command ist reads the Sandesh introspect pages of Tungsten Fabric daemons.
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// commands is filled by the init functions of the other files of this package.
var commands []*cli.Command

// version is printed by --version.
var version = "0.1"

func newApp() *cli.App {
	return &cli.App{
		Name:    "ist",
		Usage:   "read Tungsten Fabric / OpenSDN introspect pages",
		Version: version,
		UsageText: "ist [global options] <role> <command> [options] [args]\n\n" +
			"   Global options may be given anywhere on the line, like ist.py.",
		Description: "Examples:\n" +
			"   ist ctr nei                                  BGP/XMPP neighbors of the local control node\n" +
			"   ist --host 10.0.0.11,10.0.0.12 ctr nei -t BGP   two control nodes in parallel, with a host column\n" +
			"   ist ctr route show -t default-domain:admin:vn1:vn1.inet.0\n" +
			"   ist vr status -f json\n" +
			"   ist --file saved.xml ctr route summary       read a saved answer\n\n" +
			client.ExitCodesHelp,
		Flags:                  globalFlags(),
		Commands:               commands,
		HideHelpCommand:        true,
		UseShortOptionHandling: false,
		OnUsageError:           usageError,
		ExitErrHandler:         func(*cli.Context, error) {},
	}
}

func main() {
	args := normalizeArgs(os.Args[1:])
	args, err := topLevel(args) // checkCommand, letting non-role commands (follow) through
	if err == nil {
		err = newApp().Run(append([]string{"ist"}, args...))
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(os.Stderr, "ist: "+line)
		}
		os.Exit(exitCode(err))
	}
}

// globalFlags are the options of every command (ist.py's global options,
// plus timeouts and TLS).
func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "host", EnvVars: []string{"INTROSPECT_HOST"}, Value: "localhost", Usage: "introspect host; a comma list queries several hosts in parallel (host column added); host:port and https://host:port accepted"},
		&cli.IntFlag{Name: "port", EnvVars: []string{"INTROSPECT_PORT"}, DefaultText: "the role's port: ctr 8083, vr 8085, …", Usage: "introspect port"},
		&cli.DurationFlag{Name: "timeout", EnvVars: []string{"INTROSPECT_TIMEOUT"}, Value: 30 * time.Second, Usage: "time limit of each HTTP request"},
		&cli.BoolFlag{Name: "ssl", EnvVars: []string{"INTROSPECT_SSL_ENABLE"}, Usage: "use HTTPS (daemons with introspect_ssl_enable)"},
		&cli.StringFlag{Name: "ca-file", EnvVars: []string{"INTROSPECT_CA_FILE"}, Usage: "CA certificate (default " + client.DefaultCAFile + " when present)"},
		&cli.StringFlag{Name: "cert-file", EnvVars: []string{"INTROSPECT_CERT_FILE"}, Usage: "client certificate (default " + client.DefaultCertFile + " when present)"},
		&cli.StringFlag{Name: "key-file", EnvVars: []string{"INTROSPECT_KEY_FILE"}, Usage: "client key (default " + client.DefaultKeyFile + " when present)"},
		&cli.BoolFlag{Name: "insecure", Usage: "do not verify the server certificate"},
		&cli.StringFlag{Name: "proxy", EnvVars: []string{"INTROSPECT_PROXY"}, Usage: "web UI forward proxy, e.g. https://webui:8143"},
		&cli.StringFlag{Name: "token", EnvVars: []string{"INTROSPECT_TOKEN"}, Usage: "X-Auth-Token for --proxy"},
		&cli.StringFlag{Name: "file", Usage: "read this saved XML answer instead of fetching (no continuation)"},
		&cli.BoolFlag{Name: "debug", Usage: "print every URL fetched on stderr"},
		&cli.IntFlag{Name: "max-pages", Value: client.DefaultMaxPages, Usage: "most continuation pages (next_batch) followed per host; more ends with exit 5"},
		&cli.GenericFlag{Name: "max-cell-bytes", Value: client.NewSize(sandesh.DefaultMaxText), Usage: "longest text of one field (a table cell), e.g. 50M; longer ends with exit 5"},
		&cli.GenericFlag{Name: "max-bytes", Value: client.NewSize(client.DefaultMaxBytes), Usage: "most answer bytes held before printing (records kept; route show's output), e.g. 4G; more ends with exit 5"},
	}
}

// globalValueFlags and globalBoolFlags let normalizeArgs lift global
// options from anywhere on the line.
var (
	globalValueFlags = map[string]bool{"host": true, "port": true, "timeout": true, "ca-file": true, "cert-file": true, "key-file": true, "proxy": true, "token": true, "file": true, "max-pages": true, "max-cell-bytes": true, "max-bytes": true}
	globalBoolFlags  = map[string]bool{"ssl": true, "insecure": true, "debug": true, "version": true}
)

// usageError turns a flag parsing error into an exit-2 error.
func usageError(c *cli.Context, err error, _ bool) error {
	name := "ist"
	if c.Command != nil && c.Command.HelpName != "" {
		name = c.Command.HelpName
	}
	return client.Usagef("see "+name+" --help", "%v", err)
}
