package agent

import "testing"

// TestPageKeyText checks the cookie text (the agent's EncodeOne: table,
// comma, non-empty filters by key) and that parsing it gives back the
// range, the table (which holds ':') and the filters.
func TestPageKeyText(t *testing.T) {
	cases := []struct {
		k    pageKey
		text string
	}{
		{pageKey{begin: 0, end: 99, table: "db.interface.0", filters: []filter{{"vn", ""}, {"name", ""}}},
			"begin:0,end:99,table:db.interface.0,"},
		{pageKey{begin: -1, end: -1, table: podVRF + ".uc.route.0", filters: []filter{{"type", "interface"}, {"nh_index", "7"}, {"policy_enabled", ""}}},
			"begin:-1,end:-1,table:" + podVRF + ".uc.route.0,nh_index:7,type:interface"},
	}
	for _, c := range cases {
		if got := c.k.String(); got != c.text {
			t.Errorf("cookie %q, want %q", got, c.text)
		}
		back, err := parsePageKey(c.text)
		if err != nil {
			t.Fatal(err)
		}
		if back.begin != c.k.begin || back.end != c.k.end || back.table != c.k.table {
			t.Errorf("%q parsed as %+v", c.text, back)
		}
		for _, f := range c.k.filters {
			if back.get(f.key) != f.value {
				t.Errorf("%q: filter %s = %q, want %q", c.text, f.key, back.get(f.key), f.value)
			}
		}
	}
	for _, bad := range []string{"", "begin:0", "begin:x,end:1,table:t", "end:1,begin:0,table:t", "begin:0,end:1,tab:t"} {
		if _, err := parsePageKey(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
