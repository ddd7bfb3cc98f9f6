package status

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest/fakeintrospect"
)

// TestRunSaysWhatWasNotSelected: an empty selection is an error that says
// which of the three ways it came out empty.
func TestRunSaysWhatWasNotSelected(t *testing.T) {
	plain := engine.Container{ID: "x", Name: "nginx", Labels: map[string]string{"app": "web"}}
	for _, tc := range []struct {
		all    []engine.Container
		labels map[string]string
		want   string
	}{
		{nil, nil, "the engines list no containers at all"},
		{[]engine.Container{plain}, map[string]string{"tier": "db"}, "none of the 1 containers carries the labels tier=db"},
		{[]engine.Container{plain}, nil, "none has the label net.juniper.contrail.container.name or net.juniper.contrail.service, nor SERVICE_NAME"},
	} {
		_, err := Run(context.Background(), tc.all, "", Options{Labels: tc.labels})
		if !errors.Is(err, ErrNothingSelected) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Run(%d containers, labels %v) = %v, want ErrNothingSelected saying %q", len(tc.all), tc.labels, err, tc.want)
		}
	}
}

// TestRenderJSONRedactsEnv: the Env of -f json keeps every variable but
// masks the secret values, the text layouts never print env at all.
func TestRenderJSONRedactsEnv(t *testing.T) {
	r := sampleReport()
	r.Units[1].Container.Env = map[string]string{
		"NODE_TYPE": "control", "KEYSTONE_AUTH_ADMIN_PASSWORD": "contrail123", "RABBITMQ_PASSWORD": "guest-pw",
		"AUTH_TOKEN": "tok-42", "AMQP_URL": "amqp://guest:pw-in-url@10.0.0.1:5672/", "KEYSTONE_AUTH_HOST": "10.0.0.9"}
	for _, format := range []string{FormatJSON, FormatText, FormatTable} {
		var b bytes.Buffer
		if err := Render(&b, r, format, true); err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"contrail123", "guest-pw", "tok-42", "pw-in-url"} {
			if strings.Contains(b.String(), secret) {
				t.Errorf("-f %s prints the secret %q", format, secret)
			}
		}
		if format == FormatJSON {
			for _, want := range []string{`"KEYSTONE_AUTH_ADMIN_PASSWORD=***"`, `"AUTH_TOKEN=***"`, `"AMQP_URL=amqp://guest:***@10.0.0.1:5672/"`, `"KEYSTONE_AUTH_HOST=10.0.0.9"`} {
				if !strings.Contains(b.String(), want) {
					t.Errorf("-f json lacks %s", want)
				}
			}
		}
	}
}

// TestSSLFromTheOperatorsEnvironment: Options.SSL (INTROSPECT_SSL_ENABLE
// in tf-status's environment) asks over HTTPS a service whose container
// env does not say so.
func TestSSLFromTheOperatorsEnvironment(t *testing.T) {
	srv := httptest.NewTLSServer(fakeintrospect.Handler(map[string]string{"NodeStatus": fakeintrospect.NodeStatusXML("contrail-control", "Functional", "")}))
	defer srv.Close()
	ca := writeCA(t, srv)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	ctl := unit("control", "control", map[string]string{"CONTROL_INTROSPECT_PORT": fmt.Sprint(port)})
	opts := Options{Timeout: 2 * time.Second, ProcRoot: t.TempDir(), Hostname: "127.0.0.1", CAFile: ca}
	rep, err := Evaluate(context.Background(), Discovery{Units: []Unit{ctl}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Pods[0].Services[1]; s.State == StateActive || !strings.HasPrefix(s.URL, "http://") {
		t.Errorf("without SSL: %q via %s, want a failure over plain http", s.Line(), s.URL)
	}
	opts.SSL = true
	if rep, err = Evaluate(context.Background(), Discovery{Units: []Unit{ctl}}, opts); err != nil {
		t.Fatal(err)
	}
	if s := rep.Pods[0].Services[1]; s.Line() != "active" || !strings.HasPrefix(s.URL, "https://") {
		t.Errorf("with SSL from the environment: %q via %s, want active over https", s.Line(), s.URL)
	}
}

// TestHintsNameTfStatusFlags: what tf-status suggests names its own
// flags (-a/--cacert, --ssl), never ist's (--ca-file, --insecure).
func TestHintsNameTfStatusFlags(t *testing.T) {
	srv := httptest.NewUnstartedServer(fakeintrospect.Handler(nil))
	srv.TLS = &tls.Config{}
	srv.StartTLS()
	defer srv.Close()
	plain := serve(t, map[string]string{"NodeStatus": fakeintrospect.NodeStatusXML("contrail-control", "Functional", "")})
	untrusted := srv.Listener.Addr().(*net.TCPAddr).Port
	units := []Unit{
		unit("control", "control", map[string]string{"CONTROL_INTROSPECT_PORT": fmt.Sprint(untrusted), "INTROSPECT_SSL_ENABLE": "true"}),
		unit("vrouter", "agent", map[string]string{"VROUTER_AGENT_INTROSPECT_PORT": fmt.Sprint(plain), "INTROSPECT_SSL_ENABLE": "true"}),
	}
	rep, err := Evaluate(context.Background(), Discovery{Units: units}, Options{Timeout: 2 * time.Second, ProcRoot: t.TempDir(), Hostname: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	hints := map[string]string{}
	for _, p := range rep.Pods {
		for _, s := range p.Services {
			hints[p.Pod+"/"+s.Service] = s.Hint
		}
	}
	check := func(what, got, want string) {
		t.Helper()
		if !strings.Contains(got, want) || strings.Contains(got, "--ca-file") || strings.Contains(got, "--insecure") || strings.Contains(got, "--cert-file") {
			t.Errorf("%s: hint %q, want tf-status's %q and none of ist's flags", what, got, want)
		}
	}
	check("untrusted certificate", hints["control/control"], "-a/--cacert")
	check("https to a plain daemon", hints["vrouter/agent"], "INTROSPECT_SSL_ENABLE")
	var b bytes.Buffer
	if err := Render(&b, rep, FormatText, true); err != nil || !strings.Contains(b.String(), "    hint: give the cluster CA with -a/--cacert") {
		t.Errorf("-d text lacks the hint line:\n%s", b.String())
	}

	_, err = Evaluate(context.Background(), Discovery{Units: units[:1]}, Options{CAFile: "/nonexistent/ca.pem"})
	if err == nil {
		t.Fatal("a missing CA file was accepted")
	}
	check("missing CA file", err.Error(), "check -a/--cacert")
}

func writeCA(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	return ca
}
