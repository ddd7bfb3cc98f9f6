package agent_test

import (
	"context"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/agent"
	"github.com/tfkit/tfkit/refnode/cluster"
	"github.com/tfkit/tfkit/refnode/topo"
)

// fetch GETs an introspect page of a and decodes the first part named
// like v into v.
func fetch(t *testing.T, a *agent.Agent, path string, v any) {
	t.Helper()
	resp, err := http.Get("http://" + a.IntrospectAddr() + path)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s: HTTP %d %v", path, resp.StatusCode, err)
	}
	n, err := sandesh.ParseBytes(body)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	part := n.Find(sandesh.ElementName(v))
	if n.Name == sandesh.ElementName(v) {
		part = n
	}
	if part == nil {
		t.Fatalf("%s: no %s", path, sandesh.ElementName(v))
	}
	if err := sandesh.Unmarshal(part, v); err != nil {
		t.Fatal(err)
	}
}

// TestDefaultTopologyContent runs vrouter-1 of the default cluster (the
// config refnode/cluster gives it, on a test address and without control
// nodes) and checks that the VXLAN, IFMap and DNS answers list the
// topology's networks and the pods of that vRouter.
func TestDefaultTopologyContent(t *testing.T) {
	top := topo.Default()
	s, err := top.Service(topo.RoleVRouter, "vrouter-1")
	if err != nil {
		t.Fatal(err)
	}
	cfg := cluster.AgentConfig(cluster.Service{Service: s, Topo: top, Timers: top.Timers(0.1)})
	cfg.Address, cfg.Controls = netip.MustParseAddr("127.211.30.1"), nil
	a, err := agent.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer a.Stop()
	pods := top.PodsOn("vrouter-1")
	if len(pods) == 0 {
		t.Fatal("default topology has no pod on vrouter-1")
	}

	// VXLAN config: every network but link-local, by its VN index and uuid.
	var vx schema.VxLanConfigResp
	fetch(t, a, "/Snh_VxLanConfigReq", &vx)
	byUUID := map[string]schema.VxLanConfigEntry{}
	for _, e := range vx.VxlanConfigEntries {
		byUUID[e.VNUUID] = e
	}
	for _, n := range top.Networks {
		e, ok := byUUID[strings.ToLower(n.UUID)]
		if n.FQName == agent.LinkLocalVN {
			if ok {
				t.Errorf("link-local VN has a VXLAN entry %+v", e)
			}
			continue
		}
		if !ok || int(e.VxlanID) != n.VNIndex || e.Vrf != agent.VRFName(n.FQName) || !e.Active {
			t.Errorf("network %s (%s, index %d): entry %+v", n.FQName, n.UUID, n.VNIndex, e)
		}
	}

	// IFMap: the pods' VMs and VMIs, the fabric VN with its __default__ RI.
	var im schema.ShowIFMapAgentResp
	fetch(t, a, "/Snh_ShowIFMapAgentReq", &im)
	text := strings.Join(im.TableData, "")
	for _, p := range pods {
		for _, want := range []string{"type:virtual-machine\n\t\t\tname:" + p.UUID + "\n", ":" + p.VMIUUID + "\n", "instance-ip-address:" + p.IP + "\n"} {
			if !strings.Contains(text, want) {
				t.Errorf("pod %s: IFMap lacks %q", p.Name, want)
			}
		}
	}
	var fabric schema.ShowIFMapAgentResp
	fetch(t, a, "/Snh_ShowIFMapAgentReq?table_name=virtual-network&node_sub_string=ip-fabric", &fabric)
	if len(fabric.TableData) != 1 || !strings.Contains(fabric.TableData[0], "\trouting-instance  "+agent.FabricVRF+"\n") {
		t.Errorf("fabric VN node %q", fabric.TableData)
	}

	// The DNS module tracks every pod interface.
	var vd schema.VmVdnsListResponse
	fetch(t, a, "/Snh_VmVdnsListReq", &vd)
	if len(vd.Rlist) != len(pods) {
		t.Errorf("vdns list %+v, pods %d", vd.Rlist, len(pods))
	}
}
