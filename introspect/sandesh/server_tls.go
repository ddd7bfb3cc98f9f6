package sandesh

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
)

// TLSConfig is the introspect HTTPS setup of the C++ daemons (spec §1.6):
// TLS 1.2 only, the given server certificate, and, when clientCAs is not
// nil, a required client certificate signed by one of them.
func TLSConfig(cert tls.Certificate, clientCAs *x509.CertPool) *tls.Config {
	c := &tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   tls.VersionTLS12,
		MaxVersion:   tls.VersionTLS12,
	}
	if clientCAs != nil {
		c.ClientCAs = clientCAs
		c.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return c
}

// LoadTLSConfig reads PEM files for TLSConfig; caFile "" means no client
// certificate is requested (introspect_ssl_insecure).
func LoadTLSConfig(certFile, keyFile, caFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("introspect TLS key pair: %w", err)
	}
	var pool *x509.CertPool
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("introspect TLS CA: %w", err)
		}
		pool = x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("introspect TLS CA %s: no PEM certificate found", caFile)
		}
	}
	return TLSConfig(cert, pool), nil
}
