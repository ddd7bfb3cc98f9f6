package render

import (
	"fmt"
	"io"
	"testing"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// itfLike builds n vr-intf-shaped records (8 default columns, one list
// field, a VN name long enough to wrap at 36) without parsing, so the
// benchmark measures rendering only.
func itfLike(n int) []Record {
	recs := make([]Record, n)
	leaf := func(name, typ, text string) *sandesh.Node {
		return &sandesh.Node{Name: name, Attrs: []sandesh.Attr{{Name: "type", Value: typ}}, Text: text}
	}
	for i := range recs {
		fip := &sandesh.Node{Name: "fip_list", Attrs: []sandesh.Attr{{Name: "type", Value: "list"}}}
		lst := &sandesh.Node{Name: "list", Attrs: []sandesh.Attr{{Name: "type", Value: "string"}, {Name: "size", Value: "1"}}}
		lst.Children = []*sandesh.Node{{Name: "element", Text: fmt.Sprintf("10.%d.%d.1", i>>8&255, i&255)}}
		fip.Children = []*sandesh.Node{lst}
		recs[i] = Record{Host: "127.0.0.1", Node: &sandesh.Node{Name: "ItfSandeshData", Children: []*sandesh.Node{
			leaf("index", "u32", fmt.Sprint(i)),
			leaf("name", "string", fmt.Sprintf("tap%08x-%02x", i, i&255)),
			leaf("active", "string", "Active"),
			leaf("mac_addr", "string", "02:1a:2b:3c:4d:5e"),
			leaf("ip_addr", "string", fmt.Sprintf("10.%d.%d.3", i>>8&255, i&255)),
			leaf("mdata_ip_addr", "string", "169.254.0.3"),
			leaf("vm_name", "string", fmt.Sprintf("k8s__pod-%d__default", i)),
			leaf("vn_name", "string", "default-domain:k8s-default:k8s-default-pod-network"),
			fip,
		}}}
	}
	return recs
}

var itfColumns = []string{"index", "name", "active", "mac_addr", "ip_addr", "mdata_ip_addr", "vm_name", "vn_name", "fip_list"}

func benchRender(b *testing.B, opt Options) {
	const rows = 100000
	recs := itfLike(rows)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Render(io.Discard, recs, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
}

func BenchmarkTable100k(b *testing.B) {
	benchRender(b, Options{Columns: itfColumns})
}

func BenchmarkTable100kNoWrap(b *testing.B) {
	benchRender(b, Options{Columns: itfColumns, NoWrap: true})
}

func BenchmarkTable100kHosts(b *testing.B) {
	benchRender(b, Options{Columns: itfColumns, ShowHost: true})
}

func BenchmarkText100k(b *testing.B) {
	benchRender(b, Options{Format: FormatText})
}

func BenchmarkJSON100k(b *testing.B) {
	benchRender(b, Options{Format: FormatJSON})
}
