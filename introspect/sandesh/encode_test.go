package sandesh

import (
	"bytes"
	"strings"
	"testing"
)

type pageReqData struct {
	PrevPage  string `sandesh:"prev_page,id=1,link=PageReq"`
	TableSize uint32 `sandesh:"table_size,id=5"`
}

func (pageReqData) SandeshName() string { return "PageReqData" }

type pagination struct {
	Req pageReqData `sandesh:"req,id=1"`
}

func (*pagination) SandeshName() string { return "Pagination" }

type itfResp struct {
	Names  []string        `sandesh:"names,id=1"`
	Nested [][]int32       `sandesh:"nested,id=2"`
	Set    []string        `sandesh:"tags,id=3,type=set"`
	Next   string          `sandesh:"next_batch,id=4,opt,link_title=next_batch,link=ItfReqIterate"`
	Score  float64         `sandesh:"score,id=5"`
	Opt    *int32          `sandesh:"opt_i,id=6,opt"`
	Counts map[uint32]bool `sandesh:"counts,id=7,tags='.a,.b'"`
}

func (itfResp) SandeshName() string { return "ItfResp" }

func TestMarshalParts(t *testing.T) {
	r := itfResp{Names: []string{"a&b", ""}, Nested: [][]int32{{1}, {}}, Score: 1e6, Counts: map[uint32]bool{10: true, 9: false}}
	got, err := MarshalParts(r, &pagination{Req: pageReqData{TableSize: 7}})
	if err != nil {
		t.Fatal(err)
	}
	want := XMLPrefix + `<__ItfResp_list type="slist"><ItfResp type="sandesh">` +
		`<names type="list" identifier="1"><list type="string" size="2"><element>a&amp;b</element><element></element></list></names>` +
		`<nested type="list" identifier="2"><list type="list" size="2"><list type="i32" size="1"><element>1</element></list><list type="i32" size="0"></list></list></nested>` +
		`<tags type="set" identifier="3"><set type="string" size="0"></set></tags>` +
		`<score type="double" identifier="5">1e+06</score>` +
		`<counts type="map" identifier="7" tags=".a,.b"><map key="u32" value="bool" size="2"><element>9</element><element>false</element><element>10</element><element>true</element></map></counts>` +
		`<more type="bool" identifier="0">true</more></ItfResp>` +
		`<Pagination type="sandesh"><req type="struct" identifier="1"><PageReqData><prev_page type="string" identifier="1" link="PageReq"></prev_page><table_size type="u32" identifier="5">7</table_size></PageReqData></req><more type="bool" identifier="0">false</more></Pagination></__ItfResp_list>`
	if string(got) != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// Round trip through the streaming parser.
	var back itfResp
	err = Stream(bytes.NewReader(got), []string{"ItfResp"}, func(n *Node) error { return Unmarshal(n, &back) })
	if err != nil {
		t.Fatal(err)
	}
	if again := AppendResponse(nil, back, true); !bytes.Contains(got, again) {
		t.Fatalf("round trip: %s", again)
	}
	r.Next, r.Opt = "x||", ptr[int32](0)
	one, _ := Marshal(r)
	if !strings.HasPrefix(string(one), XMLPrefix+`<ItfResp type="sandesh">`) ||
		!strings.Contains(string(one), `<next_batch type="string" identifier="4" link="ItfReqIterate" link_title="next_batch">x||</next_batch><score`) ||
		!strings.Contains(string(one), `<opt_i type="i32" identifier="6">0</opt_i>`) ||
		!strings.HasSuffix(string(one), `<more type="bool" identifier="0">false</more></ItfResp>`) {
		t.Fatalf("single part: %s", one)
	}
}

func TestUVEKey(t *testing.T) {
	uve := &SandeshUVETest{Data: SandeshUVEData{Name: "h"}}
	got := string(AppendParts(nil, UVE("ObjectBgpRouter", uve), Response(&SystemLogTest{})))
	if !strings.HasPrefix(got, XMLPrefix+`<__SandeshUVETest_list type="slist"><SandeshUVETest type="sandesh"><data type="struct" identifier="1"><SandeshUVEData><name type="string" identifier="1" key="ObjectBgpRouter">h</name></SandeshUVEData></data></SandeshUVETest><SystemLogTest`) {
		t.Fatal(got)
	}
	if s := string(AppendUVE(nil, uve, "")); !strings.Contains(s, `key="">h</name>`) {
		t.Fatal(s)
	}
}

func TestMarshalErrors(t *testing.T) {
	type bad struct {
		C chan int `sandesh:"c,id=1"`
	}
	type noID struct {
		A int32 `sandesh:"a"`
	}
	for _, v := range []any{bad{}, noID{}, 5, (*itfResp)(nil)} {
		if _, err := Marshal(v); err == nil {
			t.Errorf("%T: no error", v)
		}
	}
	if _, err := MarshalParts(); err == nil {
		t.Error("no parts: no error")
	}
	if err := Unmarshal(&Node{}, itfResp{}); err == nil {
		t.Error("non-pointer Unmarshal: no error")
	}
	n, _ := ParseBytes([]byte(`<ItfResp><score type="double" identifier="5">x</score></ItfResp>`))
	var r itfResp
	if err := Unmarshal(n, &r); err == nil || !strings.Contains(err.Error(), "ItfResp.score") {
		t.Errorf("bad double: %v", err)
	}
}

func TestAppendDouble(t *testing.T) {
	for f, want := range map[float64]string{0: "0", 0.5: "0.5", 12.345: "12.345", 112.5: "112.5", 1e6: "1e+06", 0.25: "0.25", 123456789: "1.23457e+08", 1e-5: "1e-05"} {
		if got := string(appendDouble(nil, f, 64)); got != want {
			t.Errorf("%v: %s, want %s", f, got, want)
		}
	}
}
