package status

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/cluster/clustertest"
)

// TestAgentDNSServerDown runs the evaluation against a refnode agent
// whose contrail-dns stops (`refnode ctl stop dns@control-N`): the real
// agent stays Functional and names the DNS server in its description,
// so tf-status says "active (XMPP:dns-server:<ip> connection down)"
// (healthy, as contrail-status), lists the connection Down in the
// detail, and says plain "active" once the server is back.
func TestAgentDNSServerDown(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a refnode cluster: skipped with -short")
	}
	top := clustertest.Topology(t, 236, 237, nil)
	c := clustertest.Start(t, top, cluster.Options{})
	vr := top.VRouters[0]
	server := c.Node(vr.Name).(*agent.Agent).DNSServers()[0]
	ip := top.Control(server).Address
	d := Discovery{Units: []Unit{unit("vrouter", "agent",
		map[string]string{"VROUTER_AGENT_INTROSPECT_PORT": fmt.Sprint(top.Cluster.Ports.AgentIntrospect)})}}
	opts := Options{Timeout: 2 * time.Second, ProcRoot: t.TempDir(), Hostname: vr.Address}
	agentStatus := func() (ServiceStatus, error) {
		rep, err := Evaluate(context.Background(), d, opts)
		if err != nil {
			return ServiceStatus{}, err
		}
		for _, p := range rep.Pods {
			for _, s := range p.Services {
				if p.Pod == "vrouter" && s.Service == "agent" {
					return s, nil
				}
			}
		}
		return ServiceStatus{}, fmt.Errorf("no vrouter/agent in %+v", rep.Pods)
	}
	await := func(line string) ServiceStatus {
		t.Helper()
		var s ServiceStatus
		testwait.Until(t, "vrouter/agent: "+line, 30*time.Second, func() error {
			var err error
			if s, err = agentStatus(); err == nil && s.Line() != line {
				err = fmt.Errorf("line %q", s.Line())
			}
			return err
		})
		return s
	}

	await("active")
	if err := c.StopNode("dns@" + server); err != nil {
		t.Fatal(err)
	}
	s := await("active (XMPP:dns-server:" + ip + " connection down)")
	if !s.Healthy() {
		t.Errorf("a DNS server down must leave the agent healthy: %+v", s)
	}
	if !slices.ContainsFunc(s.Connections, func(c Connection) bool {
		return c.Type == "XMPP" && c.Name == "dns-server:"+ip && c.Status == "Down" && slices.Equal(c.ServerAddrs, []string{ip + ":8093"})
	}) {
		t.Errorf("detail lacks the DNS connection Down: %+v", s.Connections)
	}
	if err := c.StartNode("dns@" + server); err != nil {
		t.Fatal(err)
	}
	await("active")
}
