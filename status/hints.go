package status

import (
	"errors"

	"github.com/tfkit/tfkit/introspect/client"
)

// hints word introspect/client's failures for tf-status: its own flags
// and environment switches, not ist's (the client's Hint names ist's
// --ca-file, --ssl, --host).
var hints = map[client.Cause]string{
	client.CauseCertificate: "give the cluster CA with -a/--cacert (default " + client.DefaultCAFile + ")",
	client.CauseNotTLS:      "the daemon does not use TLS: drop --ssl / INTROSPECT_SSL_ENABLE (here or in the service's container env)",
	client.CauseHandshake:   "the daemon may want a client certificate signed by its CA: give -c/--certfile and -k/--keyfile (and -a/--cacert)",
	client.CauseWantsTLS:    "the daemon may require HTTPS: use --ssl or INTROSPECT_SSL_ENABLE=true",
	client.CauseRefused:     "the service does not listen on its introspect port: check its container's log and *_INTROSPECT_PORT env",
	client.CauseUnreachable: "the address the service listens on is not reachable from here",
	client.CauseDNS:         "this host's name does not resolve: check /etc/hosts",
	client.CauseTimeout:     "raise --timeout, or check that the daemon is not stuck",
	client.CauseClosed:      "if the daemon has introspect_ssl_enable, use --ssl or INTROSPECT_SSL_ENABLE=true; else check its log",
	client.CauseCAFile:      "check -a/--cacert",
	client.CauseClientCert:  "check -c/--certfile and -k/--keyfile",
}

// hint is what tf-status suggests for a failed query ("" when nothing).
func hint(err error) string {
	var ce *client.Error
	if errors.As(err, &ce) {
		return hints[ce.Cause]
	}
	return ""
}

// Rehint rewords the hint of a client error in tf-status's terms; other
// errors pass unchanged.
func Rehint(err error) error {
	var ce *client.Error
	if errors.As(err, &ce) {
		if h, ok := hints[ce.Cause]; ok {
			c := *ce
			c.Hint = h
			return &c
		}
	}
	return err
}
