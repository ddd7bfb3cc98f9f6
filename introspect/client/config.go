package client

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Default certificate paths: the files the daemons themselves use
// (spec §1.6), so on a node `ist --ssl` works without more flags.
const (
	DefaultCAFile   = "/etc/contrail/ssl/certs/ca-cert.pem"
	DefaultCertFile = "/etc/contrail/ssl/certs/server.pem"
	DefaultKeyFile  = "/etc/contrail/ssl/private/server-privkey.pem"
)

// EnvSSL is the environment switch of contrail-status (and of every
// Contrail container) that turns introspect HTTPS on; every tfkit command
// reads it with SwitchOn.
const EnvSSL = "INTROSPECT_SSL_ENABLE"

// SwitchOn reads an environment switch as contrail-status (YAML: true,
// yes, on) and the containers' entrypoints (also enabled, 1) do, in any
// case.
func SwitchOn(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "on", "enabled", "1":
		return true
	}
	return false
}

// Config holds the global options of ist that decide where and how pages
// are fetched.
type Config struct {
	Hosts    []string      // "host", "host:port", "[v6]:port", "https://host:port"; empty = localhost
	Port     int           // used when a host has no port
	Timeout  time.Duration // per HTTP request; 0 = none
	SSL      bool          // https for hosts given without a scheme
	CAFile   string        // "" = DefaultCAFile when it exists
	CertFile string        // "" = DefaultCertFile when it exists (client certificate)
	KeyFile  string        // "" = DefaultKeyFile when it exists
	Insecure bool          // do not verify the server certificate
	Proxy    string        // web-UI forward proxy base URL
	Token    string        // X-Auth-Token for the proxy
	File     string        // read this saved response instead of fetching
	Debug    io.Writer     // when set, every URL fetched is logged here
	// Policy, when set, is asked before every GET (continuations
	// included) with the request path; a non-nil answer refuses the
	// request and nothing is sent. tfkit's commands set readonly.Check.
	Policy func(path string) error
	// WrapTransport, when set, wraps the HTTP transport New builds (TLS,
	// timeouts and proxy already applied), so a caller can see every
	// request and answer: introspect/collect records each page's URL,
	// status, timing and bytes through it.
	WrapTransport func(http.RoundTripper) http.RoundTripper
	// Limits on what an answer may cost (a daemon's answer is untrusted
	// input; see limits.go). 0 takes the default. Passing one ends the
	// request with a ClassParse error (exit 5) naming the limit and the
	// ist flag that raises it.
	MaxPages     int   // continuation pages per request and host (--max-pages); 0: DefaultMaxPages
	MaxCellBytes int   // bytes of one element's text (--max-cell-bytes); 0: sandesh.DefaultMaxText
	MaxBytes     int64 // bytes of records held per request, all pages and hosts (--max-bytes); 0: DefaultMaxBytes
	// SerialPages parses the pages of an answer one after the other, as
	// a machine with one core does: no page is parsed ahead of its turn
	// (prefetch.go). The records and errors are the same either way;
	// tests and benchmarks compare the two.
	SerialPages bool
}

// Target is one daemon to query.
type Target struct {
	Label  string // host as the user wrote it, used for the host column
	Scheme string // http or https
	Addr   string // host:port
}

// Client fetches introspect pages.
type Client struct {
	cfg     Config
	http    *http.Client
	targets []Target
	// parsedAhead counts the pages whose parse started ahead of their
	// turn (prefetch.go), for tests.
	parsedAhead atomic.Int64
}

// New checks the configuration and prepares the HTTP client.
func New(cfg Config) (*Client, error) {
	c := &Client{cfg: cfg}
	if cfg.File != "" {
		st, err := os.Stat(cfg.File)
		if err != nil {
			return nil, Usagef("check the path given to --file", "cannot read %s: %v", cfg.File, unwrapPathErr(err))
		}
		if st.IsDir() {
			return nil, Usagef("give a saved XML response to --file", "%s is a directory", cfg.File)
		}
		c.targets = []Target{{Label: cfg.File}}
		return c, nil
	}
	hosts := cfg.Hosts
	if len(hosts) == 0 {
		hosts = []string{"localhost"}
	}
	for _, h := range hosts {
		t, err := parseTarget(h, cfg.Port, cfg.SSL)
		if err != nil {
			return nil, err
		}
		c.targets = append(c.targets, t)
	}
	if cfg.Proxy != "" && !strings.HasPrefix(cfg.Proxy, "http://") && !strings.HasPrefix(cfg.Proxy, "https://") {
		return nil, Usagef("give the web UI address, e.g. --proxy https://webui:8143", "bad --proxy %q", cfg.Proxy)
	}
	// Certificates are loaded only when something is fetched over https
	// (a target or the proxy), so that a node's unreadable key does not
	// break plain-HTTP use.
	var tlsCfg *tls.Config
	needTLS := strings.HasPrefix(cfg.Proxy, "https://")
	for _, t := range c.targets {
		needTLS = needTLS || t.Scheme == "https"
	}
	if needTLS {
		var err error
		if tlsCfg, err = c.tlsConfig(); err != nil {
			return nil, err
		}
	}
	tr := &http.Transport{
		Proxy:               nil, // introspect is on the node network; never an environment proxy
		DialContext:         (&net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:     tlsCfg,
		TLSHandshakeTimeout: cfg.Timeout,
		MaxIdleConnsPerHost: 4,
		// Small: a read at least this large finds the buffer empty and goes
		// straight from the connection into the read-ahead chunk, with no
		// copy (net/http's chunked reader tops a chunk up read after
		// read, so a buffer as large as the chunk would copy every byte).
		ReadBufferSize:     8 << 10,
		DisableCompression: true,
	}
	var rt http.RoundTripper = tr
	if cfg.WrapTransport != nil {
		rt = cfg.WrapTransport(tr)
	}
	c.http = &http.Client{Transport: rt, Timeout: cfg.Timeout, CheckRedirect: c.checkRedirect}
	return c, nil
}

// Close releases the client's idle keep-alive connections. A command that
// exits need not call it; a program that makes many clients must, or
// their connections stay open.
func (c *Client) Close() {
	if c.http != nil {
		c.http.CloseIdleConnections()
	}
}

// Targets are the daemons the command addresses, in the order given.
func (c *Client) Targets() []Target { return c.targets }

// NewTarget parses one more daemon to address with this client's
// settings, as Config.Hosts entries are ("host", "host:port", URL; port
// used when the host has none): cluster-wide commands reach the nodes
// they discover this way.
func (c *Client) NewTarget(host string, port int) (Target, error) {
	return parseTarget(host, port, c.cfg.SSL)
}

// FromFile reports whether pages come from --file.
func (c *Client) FromFile() bool { return c.cfg.File != "" }

func parseTarget(h string, port int, ssl bool) (Target, error) {
	t := Target{Label: h, Scheme: "http"}
	if ssl {
		t.Scheme = "https"
	}
	rest := h
	if i := strings.Index(h, "://"); i >= 0 {
		t.Scheme = strings.ToLower(h[:i])
		rest = strings.TrimSuffix(h[i+3:], "/")
		t.Label = rest
		if t.Scheme != "http" && t.Scheme != "https" {
			return t, Usagef("use http:// or https://", "bad scheme in --host %q", h)
		}
	}
	if rest == "" {
		return t, Usagef("give a host name or address", "empty host in --host")
	}
	if hh, p, err := net.SplitHostPort(rest); err == nil {
		if n, err := strconv.Atoi(p); err != nil || n <= 0 || n > 65535 {
			return t, Usagef("ports are 1-65535", "bad port in --host %q", h)
		}
		t.Addr = net.JoinHostPort(hh, p)
		return t, nil
	}
	if port <= 0 || port > 65535 {
		return t, Usagef("give --port 1-65535", "bad port %d", port)
	}
	t.Addr = net.JoinHostPort(strings.Trim(rest, "[]"), strconv.Itoa(port))
	return t, nil
}

// tlsConfig loads the CA and client certificate. Files named explicitly
// must load; the default files are used only when present.
func (c *Client) tlsConfig() (*tls.Config, error) {
	cfg := &tls.Config{InsecureSkipVerify: c.cfg.Insecure, MinVersion: tls.VersionTLS12}
	ca, caExplicit := pick(c.cfg.CAFile, DefaultCAFile)
	if ca != "" {
		pem, err := os.ReadFile(ca)
		switch {
		case err == nil:
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, Usagef("give a PEM CA certificate to --ca-file", "no certificate in %s", ca).Because(CauseCAFile)
			}
			cfg.RootCAs = pool
		case caExplicit:
			return nil, Usagef("check --ca-file", "cannot read CA file %s: %v", ca, unwrapPathErr(err)).Because(CauseCAFile)
		}
	}
	cert, certExplicit := pick(c.cfg.CertFile, DefaultCertFile)
	key, keyExplicit := pick(c.cfg.KeyFile, DefaultKeyFile)
	if certExplicit || keyExplicit || (fileExists(cert) && fileExists(key)) {
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			return nil, Usagef("check --cert-file and --key-file", "cannot load client certificate %s / key %s: %v", cert, key, unwrapPathErr(err)).Because(CauseClientCert)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}

func pick(given, def string) (string, bool) {
	if given != "" {
		return given, true
	}
	return def, false
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// String shows a target for messages: host:port, with the scheme when https.
func (t Target) String() string {
	if t.Addr == "" {
		return t.Label
	}
	if t.Scheme == "https" {
		return "https://" + t.Addr
	}
	return t.Addr
}
