package schema

import (
	"bytes"
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Old (Contrail R1.x) schema of the compact control sample: ProcessStatus
// had no flag_infos and its description was id 5, always written.
type oldProcessStatus struct {
	ModuleID        string           `sandesh:"module_id,id=1"`
	InstanceID      string           `sandesh:"instance_id,id=2"`
	State           string           `sandesh:"state,id=3"`
	ConnectionInfos []ConnectionInfo `sandesh:"connection_infos,id=4,opt"`
	Description     string           `sandesh:"description,id=5"`
}

func (oldProcessStatus) SandeshName() string { return "ProcessStatus" }

type oldNodeStatus struct {
	Name          string             `sandesh:"name,id=1,key="`
	ProcessStatus []oldProcessStatus `sandesh:"process_status,id=4,opt,aggtype=union"`
}

func (oldNodeStatus) SandeshName() string { return "NodeStatus" }

type oldNodeStatusUVE struct {
	Data oldNodeStatus `sandesh:"data,id=1"`
}

func (oldNodeStatusUVE) SandeshName() string { return "NodeStatusUVE" }

// The compact capture must come out byte for byte: parse, decode, encode.
func TestCompactNodeStatusRoundTrip(t *testing.T) {
	doc := bytes.TrimRight(realdata.Read(t, "control-SandeshUVECacheReq-NodeStatus-1.xml"), "\n")
	var uve oldNodeStatusUVE
	var trailer SandeshUVECacheResp
	var table string
	err := sandesh.Stream(bytes.NewReader(doc), []string{"NodeStatusUVE", "SandeshUVECacheResp"}, func(n *sandesh.Node) error {
		if n.Name == "NodeStatusUVE" {
			table = n.Find("name").Attr("key")
			return sandesh.Unmarshal(n, &uve)
		}
		return sandesh.Unmarshal(n, &trailer)
	})
	if err != nil {
		t.Fatal(err)
	}
	if uve.Data.Name != "a6s45" || len(uve.Data.ProcessStatus) != 1 || len(uve.Data.ProcessStatus[0].ConnectionInfos) != 5 || trailer.Returned != 1 || trailer.Period != nil {
		t.Fatalf("decoded %+v %+v", uve, trailer)
	}
	got, err := sandesh.MarshalParts(sandesh.UVE(table, &uve), &trailer)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, doc) {
		t.Fatalf("re-encoded differs\n got: %s\nwant: %s", got, doc)
	}
}

// dump renders a subtree for structural comparison (whitespace-free).
func dump(n *sandesh.Node) string {
	var b bytes.Buffer
	n.Walk(func(d *sandesh.Node) bool {
		b.WriteString("<" + d.Name)
		for _, a := range d.Attrs {
			b.WriteString(" " + a.Name + "=" + a.Value)
		}
		b.WriteString(">")
		if len(d.Children) == 0 {
			b.WriteString(d.Text) // a container's text is the indentation of a formatted capture
		}
		b.WriteString("|")
		return true
	})
	return b.String()
}

// Formatted captures (TF/R2008 schema, C++ and Python writers): decoding
// into NodeStatus and encoding again gives the same element structure.
func TestNodeStatusSamplesReEncode(t *testing.T) {
	for _, name := range []string{"control-SandeshUVECacheReq-NodeStatus-3.xml", "config-api-SandeshUVECacheReq-NodeStatus-1.xml"} {
		t.Run(name, func(t *testing.T) {
			root, err := sandesh.ParseBytes(realdata.Read(t, name))
			if err != nil {
				t.Fatal(err)
			}
			orig := root.Find("NodeStatusUVE")
			var uve NodeStatusUVE
			if err := sandesh.Unmarshal(orig, &uve); err != nil {
				t.Fatal(err)
			}
			ps := uve.Data.ProcessStatus
			if len(ps) != 1 || ps[0].State != "Functional" || ps[0].Description == nil || *ps[0].Description != "" {
				t.Fatalf("decoded %+v", uve.Data)
			}
			enc := sandesh.AppendUVE(nil, &uve, orig.Find("name").Attr("key"))
			back, err := sandesh.ParseBytes(enc)
			if err != nil {
				t.Fatal(err)
			}
			if dump(back) != dump(orig) {
				t.Fatalf("structure differs\n got: %s\nwant: %s", dump(back), dump(orig))
			}
			var tr SandeshUVECacheResp
			if err := sandesh.Unmarshal(root.Find("SandeshUVECacheResp"), &tr); err != nil || tr.Returned != 1 || tr.Period == nil {
				t.Fatalf("trailer %+v %v", tr, err)
			}
		})
	}
}

// The old-schema formatted capture still decodes by field name.
func TestNodeStatusOldFormatted(t *testing.T) {
	root, err := sandesh.ParseBytes(realdata.Read(t, "control-SandeshUVECacheReq-NodeStatus-2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var ns NodeStatus
	if err := sandesh.Unmarshal(root.Find("NodeStatus"), &ns); err != nil {
		t.Fatal(err)
	}
	ci := ns.ProcessStatus[0].ConnectionInfos
	if ns.Name != "a6s10" || ns.ProcessStatus[0].ModuleID != "ControlNode" || len(ci) != 4 ||
		ci[1].Name != "" || ci[1].ServerAddrs[0] != "10.84.13.10:8086" || *ci[0].Description != "Connection with IFMap Server (irond)" {
		t.Fatalf("%+v", ns)
	}
}

// Every common response encodes with the spec's field order and ids.
func TestCommonResponsesEncode(t *testing.T) {
	period := int32(0)
	cases := []struct {
		v    any
		want string
	}{
		{&SandeshUVECacheResp{Returned: 2, Period: &period}, `<SandeshUVECacheResp type="sandesh"><returned type="u32" identifier="1">2</returned><period type="i32" identifier="2">0</period><more type="bool" identifier="0">false</more></SandeshUVECacheResp>`},
		{&SandeshUVETypesResp{TypeInfo: []SandeshUVETypeInfo{{TypeName: "NodeStatus", Dsconf: map[string]string{}}}}, `<SandeshUVETypesResp type="sandesh"><type_info type="list" identifier="1"><list type="struct" size="1"><SandeshUVETypeInfo><type_name type="string" identifier="1" link="SandeshUVECacheReq">NodeStatus</type_name><seq_num type="u32" identifier="2">0</seq_num><period type="i32" identifier="3">0</period><dsconf type="map" identifier="4"><map key="string" value="string" size="0"></map></dsconf><timeout type="i32" identifier="5">0</timeout></SandeshUVETypeInfo></list></type_info><more type="bool" identifier="0">false</more></SandeshUVETypesResp>`},
		{&SandeshTraceBufferListResponse{TraceBufferList: []SandeshTraceBufInfo{{"XmppMessageTrace"}}}, `<SandeshTraceBufferListResponse type="sandesh"><trace_buffer_list type="list" identifier="1"><list type="struct" size="1"><SandeshTraceBufInfo><trace_buf_name type="string" identifier="1" link="SandeshTraceRequest">XmppMessageTrace</trace_buf_name></SandeshTraceBufInfo></list></trace_buffer_list><more type="bool" identifier="0">false</more></SandeshTraceBufferListResponse>`},
		{&SandeshTraceTextResponse{Traces: []string{"1 a: b"}}, `<SandeshTraceTextResponse type="sandesh"><traces type="list" identifier="1"><list type="string" size="1"><element>1 a: b</element></list></traces><more type="bool" identifier="0">false</more></SandeshTraceTextResponse>`},
		{&CpuLoadInfoResp{CPUInfo: CpuLoadInfo{NumCPU: 8, MemInfo: MemInfo{1, 2, 3}, CPULoad: &CpuLoadAvg{0.27, 0.5, 1}, CPUShare: 0.25}}, `<CpuLoadInfoResp type="sandesh"><cpu_info type="struct" identifier="1"><CpuLoadInfo><num_cpu type="u32" identifier="1">8</num_cpu><meminfo type="struct" identifier="2"><MemInfo><virt type="u32" identifier="1">1</virt><peakvirt type="u32" identifier="2">2</peakvirt><res type="u32" identifier="3">3</res></MemInfo></meminfo><cpuload type="struct" identifier="3"><CpuLoadAvg><one_min_avg type="double" identifier="1">0.27</one_min_avg><five_min_avg type="double" identifier="2">0.5</five_min_avg><fifteen_min_avg type="double" identifier="3">1</fifteen_min_avg></CpuLoadAvg></cpuload><cpu_share type="double" identifier="4">0.25</cpu_share></CpuLoadInfo></cpu_info><more type="bool" identifier="0">false</more></CpuLoadInfoResp>`},
		{&Pagination{Req: PageReqData{FirstPage: "begin:0,end:99,table:db.vn.0,name:", TableSize: 1, Entries: "0-0/1"}}, `<Pagination type="sandesh"><req type="struct" identifier="1"><PageReqData><prev_page type="string" identifier="1" link="PageReq"></prev_page><next_page type="string" identifier="2" link="PageReq"></next_page><first_page type="string" identifier="3" link="PageReq">begin:0,end:99,table:db.vn.0,name:</first_page><all type="string" identifier="4" link="PageReq"></all><table_size type="u32" identifier="5">1</table_size><entries type="string" identifier="6">0-0/1</entries></PageReqData></req><more type="bool" identifier="0">false</more></Pagination>`},
		{&ErrorResp{Resp: DefaultErrorText}, `<ErrorResp type="sandesh"><resp type="string" identifier="1">   Invalid Input !!!   </resp><more type="bool" identifier="0">false</more></ErrorResp>`},
	}
	for _, c := range cases {
		if got := string(sandesh.AppendResponse(nil, c.v, false)); got != c.want {
			t.Errorf("%T:\n got: %s\nwant: %s", c.v, got, c.want)
		}
	}
	ns := NodeStatus{Name: "h", ProcessMemCPUUsage: map[string]ProcessCpuInfo{"p": {}}, SystemCPUUsage: &SysCpuInfo{}, DiskUsageInfo: map[string]DiskPartitionUsageStats{}}
	got := string(sandesh.AppendStruct(nil, &ns))
	for _, want := range []string{`<disk_usage_info type="map" identifier="6" tags="">`, `<process_mem_cpu_usage type="map" identifier="10" tags=".__key,.cpu_share">`, `<system_cpu_usage type="struct" identifier="14" tags=".node_type,.cpu_share">`} {
		if !bytes.Contains([]byte(got), []byte(want)) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
}
