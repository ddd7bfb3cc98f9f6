package render_test

import (
	"os"
	"strings"

	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

func ExampleRender() {
	doc, _ := sandesh.Parse(strings.NewReader(`<VnListResp type="sandesh"><vn_list type="list" identifier="1">` +
		`<list type="struct" size="1"><VnSandeshData><name type="string" identifier="1">default-domain:k8s-default:k8s-default-pod-network</name>` +
		`<ipam_data type="list" identifier="7"><list type="string" size="2"><element>10.32.0.0/12</element><element>fd00::/64</element></list></ipam_data>` +
		`</VnSandeshData></list></vn_list><more type="bool" identifier="0">false</more></VnListResp>`))
	recs := render.Records("127.0.0.1", doc.All("VnSandeshData"))
	render.Render(os.Stdout, recs, render.Options{Columns: []string{"name", "ipam_data", "bridging"}})
	render.Render(os.Stdout, recs, render.Options{NoWrap: true, ShowHost: true})
	// Output:
	// +--------------------------------------+----------------+----------+
	// | name                                 | ipam_data      | bridging |
	// +--------------------------------------+----------------+----------+
	// | default-                             |   10.32.0.0/12 | -        |
	// | domain:k8s-default:k8s-default-pod-  |   fd00::/64    |          |
	// | network                              |                |          |
	// +--------------------------------------+----------------+----------+
	// +-----------+----------------------------------------------------+-------------------------+
	// | host      | name                                               | ipam_data               |
	// +-----------+----------------------------------------------------+-------------------------+
	// | 127.0.0.1 | default-domain:k8s-default:k8s-default-pod-network | 10.32.0.0/12, fd00::/64 |
	// +-----------+----------------------------------------------------+-------------------------+
}
