// Package cliflags holds the command-line flags of how introspect is
// reached (HTTPS, certificates, the web-UI proxy), so that every binary
// that reads introspect (ist, tf-exporter) names and reads them alike.
package cliflags

import (
	"os"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/introspect/client"
)

// Connection are the flags --ssl, --ca-file, --cert-file, --key-file,
// --insecure, --proxy and --token, with their environment variables.
func Connection() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "ssl", Usage: "use HTTPS (daemons with introspect_ssl_enable); also when $" + client.EnvSSL + " is true, yes, on, enabled or 1, as contrail-status reads it"},
		&cli.StringFlag{Name: "ca-file", EnvVars: []string{"INTROSPECT_CA_FILE"}, Usage: "CA certificate (default " + client.DefaultCAFile + " when present)"},
		&cli.StringFlag{Name: "cert-file", EnvVars: []string{"INTROSPECT_CERT_FILE"}, Usage: "client certificate (default " + client.DefaultCertFile + " when present)"},
		&cli.StringFlag{Name: "key-file", EnvVars: []string{"INTROSPECT_KEY_FILE"}, Usage: "client key (default " + client.DefaultKeyFile + " when present)"},
		&cli.BoolFlag{Name: "insecure", Usage: "do not verify the server certificate"},
		&cli.StringFlag{Name: "proxy", EnvVars: []string{"INTROSPECT_PROXY"}, Usage: "web UI forward proxy, e.g. https://webui:8143"},
		&cli.StringFlag{Name: "token", EnvVars: []string{"INTROSPECT_TOKEN"}, Usage: "X-Auth-Token for --proxy"},
	}
}

// Apply reads the Connection flags into cfg.
func Apply(c *cli.Context, cfg *client.Config) {
	cfg.SSL = c.Bool("ssl") || client.SwitchOn(os.Getenv(client.EnvSSL))
	cfg.CAFile, cfg.CertFile, cfg.KeyFile = c.String("ca-file"), c.String("cert-file"), c.String("key-file")
	cfg.Insecure = c.Bool("insecure")
	cfg.Proxy, cfg.Token = c.String("proxy"), c.String("token")
}
