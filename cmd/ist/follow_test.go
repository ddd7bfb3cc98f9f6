package main

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// followAgent serves one agent's answers from testdata/follow/<dir>
// (arguments ignored), 404 otherwise.
func followAgent(t *testing.T, dir string) string {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "follow", dir, strings.TrimPrefix(r.URL.Path, "/Snh_")+".xml"))
		if err != nil {
			w.WriteHeader(404)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// runFollowLine runs a command line as main does and returns stdout, the
// exit code and the error (stderr).
func runFollowLine(t *testing.T, args ...string) (string, int, error) {
	t.Helper()
	out, err := runIst(t, args...)
	return out, exitCode(err), err
}

func writeFile(t *testing.T, text string) string {
	p := filepath.Join(t.TempDir(), "hosts")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFollowCommand(t *testing.T) {
	vr1, vr2 := followAgent(t, "mpls/vrouter-1"), followAgent(t, "mpls/vrouter-2")
	hosts := writeFile(t, "# tunnel address -> introspect\n127.0.144.2\t"+vr2+"  vrouter-2\n")
	// Flags after the arguments, ist.py style.
	out, code, err := runFollowLine(t, "follow", "k8s-default-pod-network", "10.47.255.249", "--vrouter", vr1, "--hosts", hosts, "-f", "json")
	if code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	var hops []map[string]any
	if err := json.Unmarshal([]byte(out), &hops); err != nil || len(hops) != 4 {
		t.Fatalf("json (%v):\n%s", err, out)
	}
	var kinds []string
	for _, h := range hops {
		kinds = append(kinds, h["kind"].(string))
	}
	if !reflect.DeepEqual(kinds, []string{"route", "tunnel", "label", "interface"}) || hops[3]["vm"] != "cirros-2" || hops[3]["vrouter"] != vr2 {
		t.Fatalf("hops %v", hops)
	}

	t.Run("default format is a table; --host is the start", func(t *testing.T) {
		out, code, err := runFollowLine(t, "--host", vr1, "follow", "--hosts", hosts, "k8s-default-pod-network", "10.47.255.249")
		if code != 0 || !strings.Contains(out, "| hop | vrouter") || strings.Count(out, "\n") < 7 {
			t.Fatalf("exit %d (%v):\n%s", code, err, out)
		}
	})

	t.Run("unreachable hop: hops found, stop line, exit 3", func(t *testing.T) {
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		dead := l.Addr().String()
		l.Close()
		bad := writeFile(t, "127.0.144.2 "+dead+"\n")
		out, code, err := runFollowLine(t, "follow", "--vrouter", vr1, "--hosts", bad, "-f", "text", "k8s-default-pod-network", "10.47.255.249")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != 3 || len(lines) != 3 || !strings.HasPrefix(lines[2], "3  "+dead+"  stop") || !strings.Contains(err.Error(), "hop 3: label 16 on the vRouter at 127.0.144.2: connection refused") {
			t.Fatalf("exit %d (%v):\n%s", code, err, out)
		}
	})

	t.Run("--timeout bounds each hop", func(t *testing.T) {
		slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}))
		defer slow.Close()
		stuck := writeFile(t, "127.0.144.2 "+strings.TrimPrefix(slow.URL, "http://")+"\n")
		start := time.Now()
		out, code, err := runFollowLine(t, "follow", "--timeout", "300ms", "--vrouter", vr1, "--hosts", stuck, "-f", "text", "k8s-default-pod-network", "10.47.255.249")
		if code != 3 || !strings.Contains(err.Error(), "no answer within 300ms") || strings.Count(out, "\n") != 3 || time.Since(start) > 4*time.Second {
			t.Fatalf("exit %d (%v) after %s:\n%s", code, err, time.Since(start), out)
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		badHosts := writeFile(t, "127.0.144.2 "+vr2+"\nvrouter-3 127.0.0.1\n")
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"follow", "--vrouter", vr1, "vrf"}, "need <vrf> and <address>"},
			{[]string{"follow", "--vrouter", vr1, "vrf", "10.1.1"}, `bad address "10.1.1"`},
			{[]string{"follow", "--vrouter", vr1, "-f", "xml", "vrf", "10.1.1.1"}, `bad --format "xml"`},
			{[]string{"follow", "--vrouter", vr1 + "," + vr2, "vrf", "10.1.1.1"}, "follow starts on one vRouter"},
			{[]string{"follow", "--vrouter", vr1, "--hosts", badHosts, "vrf", "10.1.1.1"}, `line 2: "vrouter-3" is not an IP address`},
			{[]string{"follow", "--vrouter", vr1, "--hosts", badHosts + ".missing", "vrf", "10.1.1.1"}, "no such file"},
			{[]string{"follow", "--vrouter", vr1, "k8s-default", "10.1.1.1"}, "matches 2 VRFs"},
			{[]string{"--file", hosts, "follow", "--vrouter", vr1, "vrf", "10.1.1.1"}, "cannot read a saved answer"},
			{[]string{"folow", "vrf", "10.1.1.1"}, `unknown command "folow"`},
		} {
			out, code, err := runFollowLine(t, c.args...)
			if code != 2 || out != "" || err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%q: exit %d, err %v, out %q; want exit 2 and %q", c.args, code, err, out, c.want)
			}
		}
	})
}
