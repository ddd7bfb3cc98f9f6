package control

import (
	"net/netip"
	"sort"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// shapes collects "path[type,identifier,key,aggtype]" for every element,
// ignoring text and list sizes: what must match a real answer.
func shapes(n *sandesh.Node, prefix string, out map[string]bool) {
	p := prefix + "/" + n.Name
	sig := p + "[" + n.Attr("type") + "," + n.Attr("identifier") + "," + n.Attr("key") + "," + n.Attr("aggtype") + "]"
	out[sig] = true
	for _, c := range n.Children {
		shapes(c, p, out)
	}
}

// TestNodeStatusShapeMatchesRealControl compares our NodeStatus answer with
// a real contrail-control capture (TF), element by element.
func TestNodeStatusShapeMatchesRealControl(t *testing.T) {
	compareShape(t, "127.0.91.225", "control-SandeshUVECacheReq-NodeStatus-3.xml", "SandeshUVECacheReq?x=NodeStatus")
}

func TestBgpRouterStateShapeMatchesRealControl(t *testing.T) {
	compareShape(t, "127.0.91.226", "control-SandeshUVECacheReq-BgpRouterState-1.xml", "SandeshUVECacheReq?x=BgpRouterState")
}

func compareShape(t *testing.T, addr, file, req string) {
	real, err := sandesh.ParseBytes(realdata.Read(t, file))
	if err != nil {
		t.Fatal(err)
	}
	// One configured peer that never answers (nothing listens there).
	n := loneNode(t, addr, 1, Peer{Name: "ctl-absent", Address: netip.MustParseAddr("127.0.91.229")})
	ours := get(t, n, req, nil)
	want, got := map[string]bool{}, map[string]bool{}
	shapes(real, "", want)
	shapes(ours, "", got)
	var missing, extra []string
	for s := range want {
		if !got[s] {
			missing = append(missing, s)
		}
	}
	for s := range got {
		if !want[s] {
			extra = append(extra, s)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Errorf("%s: shape differs from %s\nmissing:\n  %s\nextra:\n  %s", req, file,
			strings.Join(missing, "\n  "), strings.Join(extra, "\n  "))
	}
}
