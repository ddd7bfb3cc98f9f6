// Command tf-exporter serves Prometheus metrics read from the Contrail
// daemons' introspect pages, on each scrape (no analytics needed).
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/exporter"
	"github.com/tfkit/tfkit/internal/clikit"
	_ "github.com/tfkit/tfkit/internal/clikit/guard" // crashes exit 70: runs the program as a child of itself
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/client/cliflags"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/readonly"
)

var version = "0.1"

func help() string {
	var m strings.Builder
	for _, x := range exporter.Metrics {
		kind := "gauge"
		if x.Type == prometheus.CounterValue {
			kind = "counter"
		}
		fmt.Fprintf(&m, "   %s{%s} (%s)\n      %s\n", x.Name, strings.Join(x.Labels, ","), kind, x.Help)
	}
	return `Serves /metrics in the Prometheus text format. Each scrape reads the daemons'
introspect pages (read-only requests only, --parallel connections at most,
--scrape-timeout for the whole scrape): either the whole cluster, found from
the control nodes given with --host like ist doctor (the other control nodes,
every vRouter, the dns and nodemgrs beside them), or the daemons of the hosts
given with --hosts (every role at its port; a port that refuses has no daemon).

EXAMPLES:
   tf-exporter --host 10.0.0.11,10.0.0.12           # the whole cluster, from one place
   tf-exporter --hosts 10.0.0.21                    # this node's daemons (the DaemonSet)
   tf-exporter --hosts 10.0.0.21 --ssl --ca-file /etc/contrail/ssl/certs/ca-cert.pem
   tf-exporter --host 10.0.0.11 --once              # one scrape on stdout, then exit
   promtool check rules exporter/tf-alerts.yml      # the example alert rules

METRICS:
` + m.String() + `
EXIT CODES:
   0  stopped by SIGTERM or Ctrl-C (--once: scraped)
   1  the listen address cannot be used
   2  usage error`
}

func newApp() *cli.App {
	return &cli.App{
		Name:            "tf-exporter",
		Usage:           "Prometheus metrics from the introspect of Tungsten Fabric / OpenSDN daemons",
		Description:     help(),
		Version:         version,
		HideHelpCommand: true,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "host", EnvVars: []string{"INTROSPECT_HOST"}, Usage: "control nodes to find the whole cluster from (comma list)"},
			&cli.StringFlag{Name: "hosts", Usage: "hosts whose daemons are read (comma list), instead of --host"},
			&cli.StringFlag{Name: "roles", Usage: "with --hosts: the ist roles asked at each host (default every role)"},
			&cli.StringFlag{Name: "listen", Value: exporter.DefaultListen, Usage: "address of /metrics"},
			&cli.BoolFlag{Name: "once", Usage: "scrape once, print the metrics on stdout and exit"},
			clikit.DurationFlag("timeout", nil, 5*time.Second, "time limit of each HTTP request", "INTROSPECT_TIMEOUT"),
			clikit.DurationFlag("scrape-timeout", nil, 10*time.Second, "time limit of one scrape"),
			&cli.StringFlag{Name: "ports", Usage: "introspect port per role, e.g. vr=18085,ctr=18083 (default: the role's port)"},
			&cli.IntFlag{Name: "parallel", Value: collect.DefaultParallel, Usage: "connections open at once"},
		}, cliflags.Connection()...),
		Action: serve,
	}
}

func main() { clikit.Main(newApp(), clikit.Options{}) }

// list splits a comma list.
func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func serve(c *cli.Context) error {
	if c.NArg() > 0 {
		return clikit.Usagef("see tf-exporter --help", "tf-exporter takes no arguments, got %q", c.Args().First())
	}
	ports, err := collect.ParsePorts(c.String("ports"))
	if err != nil {
		return err
	}
	cfg := exporter.Config{
		Collect: collect.Options{Ports: ports, Parallel: c.Int("parallel"), Client: client.Config{
			Timeout: clikit.Duration(c, "timeout"), Policy: readonly.Check}},
		Controls: list(c.String("host")), Hosts: list(c.String("hosts")), ScrapeTimeout: clikit.Duration(c, "scrape-timeout"),
	}
	cliflags.Apply(c, &cfg.Collect.Client)
	if r := c.String("roles"); r != "" {
		cfg.Roles = list(r)
	}
	e, err := exporter.New(cfg)
	if err != nil {
		return err
	}
	if c.Bool("once") {
		reg := prometheus.NewRegistry()
		reg.MustRegister(e)
		mfs, err := reg.Gather()
		if err != nil {
			return clikit.Failf("check --host/--hosts", "scrape failed: %v", err)
		}
		enc := expfmt.NewEncoder(c.App.Writer, expfmt.NewFormat(expfmt.TypeTextPlain))
		for _, mf := range mfs {
			if err := enc.Encode(mf); err != nil {
				return err
			}
		}
		return nil
	}
	ln, err := net.Listen("tcp", c.String("listen"))
	if err != nil {
		return clikit.Failf("give --listen a free address", "cannot listen on %s: %v", c.String("listen"), err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", e.Handler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, `<html><body><a href="/metrics">/metrics</a></body></html>`)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	fmt.Fprintf(c.App.ErrWriter, "tf-exporter: serving http://%s/metrics\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
