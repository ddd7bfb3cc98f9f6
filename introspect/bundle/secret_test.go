package bundle_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/bundle"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
)

// TestNoSecretInBundle: a bundle written through the web-UI proxy with
// --token, a proxy URL carrying a password, and a daemon whose pages hold
// a password element and a token in a text: none of the secrets is
// anywhere in the file (every entry decompressed), the masks are.
func TestNoSecretInBundle(t *testing.T) {
	const token, proxyPass = "SECRET_TOKEN_42", "pw-secret-9"
	node := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/Snh_BgpNeighborReq"):
			io.WriteString(w, `<BgpNeighborListResp type="sandesh"><neighbors type="list" identifier="1"><list type="struct" size="0"></list></neighbors></BgpNeighborListResp>`)
		case r.URL.Path == "/Snh_SandeshUVECacheReq":
			io.WriteString(w, `<__NodeStatusUVE_list type="slist"><NodeStatusUVE type="sandesh"><data type="struct" identifier="1"><NodeStatus><name type="string" identifier="1">ctl</name>`+
				`<description type="string" identifier="2">started with --password hunter2 and auth_token=tok-xyz</description>`+
				`<keystone_admin_password type="string" identifier="3">contrail123</keystone_admin_password></NodeStatus></data></NodeStatusUVE></__NodeStatusUVE_list>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer node.Close()
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Auth-Token") != token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		resp, err := http.Get(r.URL.Query().Get("proxyURL"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	defer proxy.Close()
	proxyURL := strings.Replace(proxy.URL, "http://", "http://admin:"+proxyPass+"@", 1)
	out := filepath.Join(t.TempDir(), "b.tar.gz")
	host := strings.TrimPrefix(node.URL, "http://")
	cfg := bundle.Config{
		Collect: collect.Options{Client: client.Config{Timeout: 2 * time.Second, Proxy: proxyURL, Token: token}},
		Hosts:   []string{host}, Output: out, Tool: "tfkit ist test",
		Command: "ist --host " + host + " --proxy " + proxyURL + " --token " + token + " bundle",
	}
	m, _, err := bundle.Write(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Nodes) == 0 || m.Nodes[0].Requests[0].Pages[0].Status != 200 {
		t.Fatalf("the node was not read through the proxy: %+v", m.Nodes)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{token, proxyPass, "hunter2", "tok-xyz", "contrail123"} {
		if bytes.Contains(all, []byte(secret)) {
			t.Errorf("the bundle holds %q", secret)
		}
	}
	for _, want := range []string{"--token ***", "admin:***@", "--password *** and auth_token=***", `<keystone_admin_password type="string" identifier="3">***<`} {
		if !bytes.Contains(all, []byte(want)) {
			t.Errorf("the bundle lacks %q", want)
		}
	}
}
