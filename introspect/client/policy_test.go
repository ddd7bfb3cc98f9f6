package client

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestPolicyRefusesBeforeSending: a request the policy refuses is never
// sent (the server sees nothing) and fails with the usage class; a
// continuation the policy refuses stops the chain at that page.
func TestPolicyRefusesBeforeSending(t *testing.T) {
	rec := &recorder{pages: map[string]string{
		"/Snh_BgpNeighborReq":                 neighborPage([]string{"a"}, "cookie"),
		"/Snh_BgpNeighborReqIterate?x=cookie": neighborPage([]string{"b"}, ""),
	}}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	refuse := errors.New("not allowed")
	policy := func(path string) error {
		if strings.Contains(path, "Iterate") || strings.Contains(path, "Clear") {
			return refuse
		}
		return nil
	}
	c := newClient(t, Config{Hosts: []string{hostOf(srv)}, Policy: policy})

	_, err := collect(t, c, Request{Path: "Snh_ClearBgpNeighborReq?name=x", Names: []string{"BgpNeighborResp"}})
	if ExitCode(err) != 2 || !errors.Is(err, refuse) {
		t.Fatalf("refused request: err %v (exit %d), want the policy's error with exit 2", err, ExitCode(err))
	}
	if len(rec.uris) != 0 {
		t.Fatalf("refused request reached the server: %v", rec.uris)
	}

	got, err := collect(t, c, Request{Path: "Snh_BgpNeighborReq", Names: []string{"BgpNeighborResp"}})
	if !errors.Is(err, refuse) {
		t.Fatalf("refused continuation: err %v, got %v", err, got)
	}
	for _, u := range rec.uris {
		if strings.Contains(u, "Iterate") {
			t.Fatalf("refused continuation reached the server: %v", rec.uris)
		}
	}
}

// TestSwitchOn reads INTROSPECT_SSL_ENABLE as contrail-status does.
func TestSwitchOn(t *testing.T) {
	for v, want := range map[string]bool{"true": true, "True": true, "TRUE": true, "yes": true, "Yes": true, "on": true,
		"ON": true, " on ": true, "enabled": true, "1": true, " true ": true,
		"": false, "false": false, "no": false, "0": false, "off": false, "disabled": false, "maybe": false} {
		if SwitchOn(v) != want {
			t.Errorf("SwitchOn(%q) = %v, want %v", v, !want, want)
		}
	}
}
