package exporter_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/tfkit/tfkit/exporter"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

// scrape gets /metrics and returns the samples as "name{l="v",…}" -> value
// (labels sorted by name).
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("HTTP %d: %s", resp.StatusCode, body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("not the Prometheus text format: %v\n%s", err, body)
	}
	out := map[string]float64{}
	for name, mf := range mfs {
		for _, m := range mf.Metric {
			var ls []string
			for _, l := range m.Label {
				ls = append(ls, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			out[name+"{"+strings.Join(ls, ",")+"}"] = value(mf.GetType(), m)
		}
	}
	return out
}

func value(t dto.MetricType, m *dto.Metric) float64 {
	if t == dto.MetricType_COUNTER {
		return m.Counter.GetValue()
	}
	return m.Gauge.GetValue()
}

// metrics serves an exporter of cfg.
func metrics(t *testing.T, cfg exporter.Config) string {
	t.Helper()
	cfg.Collect.Client.Timeout = 2 * time.Second
	e, err := exporter.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(e.Handler())
	t.Cleanup(s.Close)
	return s.URL + "/metrics"
}

// want checks samples, reporting the first that differs.
func want(got map[string]float64, samples map[string]float64) error {
	for k, v := range samples {
		g, ok := got[k]
		if !ok {
			return fmt.Errorf("no sample %s", k)
		}
		if g != v {
			return fmt.Errorf("%s = %v, want %v", k, g, v)
		}
	}
	return nil
}

// TestExporterUnderFaults scrapes tf-exporter while refnode runs faults:
// healthy, every session up; a cut BGP session raises its flap counter
// on both ends; a stopped contrail-dns turns the agent's dns-server
// connection to 0 and nothing else; a stopped control node turns its peers' session metric
// to 0 (state Active/Idle), its tf_up to 0 and the vRouters' XMPP to it;
// with --hosts, one node's daemons only.
func TestExporterUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end cluster test: skipped with -short")
	}
	top := clustertest.Topology(t, 167, 168, nil)
	c := clustertest.Start(t, top, cluster.Options{})
	c1, c2, c3 := top.Controls[0], top.Controls[1], top.Controls[2]
	url := metrics(t, exporter.Config{Controls: []string{c2.Address}})
	bgp := func(node, peer string) string {
		return fmt.Sprintf(`tf_bgp_peer_up{node=%q,peer=%q,peer_address=%q,peer_asn="64512"}`, node, peer, top.Control(peer).Address)
	}
	flaps := func(node, peer string) string {
		return fmt.Sprintf(`tf_bgp_peer_flaps_total{node=%q,peer=%q}`, node, peer)
	}
	var got map[string]float64
	testwait.Until(t, "every session up", 60*time.Second, func() error {
		got = scrape(t, url)
		s := map[string]float64{bgp(c1.Name, c2.Name): 1, bgp(c2.Name, c1.Name): 1, bgp(c2.Name, c3.Name): 1, bgp(c3.Name, c1.Name): 1,
			`tf_vrouter_xmpp_sessions{node="vrouter-1"}`: 2, `tf_vrouter_xmpp_sessions{node="vrouter-2"}`: 2,
			fmt.Sprintf(`tf_up{address=%q,node=%q,role="ctr"}`, c1.Address, c1.Name): 1,
			`tf_vrouter_interfaces{node="vrouter-1",state="inactive"}`:               0}
		return want(got, s)
	})
	if got[`tf_scrape_failed_requests{}`] != 0 || got[`tf_scrape_requests{}`] < 10 {
		t.Errorf("scrape counters: %v failed, %v requests", got[`tf_scrape_failed_requests{}`], got[`tf_scrape_requests{}`])
	}
	before := got[flaps(c2.Name, c3.Name)]

	// A cut session: both ends count a flap.
	if err := c.Cut(c2.Name, c3.Name); err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "the flap counted and the session back", 60*time.Second, func() error {
		got = scrape(t, url)
		if got[flaps(c2.Name, c3.Name)] <= before || got[flaps(c3.Name, c2.Name)] <= before {
			return fmt.Errorf("flaps %v and %v, before %v", got[flaps(c2.Name, c3.Name)], got[flaps(c3.Name, c2.Name)], before)
		}
		return want(got, map[string]float64{bgp(c2.Name, c3.Name): 1})
	})

	// vrouter-1's first DNS server stopped: its tf_connection_up series
	// (the agent's NodeStatus entry dns-server:<ip>) turns 0, the agent
	// stays Functional and its control-node XMPP sessions are still 2.
	dnsServer := c.Node("vrouter-1").(*agent.Agent).DNSServers()[0]
	dnsConn := fmt.Sprintf(`tf_connection_up{name="dns-server:%s",node="vrouter-1",role="vr",type="XMPP"}`, top.Control(dnsServer).Address)
	agentUp := `tf_process_functional{module="contrail-vrouter-agent",node="vrouter-1",role="vr"}`
	if err := want(got, map[string]float64{dnsConn: 1}); err != nil {
		t.Error(err)
	}
	if err := c.StopNode("dns@" + dnsServer); err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "the DNS connection down, nothing else", 60*time.Second, func() error {
		got = scrape(t, url)
		return want(got, map[string]float64{dnsConn: 0, agentUp: 1, `tf_vrouter_xmpp_sessions{node="vrouter-1"}`: 2})
	})
	if err := c.StartNode("dns@" + dnsServer); err != nil {
		t.Fatal(err)
	}

	// control-1 stopped: its peers' metric turns 0, it is not up.
	if err := c.StopNode(c1.Name); err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "control-1's peers see it down", 60*time.Second, func() error {
		got = scrape(t, url)
		if err := want(got, map[string]float64{bgp(c2.Name, c1.Name): 0, bgp(c3.Name, c1.Name): 0, bgp(c2.Name, c3.Name): 1,
			fmt.Sprintf(`tf_up{address=%q,node=%q,role="ctr"}`, c1.Address, c1.Name):      0,
			fmt.Sprintf(`tf_vrouter_xmpp_up{controller=%q,node="vrouter-1"}`, c1.Address): 0}); err != nil {
			return err
		}
		if got[fmt.Sprintf(`tf_bgp_peer_state{node=%q,peer=%q,state="Established"}`, c2.Name, c1.Name)] != 0 {
			return fmt.Errorf("control-2 still shows control-1 Established")
		}
		return nil
	})

	// --hosts: the daemons of vrouter-1's address only, absent roles left out.
	hostsURL := metrics(t, exporter.Config{Hosts: []string{top.VRouters[0].Address}})
	got = scrape(t, hostsURL)
	var ups []string
	for k := range got {
		if strings.HasPrefix(k, "tf_up{") {
			ups = append(ups, k)
		}
	}
	if len(ups) != 2 || got[fmt.Sprintf(`tf_up{address=%q,node="vrouter-1",role="vr"}`, top.VRouters[0].Address)] != 1 ||
		got[fmt.Sprintf(`tf_up{address=%q,node="vrouter-1",role="nodemgr_vr"}`, top.VRouters[0].Address)] != 1 {
		t.Errorf("--hosts: up series %v", ups)
	}
	if _, ok := got[`tf_vrouter_flows{node="vrouter-1"}`]; !ok {
		t.Errorf("no flow table metric from the agent")
	}
	if _, ok := got[`tf_vrouter_drops_total{node="vrouter-1",reason="invalid_nh"}`]; !ok {
		t.Errorf("no drop counter from the agent")
	}
	// The agent stopped: a daemon that answered before and now refuses is
	// down (tf_up 0), not absent.
	if err := c.StopNode(top.VRouters[0].Name); err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "the stopped agent's tf_up 0", 30*time.Second, func() error {
		return want(scrape(t, hostsURL), map[string]float64{fmt.Sprintf(`tf_up{address=%q,node="vrouter-1",role="vr"}`, top.VRouters[0].Address): 0})
	})
}

// TestConfigErrors: both or neither of --host/--hosts, a bad role.
func TestConfigErrors(t *testing.T) {
	for _, cfg := range []exporter.Config{{}, {Controls: []string{"a"}, Hosts: []string{"b"}}, {Hosts: []string{"b"}, Roles: []string{"nope"}},
		{Hosts: []string{"b"}, Collect: collect.Options{Ports: map[string]int{"vr": 0}}}} {
		if _, err := exporter.New(cfg); client.ExitCode(err) != 2 {
			t.Errorf("%+v: %v", cfg, err)
		}
	}
}
