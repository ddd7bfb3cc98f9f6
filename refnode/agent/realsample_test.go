package agent

import (
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// realSample reads a capture from ../shared/testdata-real, or skips.
func realSample(t *testing.T, name string) *sandesh.Node {
	t.Helper()
	n, err := sandesh.ParseBytes(realdata.Read(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// sameShape checks that every field element of the real struct exists in
// ours with the same type, identifier and annotations, in the same order
// (our TF-era schema may have more fields: the sample is a 2014 agent).
func sameShape(t *testing.T, where string, real, ours *sandesh.Node) (compared int) {
	t.Helper()
	pos := -1
	for _, rf := range real.Children {
		idx := -1
		for i, of := range ours.Children {
			if of.Name == rf.Name {
				idx = i
				break
			}
		}
		if idx < 0 {
			t.Errorf("%s: field %s missing", where, rf.Name)
			continue
		}
		if idx < pos {
			t.Errorf("%s: field %s out of order", where, rf.Name)
		}
		pos = idx
		compared++
		of := ours.Children[idx]
		for _, a := range rf.Attrs {
			if of.Attr(a.Name) != a.Value && a.Name != "size" {
				t.Errorf("%s.%s: attribute %s=%q, real %q", where, rf.Name, a.Name, of.Attr(a.Name), a.Value)
			}
		}
		// Descend into struct lists when both sides have an item.
		if rl, ol := rf.Child("list"), of.Child("list"); rl != nil && ol != nil && len(rl.Children) > 0 && len(ol.Children) > 0 &&
			rl.Attr("type") == "struct" {
			compared += sameShape(t, where+"."+rf.Name, rl.Children[0], ol.Children[0])
		}
	}
	return compared
}

func TestVnListShapeMatchesRealAgent(t *testing.T) {
	real := realSample(t, "agent-VnListReq-VnListResp-1.xml")
	rv := real.Find("VnSandeshData")
	if rv == nil {
		t.Fatal("sample has no VnSandeshData")
	}
	a := startAgent(t, testConfig("vrouter-s", "127.211.13.1", nil))
	ours := parts(get(t, a, "/Snh_VnListReq"))[0].Find("VnSandeshData")
	if ours == nil {
		t.Fatal("no VnSandeshData served")
	}
	if n := sameShape(t, "VnSandeshData", rv, ours); n < 14 {
		t.Fatalf("only %d fields compared", n)
	}
}

// TestNodeStatusShapeMatchesRealProcessStatus: the agent's ProcessStatus
// has every field of a real daemon's (contrail-control R2008: flag_infos
// id 5, description id 6), in order, also when all is well
// (contrail-status reads description unconditionally).
func TestNodeStatusShapeMatchesRealProcessStatus(t *testing.T) {
	real := realSample(t, "control-SandeshUVECacheReq-NodeStatus-3.xml").Find("ProcessStatus")
	if real == nil {
		t.Fatal("sample has no ProcessStatus")
	}
	a := startAgent(t, testConfig("vrouter-ns", "127.211.13.2", nil))
	ours := parts(get(t, a, "/Snh_SandeshUVECacheReq?x=NodeStatus"))[0].Find("ProcessStatus")
	if ours == nil {
		t.Fatal("no ProcessStatus served")
	}
	if n := sameShape(t, "ProcessStatus", real, ours); n != 6 {
		t.Errorf("%d fields compared, want the real ProcessStatus's 6", n)
	}
	for _, f := range []string{"flag_infos", "description"} {
		if ours.Child(f) == nil {
			t.Errorf("ProcessStatus lacks %s", f)
		}
	}
}
