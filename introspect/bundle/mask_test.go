package bundle

import "testing"

func TestMaskBody(t *testing.T) {
	for in, want := range map[string]string{
		`<a><name type="string">x</name></a>`: `<a><name type="string">x</name></a>`,
		`<NodeStatus><auth_password type="string">hunter2</auth_password><keystone type="string">k</keystone></NodeStatus>`: `<NodeStatus><auth_password type="string">***</auth_password><keystone type="string">k</keystone></NodeStatus>`,
		`<element>GET http://u:p4ss@h/x?token=abc123&amp;y=1 --password s3cret</element>`:                                   `<element>GET http://u:***@h/x?token=***&amp;y=1 --password ***</element>`,
		`<auth_keys type="list"><list type="string" size="1"><element>md5secret</element></list></auth_keys><x>y</x>`:       `<auth_keys type="list"><list type="string" size="1"><element>***</element></list></auth_keys><x>y</x>`,
		`<ssh_key type="string">kk</ssh_key><monkey>banana</monkey><flow_key type="string">1-2-3</flow_key>`:                `<ssh_key type="string">***</ssh_key><monkey>banana</monkey><flow_key type="string">1-2-3</flow_key>`,
		`<list type="struct" size="1"><x/><api_key>z</api_key></list>`:                                                      `<list type="struct" size="1"><x/><api_key>***</api_key></list>`,
	} {
		if got := string(maskBody([]byte(in))); got != want {
			t.Errorf("maskBody(%s)\n got %s\nwant %s", in, got, want)
		}
	}
}
