package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/tfkit/tfkit/internal/realdata"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

func parseString(t testing.TB, doc string) *sandesh.Node {
	n, err := sandesh.ParseBytes([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const twoItfs = `<ItfResp type="sandesh"><itf_list type="list" identifier="1"><list type="struct" size="2">` +
	`<ItfSandeshData><index type="u32" identifier="1">3</index><name type="string" identifier="2">tap1a2b3c4d-5e</name>` +
	`<active type="string" identifier="3">Active</active><dhcp type="bool" identifier="4">true</dhcp>` +
	`<fip_list type="list" identifier="5"><list type="string" size="2"><element>10.0.0.1</element><element>10.0.0.2</element></list></fip_list>` +
	`<vm type="struct" identifier="6"><VmData><uuid type="string" identifier="1">u-1</uuid></VmData></vm></ItfSandeshData>` +
	`<ItfSandeshData><index type="u32" identifier="1">4</index><name type="string" identifier="2">vhost0</name>` +
	`<active type="string" identifier="3"> </active><dhcp type="bool" identifier="4">false</dhcp>` +
	`<fip_list type="list" identifier="5"><list type="string" size="0"></list></fip_list>` +
	`<vm type="struct" identifier="6"><VmData><uuid type="string" identifier="1"></uuid></VmData></vm></ItfSandeshData>` +
	`</list></itf_list><more type="bool" identifier="0">false</more></ItfResp>`

func itfRecords(t testing.TB, host string) []Record {
	return Records(host, selectNodes(parseString(t, twoItfs), "//ItfSandeshData"))
}

func render(t *testing.T, recs []Record, opt Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, recs, opt); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestCellRules(t *testing.T) {
	recs := itfRecords(t, "")
	r1, r2 := recs[0].Node, recs[1].Node
	for _, c := range []struct {
		rec  *sandesh.Node
		col  string
		want string
	}{
		{r1, "name", "tap1a2b3c4d-5e"},
		{r1, "missing", "-"},
		{r2, "active", " "},                        // whitespace text is kept
		{r1, "fip_list", "  10.0.0.1\n  10.0.0.2"}, // list items two deeper
		{r2, "fip_list", ""},                       // empty list: empty cell
		{r1, "vm", "VmData\n  uuid: u-1"},
		{r2, "vm", "VmData\n  uuid"},
		{r1, "vm/VmData/uuid", "u-1"},
		{r2, "vm/VmData/uuid", "n/a"},
		{r1, "vm/Nope/uuid", "-"},
	} {
		if got := Cell(c.rec, c.col); got != c.want {
			t.Errorf("Cell(%s, %q) = %q, want %q", c.rec.Child("name").Text, c.col, got, c.want)
		}
	}
	// ist.py crashes when a field has two children; we stack them.
	two := parseString(t, `<R><f><A><x>1</x></A><B><y>2</y></B></f></R>`)
	if got, want := Cell(two, "f"), "A\n  x: 1\nB\n  y: 2"; got != want {
		t.Errorf("two children: %q, want %q", got, want)
	}
}

func TestNoWrapOneLinePerRecord(t *testing.T) {
	recs := itfRecords(t, "")
	long := strings.Repeat("x", 80)
	recs[1].Node.Child("name").Text = "vhost0 " + long
	got := render(t, recs, Options{NoWrap: true, MaxWidth: 10})
	rule := "+-------+" + strings.Repeat("-", 89) + "+--------+-------+--------------------+-------------------+\n"
	want := rule +
		"| index | name" + strings.Repeat(" ", 84) + "| active | dhcp  | fip_list           | vm                |\n" +
		rule +
		"| 3     | tap1a2b3c4d-5e" + strings.Repeat(" ", 74) + "| Active | true  | 10.0.0.1, 10.0.0.2 | VmData, uuid: u-1 |\n" +
		"| 4     | vhost0 " + long + " |        | false |                    | VmData, uuid      |\n" +
		rule
	if got != want {
		t.Errorf("no-wrap table:\n%s\nwant:\n%s", got, want)
	}
}

func TestShowHost(t *testing.T) {
	recs := append(itfRecords(t, "10.0.0.1"), itfRecords(t, "127.0.0.2")[:1]...)
	table := render(t, recs, Options{ShowHost: true, Columns: []string{"name", "index"}})
	wantTable := "" +
		"+-----------+----------------+-------+\n" +
		"| host      | name           | index |\n" +
		"+-----------+----------------+-------+\n" +
		"| 10.0.0.1  | tap1a2b3c4d-5e | 3     |\n" +
		"| 10.0.0.1  | vhost0         | 4     |\n" +
		"| 127.0.0.2 | tap1a2b3c4d-5e | 3     |\n" +
		"+-----------+----------------+-------+\n"
	if table != wantTable {
		t.Errorf("host table:\n%s\nwant:\n%s", table, wantTable)
	}
	text := render(t, recs, Options{Format: FormatText, ShowHost: true})
	if n := strings.Count(text, "== 10.0.0.1 ==\nItfSandeshData\n"); n != 1 {
		t.Errorf("text: %d headers for 10.0.0.1:\n%s", n, text)
	}
	if !strings.Contains(text, "  name: vhost0\n  active:  \n  dhcp: false\n  fip_list\n  vm\n") {
		t.Errorf("text record 2 not as elementToStr:\n%s", text)
	}
	if i, j := strings.Index(text, "== 127.0.0.2 =="), strings.LastIndex(text, "name: vhost0"); i < j {
		t.Errorf("second host header before the first host's last record:\n%s", text)
	}
	js := render(t, recs, Options{Format: FormatJSON, ShowHost: true, Columns: []string{"index", "nope"}})
	wantJSON := "[\n" +
		`{"host":"10.0.0.1","index":3,"nope":null},` + "\n" +
		`{"host":"10.0.0.1","index":4,"nope":null},` + "\n" +
		`{"host":"127.0.0.2","index":3,"nope":null}` + "\n]\n"
	if js != wantJSON {
		t.Errorf("host json:\n%s\nwant:\n%s", js, wantJSON)
	}
}

func TestJSONTyped(t *testing.T) {
	got := render(t, itfRecords(t, ""), Options{Format: FormatJSON})
	want := "[\n" +
		`{"index":3,"name":"tap1a2b3c4d-5e","active":"Active","dhcp":true,"fip_list":["10.0.0.1","10.0.0.2"],"vm":{"uuid":"u-1"}},` + "\n" +
		`{"index":4,"name":"vhost0","active":" ","dhcp":false,"fip_list":[],"vm":{"uuid":""}}` + "\n]\n"
	if got != want {
		t.Errorf("json:\n%s\nwant:\n%s", got, want)
	}
	var v []map[string]any
	if err := json.Unmarshal([]byte(got), &v); err != nil || len(v) != 2 {
		t.Fatalf("not a JSON array of 2 objects: %v", err)
	}
	m := parseString(t, `<R><m type="map" identifier="1"><map key="string" value="i32" size="2"><element>a</element><element>1</element><element>b"</element><element>x</element></map></m>`+
		`<d type="double" identifier="2">1e+06</d><u type="u64" identifier="3">18446744073709551615</u><bad type="i32" identifier="4">007</bad>`+
		`<s type="string" identifier="5">tab	"q"\ `+"\x01"+`</s><more type="bool" identifier="0">false</more></R>`)
	got = render(t, []Record{{Node: m}}, Options{Format: FormatJSON})
	want = "[\n" + `{"m":{"a":1,"b\"":"x"},"d":1e+06,"u":18446744073709551615,"bad":"007","s":"tab\t\"q\"\\ \u0001"}` + "\n]\n"
	if got != want {
		t.Errorf("json scalars:\n%s\nwant:\n%s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Error("invalid JSON")
	}
}

func TestEmpty(t *testing.T) {
	for format, want := range map[string]string{FormatTable: "", FormatText: "", FormatJSON: "[]\n"} {
		if got := render(t, nil, Options{Format: format}); got != want {
			t.Errorf("%s of no records = %q, want %q", format, got, want)
		}
	}
}

type countingWriter struct{ writes, n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.writes++; w.n += len(p); return len(p), nil }

func TestRenderWritesOnceOrNothing(t *testing.T) {
	recs := itfRecords(t, "h")
	for _, opt := range []Options{{Format: "yaml"}, {MaxWidth: -1}} {
		var w countingWriter
		if err := Render(&w, recs, opt); err == nil || w.n != 0 {
			t.Errorf("%+v: err %v, %d bytes written", opt, err, w.n)
		}
	}
	var w countingWriter
	if err := Render(&w, append(recs, Record{Host: "h"}), Options{}); err == nil || w.n != 0 {
		t.Errorf("nil node: err %v, %d bytes written", err, w.n)
	}
	w = countingWriter{}
	if err := Render(&w, recs, Options{}); err != nil || w.writes != 1 {
		t.Errorf("good table: err %v, %d writes", err, w.writes)
	}
	failing := errWriter{}
	if err := Render(failing, recs, Options{}); !errors.Is(err, errBroken) {
		t.Errorf("write error not returned: %v", err)
	}
}

var errBroken = errors.New("broken pipe")

type errWriter struct{}

func (errWriter) Write(p []byte) (int, error) { return 0, errBroken }

func TestCellWidth(t *testing.T) {
	for s, want := range map[string]int{
		"abc":                  3,
		"日本":                   4,
		"e\u0301":              1,
		"a\tb":                 -1,
		"\x1b[31mred\x1b[0m":   3,
		"\x1b(Bx":              1,
		"zero\u200bwidth":      9,
		"ｆｕｌｌ":                 8,
		"\u00a0nbsp\u00ad":     6,
		"del\x7f":              -1,
		"":                     0,
		"ü":                    1,
		"\U0001F600 emoji":     8,
		"tab\x1b[1;32mgreen\t": -1,
	} {
		if got := cellWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestRealSamples renders the real agent VnListResp (2014, single part)
// and checks what spec §6.2 says ist.py prints for it: `-` for the fields
// that agent did not have.
func TestRealSamples(t *testing.T) {
	doc, err := sandesh.ParseBytes(realdata.Read(t, "agent-VnListReq-VnListResp-1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	recs := Records("", selectNodes(doc, "//VnSandeshData"))
	if len(recs) == 0 {
		t.Fatal("no VnSandeshData in the sample")
	}
	out := render(t, recs, Options{Columns: []string{"name", "uuid", "layer2_forwarding", "ipv4_forwarding", "enable_rpf", "bridging"}})
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n")[3:] {
		if strings.HasPrefix(line, "+") {
			continue
		}
		cells := strings.Split(line, "|")
		if strings.TrimSpace(cells[1]) != "" && (strings.TrimSpace(cells[5]) != "-" || strings.TrimSpace(cells[6]) != "-") {
			t.Errorf("enable_rpf/bridging not '-': %q", line)
		}
	}
}

func TestElementText(t *testing.T) {
	n := parseString(t, "<d type=\"string\" identifier=\"1\">two\nlines\t </d>")
	if got, want := ElementToStr("  ", n), "  d: two\n     lines\t \n"; got != want {
		t.Errorf("ElementToStr = %q, want %q", got, want)
	}
	if got, want := ElementText(n), "d: two\n   lines"; got != want {
		t.Errorf("ElementText = %q, want %q", got, want)
	}
	empty := parseString(t, `<f type="list" identifier="1"><list type="struct" size="0"></list></f>`)
	if got := ElementToStr("", empty); got != "f\n" {
		t.Errorf("empty list field = %q", got)
	}
	if got := ElementToStr("", parseString(t, `<more type="bool" identifier="0">true</more>`)); got != "" {
		t.Errorf("more = %q", got)
	}
}

// TestNoColumns: records with no field but `more` (ist.py output, checked
// with the real ist.py: an empty frame, one empty line per record).
func TestNoColumns(t *testing.T) {
	doc := parseString(t, `<R><E><more type="bool" identifier="0">false</more></E><E></E></R>`)
	if got, want := render(t, Records("", selectNodes(doc, "//E")), Options{}), "++\n||\n++\n\n\n++\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
