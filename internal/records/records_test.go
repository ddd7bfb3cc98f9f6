package records

import (
	"bytes"
	"testing"
)

func TestWrite(t *testing.T) {
	nodes := Set{Columns: []string{"name", "host peer"}, Rows: [][]string{{"eth0", "tap1 (if7)"}, {"lo", ""}}}
	sessions := Set{Title: "sessions", Columns: []string{"session"}, Rows: [][]string{{"a/b\tx"}}}
	for _, tc := range []struct {
		format string
		v      any
		want   string
	}{
		{Table, nil, "NAME  HOST PEER\neth0  tap1 (if7)\nlo    -\n\nsessions\nSESSION\na/b x\n"},
		{Text, nil, "name:      eth0\nhost_peer: tap1 (if7)\n\nname:      lo\nhost_peer: -\n\nsession: a/b x\n"},
		{JSON, nil, "[\n  {\n    \"name\": \"eth0\",\n    \"host_peer\": \"tap1 (if7)\"\n  },\n  {\n    \"name\": \"lo\",\n    \"host_peer\": \"\"\n  },\n  {\n    \"session\": \"a/b\\tx\"\n  }\n]\n"},
		{JSON, map[string]int{"a": 1}, "{\n  \"a\": 1\n}\n"},
	} {
		var b bytes.Buffer
		if err := Write(&b, tc.format, tc.v, nodes, sessions); err != nil || b.String() != tc.want {
			t.Errorf("%s: %v\n%s\nwant\n%s", tc.format, err, b.String(), tc.want)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, JSON, nil); err != nil || b.String() != "[]\n" {
		t.Errorf("no records: %q %v", b.String(), err)
	}
	if err := Write(&b, "yaml", nil); err == nil || err.Error() != `bad --format "yaml": use table, text or json` {
		t.Errorf("yaml: %v", err)
	}
	if err := Check("table", Text, JSON); err == nil || err.Error() != `bad --format "table": use text or json` {
		t.Errorf("check: %v", err)
	}
}
