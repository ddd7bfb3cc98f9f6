package client

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

func TestEscapeAndPath(t *testing.T) {
	got := Path("ShowRouteReq", Arg{"routing_table", "a b"}, Arg{"prefix", "10.1.1.3/32"}, Arg{"x", "k||s&t#u+v%w=z"}, Arg{"ri", "default-domain:admin:vn1,x"})
	want := "Snh_ShowRouteReq?routing_table=a%20b&prefix=10.1.1.3%2F32&x=k%7C%7Cs%26t%23u%2Bv%25w%3Dz&ri=default-domain:admin:vn1,x"
	if got != want {
		t.Fatalf("Path = %q, want %q", got, want)
	}
	if Path("CpuLoadInfoReq") != "Snh_CpuLoadInfoReq" {
		t.Fatal("a request without arguments must have no '?'")
	}
}

func TestProxyWrapsURLAndSendsToken(t *testing.T) {
	var gotURL, gotToken string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotURL, gotToken = r.URL.Query().Get("proxyURL"), r.Header.Get("X-Auth-Token")
		if r.URL.Path != "/forward-proxy" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(neighborPage([]string{"p1"}, "")))
	}))
	defer proxy.Close()
	c := newClient(t, Config{Hosts: []string{"10.0.0.1"}, Port: 8083, Proxy: proxy.URL, Token: "s3cret"})
	got, err := collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", "a|b"}), Names: []string{"BgpNeighborResp"}})
	if err != nil || strings.Join(got, " ") != "BgpNeighborResp=p1" {
		t.Fatalf("got %q, %v", got, err)
	}
	if gotURL != "http://10.0.0.1:8083/Snh_BgpNeighborReq?search_string=a%7Cb" || gotToken != "s3cret" {
		t.Fatalf("proxy saw proxyURL=%q token=%q", gotURL, gotToken)
	}
}

func TestFileModeNoContinuation(t *testing.T) {
	f := filepath.Join(t.TempDir(), "nei.xml")
	os.WriteFile(f, []byte(neighborPage([]string{"x1", "x2"}, "x2||")), 0o644)
	c := newClient(t, Config{File: f})
	got, err := collect(t, c, Request{Path: "Snh_BgpNeighborReq", Names: []string{"BgpNeighborResp"}})
	if err != nil || strings.Join(got, " ") != "BgpNeighborResp=x1 BgpNeighborResp=x2" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := New(Config{File: f + ".missing"}); ExitCode(err) != 2 {
		t.Fatalf("missing file: %v (exit %d), want exit 2", err, ExitCode(err))
	}
	os.WriteFile(f, []byte(pi+`<A type="sandesh"><b>`), 0o644)
	err = c.Each(context.Background(), Request{Names: []string{"b"}}, func(Target, *sandesh.Node) error { return nil })
	if ExitCode(err) != 5 || !strings.Contains(err.Error(), "truncated") || !strings.Contains(err.Error(), "byte") {
		t.Fatalf("truncated file: %v", err)
	}
}

func TestBadHostAndPort(t *testing.T) {
	for _, cfg := range []Config{
		{Hosts: []string{"ftp://x"}, Port: 8083},
		{Hosts: []string{"x:99999"}, Port: 8083},
		{Hosts: []string{"x"}, Port: 0},
		{Hosts: []string{"x"}, Port: 8083, Proxy: "webui:8143"},
		{Hosts: []string{"x"}, Port: 8083, SSL: true, CAFile: "/nonexistent/ca.pem"},
	} {
		if _, err := New(cfg); ExitCode(err) != 2 {
			t.Errorf("%+v: %v (exit %d), want a usage error", cfg, err, ExitCode(err))
		}
	}
	// A bad certificate path does not matter when no target is https.
	newClient(t, Config{Hosts: []string{"h"}, Port: 8083, CAFile: "/nonexistent/ca.pem"})
	c := newClient(t, Config{Hosts: []string{"https://h1:9000", "[::1]", "h2"}, Port: 8085})
	var got []string
	for _, tg := range c.Targets() {
		got = append(got, tg.Label+"="+tg.String())
	}
	if want := "h1:9000=https://h1:9000 [::1]=[::1]:8085 h2=h2:8085"; strings.Join(got, " ") != want {
		t.Fatalf("targets %q, want %q", got, want)
	}
}

// TestMutualTLS serves introspect over TLS requiring a client certificate
// signed by a CA, like a daemon with introspect_ssl_enable.
func TestMutualTLS(t *testing.T) {
	dir := t.TempDir()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	cliKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	cliTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "client"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	cliDER, err := x509.CreateCertificate(rand.Reader, cliTmpl, caCert, &cliKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(cliKey)
	certFile, keyFile, caFile := filepath.Join(dir, "server.pem"), filepath.Join(dir, "key.pem"), filepath.Join(dir, "ca.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cliDER}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)

	srv := httptest.NewUnstartedServer(&recorder{pages: map[string]string{"/Snh_BgpNeighborReq?search_string=": neighborPage([]string{"secure"}, "")}})
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}
	srv.StartTLS()
	defer srv.Close()
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600)
	host := strings.TrimPrefix(srv.URL, "https://")
	req := Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}}

	c := newClient(t, Config{Hosts: []string{host}, SSL: true, CAFile: caFile, CertFile: certFile, KeyFile: keyFile})
	got, err := collect(t, c, req)
	if err != nil || strings.Join(got, " ") != "BgpNeighborResp=secure" {
		t.Fatalf("with client cert: %q, %v", got, err)
	}
	// Without the client certificate the server refuses the handshake.
	c = newClient(t, Config{Hosts: []string{"https://" + host}, CAFile: caFile})
	_, err = collect(t, c, req)
	if ExitCode(err) != 6 || !strings.Contains(err.Error(), "--cert-file") {
		t.Fatalf("without client cert: %v (exit %d), want a TLS error naming --cert-file", err, ExitCode(err))
	}
}

func TestPlainHTTPToTLSServerAndRepeatedCookie(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(http.NotFoundHandler())
	defer tlsSrv.Close()
	c := newClient(t, Config{Hosts: []string{strings.TrimPrefix(tlsSrv.URL, "https://")}})
	_, err := collect(t, c, Request{Path: "Snh_X", Names: []string{"x"}})
	if ExitCode(err) != 6 || !strings.Contains(err.Error(), "--ssl") {
		t.Fatalf("http to an https daemon: %v (exit %d), want a TLS error suggesting --ssl", err, ExitCode(err))
	}
	loop := httptest.NewServer(&recorder{pages: map[string]string{
		"/Snh_BgpNeighborReq?search_string=":   neighborPage([]string{"a"}, "a||"),
		"/Snh_BgpNeighborReqIterate?x=a%7C%7C": neighborPage([]string{"b"}, "a||"),
	}})
	defer loop.Close()
	c = newClient(t, Config{Hosts: []string{hostOf(loop)}})
	_, err = collect(t, c, Request{Path: Path("BgpNeighborReq", Arg{"search_string", ""}), Names: []string{"BgpNeighborResp"}})
	if ExitCode(err) != 5 || !strings.Contains(err.Error(), "repeats") {
		t.Fatalf("repeated cookie: %v", err)
	}
}

func TestProxyRefusesToken(t *testing.T) {
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) }))
	defer proxy.Close()
	c := newClient(t, Config{Hosts: []string{"10.0.0.1"}, Port: 8083, Proxy: proxy.URL, Token: "bad"})
	_, err := collect(t, c, Request{Path: "Snh_X", Names: []string{"x"}})
	if ExitCode(err) != 4 || !strings.Contains(err.Error(), "--token") {
		t.Fatalf("proxy 401: %v", err)
	}
}
