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
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/internal/clikit"
	_ "github.com/tfkit/tfkit/internal/clikit/guard" // crashes exit 70: runs the program as a child of itself
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
   tf-status -f table --timeout 2     # one row per service; 2 seconds per query
   tf-status --engine containerd --namespace k8s.io
   tf-status -l refnode.tfkit/node=control-1   # one node of a refnode deploy lab
   tf-status -a /etc/contrail/ssl/certs/ca-cert.pem -c client.pem -k client-key.pem

--engine auto (the default) asks Docker and containerd (namespaces k8s.io, moby
and default) at once and merges what they list; an engine that does not answer
is a warning on stderr, and the run goes on with the other.

-f json prints contrail-status's JSON schema; the values of secret variables
in each container's Env (names with PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL,
...) and passwords in URLs are replaced by ***.

ENVIRONMENT (as contrail-status reads them):
   INTROSPECT_SSL_ENABLE   true/yes/on: ask every service over HTTPS (as --ssl);
                           otherwise a service is asked over HTTPS when its own
                           container's env turns it on
   VENDOR_DOMAIN           label prefix of the Contrail containers (--vendor-domain)
   CONTAINERD_NAMESPACE    the containerd namespace(s) to search (--namespace)
   CONTAINERD_ADDRESS      the containerd socket (--containerd-address)
   SERVER_CA_CERTFILE      the CA certificate (--cacert)
   DOCKER_HOST             the Docker socket

EXIT CODES:
   0  every service is active or backup
   1  some service is inactive, initializing or timed out, or no Contrail
      container was found
   2  usage error, or no container engine answers`

func newApp() *cli.App {
	return &cli.App{
		Name:            "tf-status",
		Usage:           "status of the Contrail services of this node (contrail-status replacement)",
		Description:     help,
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "engine", Value: engine.KindAuto, Usage: "auto (Docker and containerd together), docker or containerd"},
			&cli.StringFlag{Name: "containerd-address", EnvVars: []string{"CONTAINERD_ADDRESS"}, Value: engine.DefaultContainerdAddress, Usage: "containerd socket"},
			&cli.StringSliceFlag{Name: "namespace", EnvVars: []string{"CONTAINERD_NAMESPACE"}, Usage: "containerd namespace(s) to search (default k8s.io, moby, default)"},
			clikit.DurationFlag("timeout", []string{"t"}, 5*time.Second, "per-query timeout; the whole run is bounded by it"),
			clikit.FormatFlag(status.FormatText),
			&cli.BoolFlag{Name: "detail", Aliases: []string{"d"}, Usage: "add introspect URL, connections and processes"},
			&cli.BoolFlag{Name: "debug", Aliases: []string{"x"}, Usage: "log every URL asked on stderr"},
			&cli.StringFlag{Name: "keyfile", Aliases: []string{"k"}, Usage: "TLS client key (default " + client.DefaultKeyFile + " when present)"},
			&cli.StringFlag{Name: "certfile", Aliases: []string{"c"}, Usage: "TLS client certificate (default " + client.DefaultCertFile + " when present)"},
			&cli.StringFlag{Name: "cacert", Aliases: []string{"a"}, EnvVars: []string{"SERVER_CA_CERTFILE"}, Usage: "CA certificate (default " + client.DefaultCAFile + " when present)"},
			&cli.BoolFlag{Name: "ssl", Usage: "ask every service over HTTPS (also when INTROSPECT_SSL_ENABLE is true, yes or on)"},
			&cli.StringSliceFlag{Name: "label", Aliases: []string{"l"}, Usage: "only containers with this label (key=value); repeatable"},
			&cli.StringFlag{Name: "vendor-domain", EnvVars: []string{"VENDOR_DOMAIN"}, Value: status.DefaultVendorDomain, Usage: "label prefix of the Contrail containers"},
		},
		Action: run,
	}
}

func main() { clikit.Main(newApp(), clikit.Options{}) }

const seeHelp = "see tf-status --help"

func run(c *cli.Context) error {
	if c.NArg() > 0 {
		return clikit.Usagef(seeHelp, "unexpected argument %q", c.Args().First())
	}
	labels := map[string]string{}
	for _, kv := range c.StringSlice("label") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return clikit.Usagef("give key=value, e.g. refnode.tfkit/node=control-1", "bad --label %q", kv)
		}
		labels[k] = v
	}
	switch c.String("engine") {
	case engine.KindAuto, engine.KindDocker, engine.KindContainerd:
	default:
		return clikit.Usagef("use auto, docker or containerd", "bad --engine %q", c.String("engine"))
	}
	ctx := context.Background()
	listing, err := engine.Search(ctx, engine.SearchOptions{Kind: c.String("engine"), ContainerdAddress: c.String("containerd-address"),
		Namespaces: c.StringSlice("namespace")})
	if err != nil {
		return clikit.Wrap(clikit.ExitUsage, err, "start dockerd/containerd or pick one with --engine/--containerd-address")
	}
	for _, w := range listing.Warnings() {
		fmt.Fprintln(c.App.ErrWriter, "tf-status: warning: "+w)
	}
	var debug io.Writer
	if c.Bool("debug") {
		debug = c.App.ErrWriter
	}
	rep, err := status.Run(ctx, listing.Containers, c.String("vendor-domain"), status.Options{
		Timeout: clikit.Duration(c, "timeout"), SSL: c.Bool("ssl") || client.SwitchOn(os.Getenv(client.EnvSSL)),
		CAFile: c.String("cacert"), CertFile: c.String("certfile"), KeyFile: c.String("keyfile"), Debug: debug, Labels: labels,
	})
	switch {
	case errors.Is(err, status.ErrNothingSelected):
		return clikit.Wrap(clikit.ExitFailure, fmt.Errorf("%w (searched %s)", err, listing.Searched()),
			"check --engine, --namespace, --vendor-domain and --label")
	case err != nil:
		// The TLS files do not load: an environment error.
		return clikit.Wrap(clikit.ExitUsage, err, "")
	}
	format := c.String("format")
	if format != status.FormatText {
		for _, w := range rep.Warnings {
			fmt.Fprintln(c.App.ErrWriter, w)
		}
	}
	if err := status.Render(c.App.Writer, rep, format, c.Bool("detail")); err != nil {
		return err
	}
	if code := rep.ExitCode(); code != 0 {
		return clikit.Exit(code)
	}
	return nil
}
