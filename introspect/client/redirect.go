package client

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Redirects. Introspect servers never redirect; a web UI may move a
// client from http to https. A redirect is followed only when it is that
// upgrade (or a port change) on the same host for the same request, so:
//   - https never falls back to plain http (the answer, and with --proxy
//     the token, would travel in clear);
//   - the X-Auth-Token of --proxy/--token never goes to another host;
//   - a redirect cannot lead to a request that Config.Policy was not asked
//     about (a state-changing Snh_ page).
// Anything else ends the request with one line saying why: exit 6 for
// the security refusals, 4 for a redirect elsewhere.

// maxRedirects bounds a chain of allowed upgrades (one is enough).
const maxRedirects = 3

// redirectError is a redirect the client refused to follow.
type redirectError struct {
	class Class
	what  string
	hint  string
}

func (e *redirectError) Error() string { return e.what }

// checkRedirect is the http.Client's CheckRedirect.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	to := req.URL
	switch {
	case first.Scheme == "https" && to.Scheme != "https":
		return &redirectError{ClassTLS, "refused a redirect from https to plain http (" + shortURL(to) + ")",
			"the answer would travel unencrypted; give the daemon's https address, or drop --ssl on purpose"}
	case !strings.EqualFold(first.Hostname(), to.Hostname()) && c.cfg.Proxy != "" && c.cfg.Token != "":
		return &redirectError{ClassTLS, "refused a redirect to another host (" + shortURL(to) + "): --token is sent only to " + first.Hostname(),
			"give that address to --proxy yourself if you trust it"}
	case !strings.EqualFold(first.Hostname(), to.Hostname()) || first.RequestURI() != to.RequestURI():
		return &redirectError{ClassHTTP, "the server redirects to " + shortURL(to),
			"ist follows only a move to https on the same host; query the address it points to directly"}
	case len(via) > maxRedirects:
		return &redirectError{ClassHTTP, fmt.Sprintf("more than %d redirects", maxRedirects), "check the server's address"}
	}
	return nil
}

// shortURL is a URL for a one-line message: no user info, at most 100
// bytes (a hostile Location header can be long).
func shortURL(u *url.URL) string {
	s := u.Redacted()
	if len(s) > 100 {
		s = strings.ToValidUTF8(s[:100], "") + "…"
	}
	return s
}
