package query

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/internal/testnet"
	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/readonly"
)

const neiPath = "/Snh_BgpNeighborReq?search_string="

var routePath = "/Snh_ShowRouteReq?routing_table=&routing_instance=&prefix=&longer_match=&shorter_match=&count=&start_routing_table=&start_routing_instance=&start_prefix=&source=&protocol=&family="

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ctr", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// serve answers the control node's neighbor and route pages.
func serve(t *testing.T) string {
	t.Helper()
	pages := map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml"), routePath: fixture(t, "ShowRouteReq.xml")}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.RequestURI()]
		if !ok {
			w.WriteHeader(404)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// hang is a server that answers nothing until release is closed (nil:
// never), then 404; it gives up when the client does.
func hang(t *testing.T, release chan struct{}) string {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
			w.WriteHeader(404)
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

func command(t *testing.T, role, name string) *catalog.Command {
	t.Helper()
	for _, c := range catalog.ForRole(role) {
		if c.Name() == name {
			return c
		}
	}
	t.Fatalf("no command %s %s", role, name)
	return nil
}

// run runs ctr <name> on hosts and returns stdout and the error.
func run(t *testing.T, hosts []string, timeout time.Duration, name string, p Params, opt Options) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := runTo(t, &out, hosts, timeout, name, p, opt)
	return out.String(), err
}

// runTo runs ctr <name> on hosts, writing to w.
func runTo(t *testing.T, w io.Writer, hosts []string, timeout time.Duration, name string, p Params, opt Options) error {
	t.Helper()
	q, err := New("ctr", command(t, "ctr", name), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := client.New(client.Config{Hosts: hosts, Timeout: timeout, Policy: readonly.Check, Port: 8083})
	if err != nil {
		t.Fatal(err)
	}
	return q.Run(context.Background(), cl, w)
}

// TestSomeHostsFail: one host answers, one refuses, one never answers.
// Every layout prints the host that answered, the error names each failed
// host on its own line, the exit status is the worst class, and the
// hanging host costs one --timeout.
func TestSomeHostsFail(t *testing.T) {
	good, dead, stuck := serve(t), testnet.DeadAddr(t), hang(t, nil)
	hosts := []string{dead, good, stuck}
	bgp := Params{Strings: map[string]string{"type": "BGP"}}
	for _, tc := range []struct {
		name   string
		cmd    string
		params Params
		opt    Options
		check  func(out string) bool
	}{
		{"table with a host column", "nei", bgp, Options{Columns: []string{"peer", "state"}},
			func(out string) bool {
				return strings.Count(out, "| "+good+" |") == 2 && !strings.Contains(out, dead) && !strings.Contains(out, stuck)
			}},
		{"text sections", "nei", bgp, Options{Format: "text"},
			func(out string) bool {
				return strings.HasPrefix(out, "== "+good+" ==\nBgpNeighborResp\n") && strings.Count(out, "== ") == 1
			}},
		{"json array", "nei", bgp, Options{Format: "json", Columns: []string{"peer"}},
			func(out string) bool {
				var recs []map[string]string
				return json.Unmarshal([]byte(out), &recs) == nil && len(recs) == 2 && recs[0]["host"] == good
			}},
		{"streaming route show", "route show", Params{}, Options{},
			func(out string) bool {
				return strings.HasPrefix(out, "== "+good+" ==\n") && strings.Contains(out, "10.244.0.3/32, age:") && strings.Count(out, "== ") == 1
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			out, err := run(t, hosts, 500*time.Millisecond, tc.cmd, tc.params, tc.opt)
			lines := strings.Split(err.Error(), "\n")
			if !tc.check(out) {
				t.Errorf("output:\n%s", out)
			}
			if clikit.ExitCode(err) != 3 || len(lines) != 2 || !strings.Contains(lines[0], "connection refused ("+dead) ||
				!strings.Contains(lines[1], "no answer within 500ms ("+stuck) {
				t.Errorf("exit %d, error lines:\n%v", clikit.ExitCode(err), err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s with a 500ms timeout", d)
			}
		})
	}
	// The worst class wins: an HTTP error (4) over a refused host (3).
	_, err := run(t, []string{dead, good}, time.Second, "ri", Params{}, Options{})
	if clikit.ExitCode(err) != 4 || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("404 and refused: exit %d: %v", clikit.ExitCode(err), err)
	}
}

// TestSectionsDoNotWaitForLaterHosts: with per-host sections, the
// section of a host that answered is written while a host listed after
// it is still hanging. The hanging host is released only once that
// section is on the writer: if the sections waited for every host, the
// hanging one would time out instead of answering.
func TestSectionsDoNotWaitForLaterHosts(t *testing.T) {
	release := make(chan struct{})
	good, slow := serve(t), hang(t, release)
	w := &watchWriter{want: "== " + good + " ==", seen: release}
	err := runTo(t, w, []string{good, slow}, 10*time.Second, "nei", Params{}, Options{Format: "text"})
	if clikit.ExitCode(err) != 4 || !strings.Contains(err.Error(), "HTTP 404") {
		t.Fatalf("the slow host should have answered 404 after the first section was written: %v", err)
	}
	if !strings.HasPrefix(w.buf.String(), "== "+good+" ==\nBgpNeighborResp") {
		t.Errorf("output:\n%s", w.buf.String())
	}
}

// watchWriter closes seen once what it received contains want.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
	done bool
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if !w.done && strings.Contains(w.buf.String(), w.want) {
		w.done = true
		close(w.seen)
	}
	return n, err
}
