package sandesh

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

type echoReq struct {
	Name  string `sandesh:"name,id=1"`
	Count int32  `sandesh:"count,id=3"` // declaration order, not id order
	Flag  bool   `sandesh:"flag,id=2"`
	Addr  string `sandesh:"addr,id=4,type=ipaddr"`
	Limit uint32 `sandesh:"limit,id=5"`
	Sub   subArg `sandesh:"sub,id=6"`
	UUID  string `sandesh:"uuid,id=7,type=uuid_t"`
}

func (echoReq) SandeshName() string { return "EchoReq" }
func (r *echoReq) SetDefaults()     { r.Count = 7 }

type subArg struct {
	A string `sandesh:"a,id=1"`
}

type echoResp struct {
	Name  string `sandesh:"name,id=1"`
	Count int32  `sandesh:"count,id=2"`
	Flag  bool   `sandesh:"flag,id=3"`
	Addr  string `sandesh:"addr,id=4"`
	Limit uint32 `sandesh:"limit,id=5"`
	UUID  string `sandesh:"uuid,id=6"`
}

func (echoResp) SandeshName() string { return "EchoResp" }

type listReq struct{}

func (listReq) SandeshName() string { return "ListReq" }

type badReq struct{}

func (badReq) SandeshName() string { return "BadReq" }

type emptyReq struct{}

func (emptyReq) SandeshName() string { return "EmptyReq" }

type listResp struct {
	Items []string `sandesh:"items,id=1"`
}

func (listResp) SandeshName() string { return "ListResp" }

func newTestServer(t *testing.T, python bool) (*Server, string) {
	s := NewServer("contrail-test")
	s.Python = python
	Handle(s, "test_mod", func(r *echoReq) []any {
		return []any{echoResp{Name: r.Name, Count: r.Count, Flag: r.Flag, Addr: r.Addr, Limit: r.Limit, UUID: r.UUID}}
	})
	Handle(s, "other", func(*badReq) []any { panic("boom") })
	Handle(s, "other", func(*emptyReq) []any { return nil })
	Handle(s, "other", func(*listReq) []any {
		return []any{listResp{Items: []string{"a"}}, &listResp{Items: []string{}}, &pagination{Req: pageReqData{TableSize: 2}}}
	})
	addr, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, addr.String()
}

// rawGet sends one request on a new connection and returns every byte
// of the response.
func rawGet(t *testing.T, addr, target string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServerSinglePartBytes(t *testing.T) {
	_, addr := newTestServer(t, false)
	got := rawGet(t, addr, "/Snh_EchoReq?x=a%20b+c%26&&count=-1&flag=1&addr=zz&limit=-1&sub=q&uuid=00010203-0405-0607-0809-0A0B0C0D0E0F")
	body := XMLPrefix + `<EchoResp type="sandesh"><name type="string" identifier="1">a b+c&amp;</name><count type="i32" identifier="2">-1</count><flag type="bool" identifier="3">true</flag>` +
		`<addr type="string" identifier="4">0.0.0.0</addr><limit type="u32" identifier="5">4294967295</limit><uuid type="string" identifier="6">00010203-0405-0607-0809-0a0b0c0d0e0f</uuid><more type="bool" identifier="0">false</more></EchoResp>`
	want := "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	if got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestServerPositionalRules(t *testing.T) {
	s, _ := newTestServer(t, false)
	cases := map[string]string{
		"":                                       `<name type="string" identifier="1"></name><count type="i32" identifier="2">7</count><flag type="bool" identifier="3">false</flag>`,
		"?x=n1&y":                                `<name type="string" identifier="1">n1</name><count type="i32" identifier="2">7</count>`,
		"?x=n1&count=12abc&flag=true":            `<count type="i32" identifier="2">12</count><flag type="bool" identifier="3">false</flag>`,
		"?a=b=c&count=":                          `<name type="string" identifier="1">b</name><count type="i32" identifier="2">7</count>`,
		"?x=%zz%4&&&count=+5&flag=2":             `<name type="string" identifier="1">%zz%4</name><count type="i32" identifier="2">5</count><flag type="bool" identifier="3">true</flag>`,
		"?x=&c=&f=&a=2001:db8::1":                `<addr type="string" identifier="4">2001:db8::1</addr>`,
		"?x=&c=&f=&a=&l=99999999999999999999999": `<limit type="u32" identifier="5">4294967295</limit>`,
	}
	for q, want := range cases {
		st, ct, body := s.Query("/Snh_EchoReq" + q)
		if st != 200 || ct != "text/xml" || !strings.Contains(string(body), want) {
			t.Errorf("%q: %d %s %s\nwant %s", q, st, ct, body, want)
		}
	}
}

func TestServerMultiPartChunked(t *testing.T) {
	_, addr := newTestServer(t, false)
	got := rawGet(t, addr, "/Snh_ListReq")
	head := "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
	if !strings.HasPrefix(got, head) || !strings.HasSuffix(got, "\r\n0\r\n\r\n") {
		t.Fatalf("framing %q", got)
	}
	first := XMLPrefix + `<__ListResp_list type="slist">`
	if !strings.HasPrefix(got[len(head):], strconv.FormatInt(int64(len(first)), 16)+"\r\n"+first+"\r\n") {
		t.Fatalf("first chunk %q", got[len(head):])
	}
	// Through net/http: the de-chunked body is MarshalParts' document.
	resp, err := http.Get("http://" + addr + "/Snh_ListReq")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want, _ := MarshalParts(listResp{Items: []string{"a"}}, listResp{Items: []string{}}, &pagination{Req: pageReqData{TableSize: 2}})
	if !bytes.Equal(body, want) || resp.Header.Get("Content-Type") != "text/xml" {
		t.Fatalf("body\n%s\nwant\n%s", body, want)
	}
	if !strings.Contains(string(body), `<more type="bool" identifier="0">true</more></ListResp><ListResp`) {
		t.Fatal("more=true missing on first part")
	}
	root, err := ParseBytes(body)
	if err != nil || len(root.Children) != 3 {
		t.Fatalf("parse: %v", err)
	}
}

func TestServer404AndPages(t *testing.T) {
	_, addr := newTestServer(t, false)
	for _, p := range []string{"/Snh_NoSuchReq", "/nothing", "/Snh_EchoResp", "/missing.xml"} {
		got := rawGet(t, addr, p)
		want := "HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: 46\r\n\r\n<html>\n<title>404 Not Found</title>\n</html>\r\n\x00"
		if got != want {
			t.Fatalf("%s: %q", p, got)
		}
		var he *HTMLError
		if _, err := ParseBytes([]byte(got[strings.Index(got, "\r\n\r\n")+4:])); !errors.As(err, &he) || he.Text != "404 Not Found" {
			t.Fatalf("404 body parse: %v", err)
		}
	}
	for p, want := range map[string]string{"/Snh_BadReq": "handler for BadReq panicked: boom", "/Snh_EmptyReq": "handler for EmptyReq returned no parts"} {
		if got := rawGet(t, addr, p); !strings.HasPrefix(got, "HTTP/1.1 500 Internal Server Error\r\n") || !strings.Contains(got, want) {
			t.Fatalf("%s: %q", p, got)
		}
	}
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(idx), "<title>contrail-test</title>") || !strings.Contains(string(idx), "<h1>Modules for contrail-test</h1>") ||
		!strings.Contains(string(idx), `<a href="other.xml">other.xml</a><br/>`+"\n"+`<a href="test_mod.xml">test_mod.xml</a><br/>`) {
		t.Fatalf("index %s", idx)
	}
	page := rawGet(t, addr, "/test_mod.xml")
	want := XMLPrefix + "\n<test_mod type=\"rlist\">\n<EchoReq type=\"sandesh\">\n" +
		`<name type="string">0</name><count type="i32">0</count><flag type="bool">0</flag><addr type="ipaddr">0</addr><limit type="u32">0</limit><sub type="struct"><subArg><a type="string">0</a></subArg></sub><uuid type="uuid_t">0</uuid></EchoReq>` + "\n</test_mod>\n"
	if !strings.Contains(page, "Content-Type: text/xml\r\n") || !strings.HasSuffix(page, "\r\n\r\n"+want) {
		t.Fatalf("module page %q", page)
	}
	if _, err := ParseBytes([]byte(page[strings.Index(page, "\r\n\r\n")+4:])); err != nil {
		t.Fatalf("module page does not parse: %v", err)
	}
}

func TestServerPythonPersona(t *testing.T) {
	s, addr := newTestServer(t, true)
	resp, err := http.Get("http://" + addr + "/Snh_EchoReq?x=a+b&count=3&flag=True&uuid=00010203-0405-0607-0809-0A0B0C0D0E0F")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/xsl" || resp.ContentLength != int64(len(body)) {
		t.Fatalf("headers %v", resp.Header)
	}
	if !strings.Contains(string(body), `<name type="string" identifier="1">a b</name><count type="i32" identifier="2">3</count><flag type="bool" identifier="3">true</flag>`) ||
		strings.Contains(string(body), "<more") {
		t.Fatalf("body %s", body)
	}
	_, _, b := s.Query("/Snh_EchoReq?name=n&count=zz")
	if string(b) != "<h3>Invalid data provided in Sandesh Request</h3>" {
		t.Fatalf("bad int: %s", b)
	}
	_, _, b = s.Query("/Snh_EchoReq?uuid=nope")
	if string(b) != "<h3>Invalid value for uuid:nope</h3>" {
		t.Fatalf("bad uuid: %s", b)
	}
	_, _, b = s.Query("/Snh_ListReq")
	if !strings.HasPrefix(string(b), XMLPrefix+`<__ListResp_list type="slist"><ListResp type="sandesh">`) || strings.Contains(string(b), "<more") {
		t.Fatalf("python multi-part: %s", b)
	}
	if st, _, _ := s.Query("/nope"); st != 404 {
		t.Fatal("python 404")
	}
}

func TestServerKeepAliveAndPause(t *testing.T) {
	s, addr := newTestServer(t, false)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	get := func() (*http.Response, error) {
		io.WriteString(c, "GET /Snh_EchoReq?x=k HTTP/1.1\r\nHost: x\r\n\r\n")
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		r, err := http.ReadResponse(br, nil)
		if err == nil {
			io.ReadAll(r.Body)
			r.Body.Close()
		}
		return r, err
	}
	for i := 0; i < 2; i++ { // same connection twice
		if r, err := get(); err != nil || r.StatusCode != 200 {
			t.Fatalf("keep-alive request %d: %v", i, err)
		}
	}
	s.Pause()
	if !s.Paused() {
		t.Fatal("not paused")
	}
	cl := &http.Client{Timeout: 300 * time.Millisecond}
	if _, err := cl.Get("http://" + addr + "/Snh_EchoReq"); err == nil {
		t.Fatal("paused server answered")
	}
	io.WriteString(c, "GET /Snh_EchoReq?x=late HTTP/1.1\r\nHost: x\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if _, err := br.Peek(1); err == nil {
		t.Fatal("paused server answered on an open connection")
	}
	s.Resume()
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	r, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("after resume: %v", err)
	}
	b, _ := io.ReadAll(r.Body)
	if !strings.Contains(string(b), ">late</name>") {
		t.Fatalf("after resume: %s", b)
	}
	s.Pause()
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("Close hangs while paused")
	}
}

// testCert makes a certificate signed by parent (self-signed when nil).
func testCert(t *testing.T, cn string, isCA bool, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (tls.Certificate, *x509.Certificate, *ecdsa.PrivateKey) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: isCA, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, c, key
}

func TestServerTLS(t *testing.T) {
	_, ca, caKey := testCert(t, "ca", true, nil, nil)
	srvCert, _, _ := testCert(t, "server", false, ca, caKey)
	cliCert, _, _ := testCert(t, "client", false, ca, caKey)
	pool := x509.NewCertPool()
	pool.AddCert(ca)

	s := NewServer("contrail-control")
	Handle(s, "test_mod", func(r *echoReq) []any { return []any{echoResp{Name: r.Name}} })
	s.TLS = TLSConfig(srvCert, pool)
	addr, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func(cfg *tls.Config) error {
		cl := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{TLSClientConfig: cfg}}
		r, err := cl.Get("https://" + addr.String() + "/Snh_EchoReq?x=tls")
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if !strings.Contains(string(b), ">tls</name>") {
			return errors.New("wrong body " + string(b))
		}
		return nil
	}
	if err := get(&tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cliCert}}); err != nil {
		t.Fatalf("with client cert: %v", err)
	}
	if err := get(&tls.Config{RootCAs: pool}); err == nil {
		t.Fatal("no client cert accepted")
	}
	if err := get(&tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cliCert}, MaxVersion: tls.VersionTLS11}); err == nil {
		t.Fatal("TLS 1.1 accepted")
	}
	if _, err := http.Get("http://" + addr.String() + "/Snh_EchoReq"); err == nil {
		t.Fatal("plain HTTP answered on the TLS port")
	}
}
