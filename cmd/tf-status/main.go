// Command tf-status is contrail-status for Docker and containerd nodes:
// the Contrail containers of this node and the state of each service, in
// at most one --timeout.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/status"
)

const help = `Lists the Contrail containers of this node (from Docker or containerd) and
asks every running service for its NodeStatus, all at once: the run takes at
most one --timeout plus the container listing, however many daemons hang.

States: active, backup (an active/backup service that is standing by),
initializing (Non-Functional, with the reason in parentheses), timeout (no
answer in time), inactive (container not running or missing).

EXAMPLES:
   tf-status                          # contrail-status layout
   tf-status -d                       # plus each service's connections and processes
   tf-status -f json | jq .pods       # contrail-status's JSON
   tf-status -f table --timeout 2s    # one row per service
   tf-status --engine containerd --namespace k8s.io
   tf-status -l refnode.tfkit/node=control-1   # one node of a refnode deploy lab
   tf-status -a /etc/contrail/ssl/certs/ca-cert.pem -c client.pem -k client-key.pem

EXIT CODES:
   0  every service is active or backup
   1  some service is inactive, initializing or timed out
   2  usage error, or no container engine answers`

func main() {
	app := &cli.App{
		Name:            "tf-status",
		Usage:           "status of the Contrail services of this node (contrail-status replacement)",
		Description:     help,
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "engine", Value: engine.KindAuto, Usage: "auto, docker or containerd"},
			&cli.StringFlag{Name: "containerd-address", Value: engine.DefaultContainerdAddress, Usage: "containerd socket"},
			&cli.StringSliceFlag{Name: "namespace", Usage: "containerd namespace(s) to search (default k8s.io, moby, default)"},
			&cli.StringFlag{Name: "timeout", Aliases: []string{"t"}, Value: "5", Usage: "per-query timeout: seconds or a duration (2s, 500ms); the whole run is bounded by it"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: status.FormatText, Usage: "text, json or table"},
			&cli.BoolFlag{Name: "detail", Aliases: []string{"d"}, Usage: "add introspect URL, connections and processes"},
			&cli.BoolFlag{Name: "debug", Aliases: []string{"x"}, Usage: "log every URL asked on stderr"},
			&cli.StringFlag{Name: "keyfile", Aliases: []string{"k"}, Usage: "TLS client key (default " + client.DefaultKeyFile + " when present)"},
			&cli.StringFlag{Name: "certfile", Aliases: []string{"c"}, Usage: "TLS client certificate (default " + client.DefaultCertFile + " when present)"},
			&cli.StringFlag{Name: "cacert", Aliases: []string{"a"}, Usage: "CA certificate (default " + client.DefaultCAFile + " when present)"},
			&cli.StringSliceFlag{Name: "label", Aliases: []string{"l"}, Usage: "only containers with this label (key=value); repeatable"},
			&cli.StringFlag{Name: "vendor-domain", EnvVars: []string{"VENDOR_DOMAIN"}, Value: status.DefaultVendorDomain, Usage: "label prefix of the Contrail containers"},
		},
		Action: run,
	}
	app.OnUsageError = func(c *cli.Context, err error, _ bool) error {
		return cli.Exit("tf-status: "+err.Error()+" (see tf-status --help)", 2)
	}
	if err := app.Run(os.Args); err != nil {
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			if ec.Error() != "" {
				fmt.Fprintln(os.Stderr, ec.Error())
			}
			os.Exit(ec.ExitCode())
		}
		fmt.Fprintln(os.Stderr, "tf-status:", err)
		os.Exit(2)
	}
}

func run(c *cli.Context) error {
	if c.NArg() > 0 {
		return cli.Exit(fmt.Sprintf("tf-status: unexpected argument %q (see tf-status --help)", c.Args().First()), 2)
	}
	timeout, err := parseTimeout(c.String("timeout"))
	if err != nil {
		return cli.Exit("tf-status: "+err.Error(), 2)
	}
	format := c.String("format")
	if format != status.FormatText && format != status.FormatJSON && format != status.FormatTable {
		return cli.Exit(fmt.Sprintf("tf-status: format %q: use text, json or table", format), 2)
	}
	labels := map[string]string{}
	for _, kv := range c.StringSlice("label") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return cli.Exit(fmt.Sprintf("tf-status: --label %q: give key=value, e.g. refnode.tfkit/node=control-1", kv), 2)
		}
		labels[k] = v
	}
	switch c.String("engine") {
	case engine.KindAuto, engine.KindDocker, engine.KindContainerd:
	default:
		return cli.Exit(fmt.Sprintf("tf-status: engine %q: use auto, docker or containerd", c.String("engine")), 2)
	}
	ctx := context.Background()
	eng, err := engine.Open(ctx, engine.Options{Kind: c.String("engine"), ContainerdAddress: c.String("containerd-address"), Namespaces: c.StringSlice("namespace")})
	if err != nil {
		return cli.Exit("tf-status: "+err.Error()+": start dockerd/containerd or pick one with --engine/--containerd-address", 2)
	}
	defer eng.Close()
	var debug io.Writer
	if c.Bool("debug") {
		debug = os.Stderr
	}
	rep, err := status.Run(ctx, eng, c.String("vendor-domain"), status.Options{
		Timeout: timeout, CAFile: c.String("cacert"), CertFile: c.String("certfile"), KeyFile: c.String("keyfile"), Debug: debug, Labels: labels,
	})
	if err != nil {
		// The engine failed to list, or the TLS files do not load: both
		// are environment errors.
		return cli.Exit("tf-status: "+err.Error(), 2)
	}
	if format != status.FormatText {
		for _, w := range rep.Warnings {
			fmt.Fprintln(os.Stderr, w)
		}
	}
	if err := status.Render(os.Stdout, rep, format, c.Bool("detail")); err != nil {
		return cli.Exit("tf-status: "+err.Error(), 1)
	}
	return cli.Exit("", rep.ExitCode())
}

// parseTimeout accepts contrail-status's seconds ("5", "0.5") or a Go duration.
func parseTimeout(s string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f <= 0 {
			return 0, fmt.Errorf("timeout %q: give a positive number of seconds or a duration such as 2s", s)
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("timeout %q: give a positive number of seconds or a duration such as 2s", s)
	}
	return d, nil
}
