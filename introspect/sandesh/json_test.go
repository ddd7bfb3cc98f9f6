package sandesh

import (
	"encoding/json"
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
)

func TestAppendJSONNodeStatus(t *testing.T) {
	root, err := ParseBytes(realdata.Read(t, "control-SandeshUVECacheReq-NodeStatus-1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	out := AppendJSON(nil, root)
	var v []map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("invalid JSON %v: %s", err, out)
	}
	if len(v) != 2 {
		t.Fatalf("%d parts", len(v))
	}
	ns := v[0]["data"].(map[string]any)
	if ns["name"] != "a6s45" {
		t.Fatalf("name %v", ns["name"])
	}
	ps := ns["process_status"].([]any)[0].(map[string]any)
	ci := ps["connection_infos"].([]any)
	if len(ci) != 5 || ci[0].(map[string]any)["server_addrs"].([]any)[0] != "10.84.13.45:8443" {
		t.Fatalf("connection_infos %v", ci)
	}
	if v[1]["returned"] != float64(1) {
		t.Fatalf("returned %#v", v[1]["returned"])
	}
	if _, ok := v[1]["more"]; ok {
		t.Fatal("more not omitted")
	}
}

func TestAppendJSONTypes(t *testing.T) {
	doc := `<R type="sandesh"><b type="bool" identifier="1">true</b><i type="i32" identifier="2">-5</i><u type="u64" identifier="3">18446744073709551615</u>` +
		`<e type="i32" identifier="4"></e><d type="double" identifier="5">1e+06</d><n type="double" identifier="6">nan</n>` +
		`<s type="string" identifier="7">a"b\c` + "\t\x01" + `é</s><x type="xml" identifier="8"><![CDATA[<a>]]></x>` +
		`<st type="struct" identifier="9"><S><f type="bool" identifier="1">false</f></S></st><es type="struct" identifier="10"></es>` +
		`<l type="list" identifier="11"><list type="i32" size="2"><element>1</element><element>2</element></list></l>` +
		`<ll type="list" identifier="12"><list type="list" size="1"><list type="string" size="1"><element>z</element></list></list></ll>` +
		`<ls type="list" identifier="13"><list type="struct" size="2"><S><f type="bool" identifier="1">true</f></S><S></S></list></ls>` +
		`<m type="map" identifier="14"><map key="string" value="u32" size="2"><element>k1</element><element>1</element><element>k2</element><element>2</element></map></m>` +
		`<more type="bool" identifier="0">false</more></R>`
	root := mustParse(t, doc)
	got := string(AppendJSON(nil, root))
	want := `{"b":true,"i":-5,"u":18446744073709551615,"e":"","d":1e+06,"n":"nan","s":"a\"b\\c\t\u0001é","x":"<a>",` +
		`"st":{"f":false},"es":null,"l":[1,2],"ll":[["z"]],"ls":[{"f":true},{}],"m":{"k1":1,"k2":2}}`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	var any1 any
	if err := json.Unmarshal([]byte(got), &any1); err != nil {
		t.Fatal(err)
	}
	if got := string(AppendJSON(nil, mustParse(t, "<element>\xff</element>"))); got != `"\ufffd"` {
		t.Fatal(got)
	}
}
