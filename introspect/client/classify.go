package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// transportError classifies a failed HTTP exchange (no response).
func (c *Client) transportError(err error, t Target, path string, page int) error {
	// A transport that already says what failed (a bundle replaying its
	// saved answers) keeps its class and words.
	var given *Error
	if errors.As(err, &given) {
		e := *given
		if e.Where == "" {
			e.Where = where(t, path, page)
		}
		return &e
	}
	e := &Error{Class: ClassConnection, Where: where(t, path, page), Err: err}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	var recErr tls.RecordHeaderError
	var alert tls.AlertError
	var netErr net.Error
	var redir *redirectError
	switch {
	case errors.As(err, &redir):
		e.Class, e.What, e.Hint = redir.class, redir.what, redir.hint
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr), errors.As(err, &invalidErr):
		e.Class, e.What = ClassTLS, "TLS certificate check failed: "+tlsReason(err)
		e.Hint = "give the cluster CA with --ca-file, or --insecure to skip the check"
		e.Cause = CauseCertificate
	case errors.As(err, &recErr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		e.Class, e.What = ClassTLS, "the server does not speak TLS"
		e.Hint = "drop --ssl (or use http://): introspect_ssl_enable is off on that daemon"
		e.Cause = CauseNotTLS
	case errors.As(err, &alert), strings.Contains(err.Error(), "tls: "):
		e.Class, e.What = ClassTLS, "TLS handshake failed: "+innermost(err)
		e.Hint = "the daemon may want a client certificate signed by its CA: give --cert-file and --key-file (and --ca-file)"
		e.Cause = CauseHandshake
	case strings.Contains(err.Error(), "malformed HTTP response"):
		e.Class, e.What = ClassTLS, "the server answered in another protocol"
		e.Hint = "the daemon may require HTTPS (introspect_ssl_enable): try --ssl"
		e.Cause = CauseWantsTLS
	case errors.Is(err, syscall.ECONNREFUSED):
		e.What = "connection refused"
		e.Hint = "is the daemon running and listening there? check --host and --port (the role's default port is used when --port is not given)"
		e.Cause = CauseRefused
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		e.What = "host unreachable"
		e.Hint = "check --host and the route to that address"
		e.Cause = CauseUnreachable
	case errors.As(err, &dnsErr):
		e.What = "cannot resolve host " + dnsErr.Name
		e.Hint = "check the name given to --host"
		e.Cause = CauseDNS
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		e.What = fmt.Sprintf("no answer within %s", c.cfg.Timeout)
		e.Hint = "raise --timeout, or check that the host is reachable and the daemon not stuck"
		e.Cause = CauseTimeout
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		e.What = "the server closed the connection without an answer"
		e.Hint = "if the daemon has introspect_ssl_enable, use --ssl; else check its log"
		e.Cause = CauseClosed
	case errors.Is(err, context.Canceled):
		e.What = "interrupted"
		e.Hint = ""
	default:
		e.What = "connection failed: " + innermost(err)
		e.Hint = "check --host and --port"
	}
	if c.cfg.Proxy != "" && e.Class == ClassConnection {
		e.Where += " via proxy " + c.cfg.Proxy
	}
	return e
}

func tlsReason(err error) string {
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) && certErr.Err != nil {
		return certErr.Err.Error()
	}
	return innermost(err)
}

// innermost returns the text of the deepest wrapped error.
func innermost(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

// httpStatusError builds the error for a non-200 answer.
func httpStatusError(code int, body []byte, t Target, path string, page int, proxied bool) error {
	e := &Error{Class: ClassHTTP, Where: where(t, path, page), What: fmt.Sprintf("HTTP %d", code)}
	switch {
	case code == 400 && strings.Contains(string(body), "HTTP request to an HTTPS server"):
		e.Class, e.What = ClassTLS, "the server wants HTTPS"
		e.Hint = "use --ssl (the daemon has introspect_ssl_enable)"
	case proxied && (code == 401 || code == 403):
		e.Hint = "the web UI refused the token: check --token, and that the introspect port is in allowed_introspect_list_access_by_token"
	case code == 404:
		e.What = fmt.Sprintf("HTTP 404: this daemon does not know %s", requestName(path))
		e.Hint = "wrong role or port? (ctr 8083, vr 8085, …); an old release may lack the request"
	default:
		if s := htmlSnippet(body); s != "" {
			e.What += ": " + s
		}
		e.Hint = "check the daemon's log"
	}
	return e
}

// htmlSnippet is the visible text of an error page, short.
func htmlSnippet(body []byte) string {
	_, err := sandesh.Parse(strings.NewReader(string(body)))
	var h *sandesh.HTMLError
	if errors.As(err, &h) {
		return h.Text
	}
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// bodyError classifies a failure while reading and parsing a body.
func (c *Client) bodyError(err error, t Target, path string, page int) error {
	w := where(t, path, page)
	if le, ok := asLimit(err); ok {
		return limitError(le, w)
	}
	var h *sandesh.HTMLError
	if errors.As(err, &h) {
		return &Error{Class: ClassHTTP, Where: w, What: "got an HTML page instead of XML: " + strconv.Quote(h.Text), Err: err,
			Hint: "the daemon could not run the request: check the arguments (a Python daemon answers bad values with an HTML message)"}
	}
	var se *sandesh.SyntaxError
	if errors.As(err, &se) {
		if se.Err != nil && !errors.Is(se.Err, errUnexpectedEOF) {
			// A read error in the middle of the body: the connection broke.
			if path != "" {
				return c.transportError(se.Err, t, path, page)
			}
		}
		hint := "the answer is not valid Sandesh XML; save it with curl and report it"
		if errors.Is(se.Err, errUnexpectedEOF) {
			hint = "the answer was cut short: retry, or raise --timeout"
			if path == "" {
				hint = "the file is truncated"
			}
		}
		return &Error{Class: ClassParse, Where: w, What: se.Error(), Err: err, Hint: hint}
	}
	return &Error{Class: ClassParse, Where: w, What: err.Error(), Err: err}
}

var errUnexpectedEOF = io.ErrUnexpectedEOF
