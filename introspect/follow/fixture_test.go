package follow_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/testnet"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/follow"
)

// The fixtures were captured from refnode agents (vrouter-1/2/3 at
// 127.0.144.1-3); see testdata/follow/README.md for the hand-made
// variants. Each test serves them over HTTP and maps the tunnel
// addresses to those servers with Hosts.
const (
	fixVR1, fixVR2, fixVR3 = "127.0.144.1", "127.0.144.2", "127.0.144.3"
	fixPodVRF              = "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network"
)

var fixtures = filepath.Join("..", "..", "testdata", "follow")

// agentServer answers /Snh_<Req>?… with the first <dir>/<Req>.xml found
// among dirs (paths under testdata/follow), 404 like the C++ server
// otherwise; arguments are ignored (follow filters the records itself).
func agentServer(t testing.TB, dirs ...string) string {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := strings.TrimPrefix(r.URL.Path, "/Snh_")
		for _, d := range dirs {
			b, err := os.ReadFile(filepath.Join(fixtures, d, req+".xml"))
			if err == nil {
				w.Header().Set("Content-Type", "text/xml")
				w.Write(b)
				return
			}
		}
		w.WriteHeader(404)
		w.Write([]byte("<html>\n<title>404 Not Found</title>\n</html>\r\n\x00"))
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// fixtureWalk follows cirros-2's address (or addr) from a vrouter-1
// served from vr1Dirs, with vrouter-2/3 served from their dirs (nil: not
// mapped).
func fixtureWalk(t *testing.T, addr string, vr1Dirs, vr2Dirs, vr3Dirs []string) ([]follow.Hop, map[string]string, error) {
	t.Helper()
	hosts := follow.Hosts{}
	names := map[string]string{}
	start := agentServer(t, vr1Dirs...)
	names[start] = "vrouter-1"
	for dip, dirs := range map[string][]string{fixVR2: vr2Dirs, fixVR3: vr3Dirs} {
		if dirs != nil {
			h := agentServer(t, dirs...)
			hosts[netip.MustParseAddr(dip)] = h
			names[h] = dip
		}
	}
	hops, err := run(followCfg(hosts), start, "k8s-default-pod-network", addr)
	return hops, names, err
}

var (
	mplsVR1 = []string{"mpls/vrouter-1"}
	mplsVR2 = []string{"mpls/vrouter-2"}
	ecmpVR3 = []string{"ecmp/vrouter-3"}
)

func TestFixtureMPLS(t *testing.T) {
	hops, names, err := fixtureWalk(t, cirros2, mplsVR1, mplsVR2, nil)
	if err != nil || kinds(hops) != "route tunnel label interface" {
		t.Fatalf("%v: %s", err, kinds(hops))
	}
	r, tun, l, itf := hops[0], hops[1], hops[2], hops[3]
	if names[r.VRouter] != "vrouter-1" || r.VRF != fixPodVRF || r.Prefix != "10.47.255.249/32" || r.Peer != "127.0.143.1" ||
		r.NhType != "tunnel" || *r.NhIndex != 9 || *r.Label != 16 || r.Paths != 1 {
		t.Errorf("route %+v", r)
	}
	if tun.Source != fixVR1 || tun.Dest != fixVR2 || tun.Encap != "MPLSoUDP" || *tun.Label != 16 || names[tun.DestHost] != fixVR2 {
		t.Errorf("tunnel %+v", tun)
	}
	if names[l.VRouter] != fixVR2 || *l.Label != 16 || l.NhType != "interface" || *l.NhIndex != 8 || l.Interface != "tapdc830f94-e1" {
		t.Errorf("label %+v", l)
	}
	if names[itf.VRouter] != fixVR2 || itf.Interface != "tapdc830f94-e1" || itf.VM != "cirros-2" || itf.IP != cirros2 ||
		itf.MAC != "02:dc:83:0f:94:e1" || itf.Active != "Active" || itf.VN != "default-domain:k8s-default:k8s-default-pod-network" {
		t.Errorf("interface %+v", itf)
	}

	t.Run("formats", func(t *testing.T) {
		js, err := follow.Append(nil, hops, "json")
		if err != nil {
			t.Fatal(err)
		}
		var back []follow.Hop
		if err := json.Unmarshal(js, &back); err != nil || !reflect.DeepEqual(back, hops) {
			t.Fatalf("json does not read back (%v):\n%s", err, js)
		}
		if lines := strings.Split(strings.TrimSpace(string(js)), "\n"); len(lines) != 6 {
			t.Errorf("json: want one hop per line:\n%s", js)
		}
		txt, _ := follow.Append(nil, hops, "text")
		lines := strings.Split(strings.TrimSuffix(string(txt), "\n"), "\n")
		if len(lines) != 4 || !strings.HasPrefix(lines[0], "1 ") || !strings.HasPrefix(lines[3], "4 ") ||
			!strings.Contains(lines[1], "tunnel     MPLSoUDP 127.0.144.1 -> 127.0.144.2") ||
			!strings.Contains(lines[2], "label      label 16 nh 8 (interface tapdc830f94-e1)") ||
			!strings.Contains(lines[3], "interface  tapdc830f94-e1 vm cirros-2") {
			t.Errorf("text:\n%s", txt)
		}
		tbl, _ := follow.Append(nil, hops, "table")
		if !strings.Contains(string(tbl), "| hop | vrouter ") || !strings.Contains(string(tbl), "| 3   | "+l.VRouter+" | label ") {
			t.Errorf("table:\n%s", tbl)
		}
		if _, err := follow.Append(nil, hops, "xml"); err == nil {
			t.Error("unknown format accepted")
		}
	})
}

func TestFixtureLocalAndReceive(t *testing.T) {
	hops, _, err := fixtureWalk(t, cirros1, mplsVR1, nil, nil)
	if err != nil || kinds(hops) != "route interface" || hops[1].VM != "cirros-1" || *hops[0].Label != 16 {
		t.Fatalf("%v: %+v", err, hops)
	}
	hops, _, err = fixtureWalk(t, "10.47.255.254", mplsVR1, nil, nil)
	if err != nil || kinds(hops) != "route receive" || hops[1].Interface != "vhost0" || hops[0].Label != nil {
		t.Fatalf("gateway: %v: %+v", err, hops)
	}
}

// TestFixtureECMP: the composite NH as the real agent names it ("ECMP
// Composite sub nh count: 2"); each member is a branch.
func TestFixtureECMP(t *testing.T) {
	hops, names, err := fixtureWalk(t, cirros2, []string{"ecmp/vrouter-1", "mpls/vrouter-1"}, mplsVR2, ecmpVR3)
	want := "route composite [1/2]tunnel [1/2]label [1/2]interface [2/2]tunnel [2/2]label [2/2]interface"
	if err != nil || kinds(hops) != want {
		t.Fatalf("%v: %s", err, kinds(hops))
	}
	if hops[1].Members != 2 || hops[1].NhType != "ECMP Composite sub nh count: 2" || hops[0].Paths != 2 {
		t.Errorf("composite %+v / route %+v", hops[1], hops[0])
	}
	if names[hops[4].VRouter] != fixVR2 || hops[4].VM != "cirros-2" || names[hops[7].VRouter] != fixVR3 || hops[7].VM != "cirros-2-twin" {
		t.Errorf("branch ends: %+v %+v", hops[4], hops[7])
	}
	if hops[2].Step != 3 || hops[5].Step != 3 || hops[7].Step != 5 || hops[7].Name() != "5 [2/2]" {
		t.Errorf("numbering: %+v", hops)
	}

	t.Run("one branch unreachable", func(t *testing.T) {
		hosts := follow.Hosts{netip.MustParseAddr(fixVR2): agentServer(t, mplsVR2...), netip.MustParseAddr(fixVR3): testnet.DeadAddr(t)}
		hops, err := run(followCfg(hosts), agentServer(t, "ecmp/vrouter-1", "mpls/vrouter-1"), fixPodVRF, cirros2)
		want := "route composite [1/2]tunnel [1/2]label [1/2]interface [2/2]tunnel [2/2]stop"
		if kinds(hops) != want || client.ExitCode(err) != 3 {
			t.Fatalf("%v (exit %d): %s", err, client.ExitCode(err), kinds(hops))
		}
		if !strings.HasPrefix(err.Error(), "hop 4 (ECMP branch 2/2): label 16 on the vRouter at 127.0.144.3: connection refused") {
			t.Errorf("error %q", err)
		}
	})
}

// TestFixtureIPv6: an IPv6 address is looked up with Inet6UcRouteReq,
// /128 first, then the longest match in the whole table.
func TestFixtureIPv6(t *testing.T) {
	hops, _, err := fixtureWalk(t, "fd47::249", []string{"v6/vrouter-1", "mpls/vrouter-1"}, mplsVR2, nil)
	if err != nil || kinds(hops) != "route tunnel label interface" || hops[0].Prefix != "fd47::249/128" || hops[3].VM != "cirros-2" {
		t.Fatalf("%v: %+v", err, hops)
	}
	hops, _, err = fixtureWalk(t, "fd47::1", []string{"v6/vrouter-1", "mpls/vrouter-1"}, nil, nil)
	if err != nil || kinds(hops) != "route receive" || hops[0].Prefix != "fd47::/64" {
		t.Fatalf("covering /64: %v: %+v", err, hops)
	}
	if _, _, err = fixtureWalk(t, "fd47::249", mplsVR1, nil, nil); client.ExitCode(err) != 4 {
		t.Fatalf("IPv6 must ask Inet6UcRouteReq (404 here): %v", err)
	}
}

// TestFixtureFabric: in the fabric VRF an arp next hop ends the walk on
// the fabric interface; a resolve next hop stops it.
func TestFixtureFabric(t *testing.T) {
	vr1 := agentServer(t, "fabric/vrouter-1", "mpls/vrouter-1")
	hops, err := run(followCfg(nil), vr1, "ip-fabric:__default__", "127.0.144.9")
	if err != nil || kinds(hops) != "route arp" || hops[1].Interface != "eth0" || hops[1].MAC != "52:54:0:aa:bb:cc" || hops[0].Peer != "Fabric RT" {
		t.Fatalf("%v: %+v", err, hops)
	}
	hops, err = run(followCfg(nil), vr1, "ip-fabric:__default__", "127.0.144.7")
	if client.ExitCode(err) != 1 || kinds(hops) != "route stop" || !strings.Contains(hops[1].Reason, "resolve next hop 7") {
		t.Fatalf("%v: %+v", err, hops)
	}
}

// TestFixtureVXLAN: a VXLAN tunnel is followed by its VNI to the VRF on
// the other vRouter and looked up again there.
func TestFixtureVXLAN(t *testing.T) {
	hops, _, err := fixtureWalk(t, cirros2, []string{"vxlan/vrouter-1", "mpls/vrouter-1"}, mplsVR2, nil)
	if err != nil || kinds(hops) != "route tunnel vxlan route interface" {
		t.Fatalf("%v: %s", err, kinds(hops))
	}
	if hops[1].Encap != "VXLAN" || hops[1].VNI != 5 || hops[1].Label != nil || hops[2].VNI != 5 || hops[2].VRF != fixPodVRF ||
		hops[3].Peer != "LocalVmPort" || hops[4].VM != "cirros-2" {
		t.Errorf("hops %+v", hops)
	}
}

// TestFixtureBroken: every broken hop stops its branch with a reason and
// the right exit code, after the hops found so far.
func TestFixtureBroken(t *testing.T) {
	missing := []string{"no-such-dir"}
	cases := []struct {
		name          string
		addr          string
		vr1, vr2      []string
		kinds, reason string
		exit          int
	}{
		{"longest match is a discard route", "10.40.1.2", []string{"broken/lpm", "mpls/vrouter-1"}, nil,
			"route stop", "discard next hop 1", 1},
		{"longest match wins over the covering route", cirros2, []string{"broken/lpm", "mpls/vrouter-1"}, mplsVR2,
			"route tunnel label interface", "", 0},
		{"no route", "10.40.1.2", mplsVR1, nil, "stop", "no route to 10.40.1.2 in VRF " + fixPodVRF, 1},
		{"label not installed", cirros2, mplsVR1, []string{"broken/nolabel", "mpls/vrouter-2"},
			"route tunnel stop", "label 16 is not installed on", 1},
		{"interface inactive", cirros2, mplsVR1, []string{"broken/inactive", "mpls/vrouter-2"},
			"route tunnel label interface stop", "interface tapdc830f94-e1 is not active: Inactive", 1},
		{"agent refuses the route request", cirros2, []string{"broken/errorresp", "mpls/vrouter-1"}, nil,
			"stop", `the agent answered ErrorResp "   Invalid Input !!!   "`, 1},
		{"remote agent does not know MplsReq", cirros2, mplsVR1, missing, "route tunnel stop", "HTTP 404", 4},
		{"VRF next hop loop", cirros2, []string{"broken/loop", "mpls/vrouter-1"}, nil,
			strings.TrimSpace(strings.Repeat("route vrf ", 8)) + " stop", "more than 16 hops", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hops, _, err := fixtureWalk(t, c.addr, c.vr1, c.vr2, nil)
			if kinds(hops) != c.kinds || client.ExitCode(err) != c.exit {
				t.Fatalf("%v (exit %d): %s", err, client.ExitCode(err), kinds(hops))
			}
			if c.exit == 0 {
				return
			}
			last := hops[len(hops)-1]
			if !strings.Contains(last.Reason, c.reason) || last.ExitCode != c.exit || !strings.Contains(err.Error(), c.reason) {
				t.Fatalf("stop %+v, err %v: want reason %q", last, err, c.reason)
			}
		})
	}
}

func TestFixtureStartErrors(t *testing.T) {
	vr1 := agentServer(t, mplsVR1...)
	hops, err := run(followCfg(nil), vr1, "k8s-default", cirros2)
	if client.ExitCode(err) != 2 || hops != nil || !strings.Contains(err.Error(), "matches 2 VRFs") {
		t.Errorf("ambiguous VRF: %v %+v", err, hops)
	}
	hops, err = run(followCfg(nil), vr1, "nosuch", cirros2)
	if client.ExitCode(err) != 1 || kinds(hops) != "stop" || !strings.Contains(hops[0].Reason, `no VRF named "nosuch"`) {
		t.Errorf("unknown VRF: %v %+v", err, hops)
	}
	hops, err = run(followCfg(nil), testnet.DeadAddr(t), fixPodVRF, cirros2)
	if client.ExitCode(err) != 3 || kinds(hops) != "stop" {
		t.Errorf("start unreachable: %v %+v", err, hops)
	}
	// By VRF id: the route fixture answers whatever the id.
	hops, err = run(followCfg(nil), vr1, "5", cirros1)
	if err != nil || kinds(hops) != "route interface" || hops[0].VRF != fixPodVRF {
		t.Errorf("VRF id: %v %+v", err, hops)
	}
	cfg := followCfg(nil)
	cfg.Client.File = "saved.xml"
	if _, err := run(cfg, vr1, fixPodVRF, cirros1); client.ExitCode(err) != 2 {
		t.Errorf("--file: %v", err)
	}
}
