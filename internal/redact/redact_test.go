package redact

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestSecretName(t *testing.T) {
	secret := []string{
		"KEYSTONE_AUTH_ADMIN_PASSWORD", "RABBITMQ_PASSWORD", "REDIS_SERVER_PASSWORD", "METADATA_PROXY_SECRET",
		"AUTH_TOKEN", "X-Auth-Token", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
		"access_token", "api_key", "apiKey", "PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY", "X-Amz-Credential",
		"X-Amz-Signature", "DB_PASS", "MYSQL_PWD", "ssh-key", "passwordHash", "CREDENTIALS",
	}
	plain := []string{
		"KEYSTONE_AUTH_HOST", "KEYSTONE_AUTH_URL_VERSION", "SERVER_KEYFILE", "XMPP_SERVER_CERTFILE",
		"AUTH_MODE", "BYPASS_PROXY", "CONTROL_NODES", "PATH", "NODE_TYPE", "CONTAINER_NAME",
		"INTROSPECT_SSL_ENABLE", "Content-Type", "monkeys", "",
	}
	for _, n := range secret {
		if !SecretName(n) {
			t.Errorf("SecretName(%q) = false, want true", n)
		}
	}
	for _, n := range plain {
		if SecretName(n) {
			t.Errorf("SecretName(%q) = true, want false", n)
		}
	}
}

func TestEnv(t *testing.T) {
	in := []string{
		"KEYSTONE_AUTH_ADMIN_PASSWORD=contrail123",
		"RABBITMQ_USER=guest",
		"AMQP_URL=amqp://guest:guest@10.0.0.1:5672/vhost",
		"JAVA_OPTS=-Xmx1g -Djavax.net.ssl.keyStorePassword=changeit",
		"EMPTY_PASSWORD=",
		"CONTROL_NODES=10.0.0.1,10.0.0.2",
		"NOEQUALS",
	}
	want := []string{
		"KEYSTONE_AUTH_ADMIN_PASSWORD=***",
		"RABBITMQ_USER=guest",
		"AMQP_URL=amqp://guest:***@10.0.0.1:5672/vhost",
		"JAVA_OPTS=-Xmx1g -Djavax.net.ssl.keyStorePassword=***",
		"EMPTY_PASSWORD=",
		"CONTROL_NODES=10.0.0.1,10.0.0.2",
		"NOEQUALS",
	}
	if got := Env(in); !reflect.DeepEqual(got, want) {
		t.Errorf("Env:\n got %q\nwant %q", got, want)
	}
	if in[0] != "KEYSTONE_AUTH_ADMIN_PASSWORD=contrail123" {
		t.Error("Env changed its input")
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"https://admin:s3cret@webui:8143/proxy?proxyURL=http://10.0.0.1:8083/Snh_X&token=abc123&x=1": "https://admin:***@webui:8143/proxy?proxyURL=http://10.0.0.1:8083/Snh_X&token=***&x=1",
		"http://10.0.0.1:8083/Snh_SandeshUVECacheReq?x=NodeStatus":                                   "http://10.0.0.1:8083/Snh_SandeshUVECacheReq?x=NodeStatus",
		"ist --proxy https://webui:8143 --token abc123 ctr nei":                                      "ist --proxy https://webui:8143 --token *** ctr nei",
		"ist --token=abc123 ctr nei":                                                                 "ist --token=*** ctr nei",
		"X-Auth-Token: abc123\nContent-Type: text/xml\nAuthorization: Bearer eyJ.x.y":                "X-Auth-Token: ***\nContent-Type: text/xml\nAuthorization: ***",
		"password: hunter2\nhost: 10.0.0.1":                                                          "password: ***\nhost: 10.0.0.1",
		"nothing secret here: a=b c=d":                                                               "nothing secret here: a=b c=d",
		"http://host:8080/path@x":                                                                    "http://host:8080/path@x",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestHeader(t *testing.T) {
	h := http.Header{"X-Auth-Token": {"abc"}, "Accept": {"text/xml"}, "Referer": {"https://u:p@webui/"}}
	got := Header(h)
	want := http.Header{"X-Auth-Token": {Mask}, "Accept": {"text/xml"}, "Referer": {"https://u:***@webui/"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Header = %v, want %v", got, want)
	}
	if h.Get("X-Auth-Token") != "abc" {
		t.Error("Header changed its input")
	}
}

// TestValueIsTheRule checks that the entry points agree: a secret name
// masks its value whatever the carrier.
func TestValueIsTheRule(t *testing.T) {
	for _, name := range []string{"token", "RABBITMQ_PASSWORD", "X-Auth-Token"} {
		if Value(name, "v4lue") != Mask || Env([]string{name + "=v4lue"})[0] != name+"="+Mask ||
			Header(http.Header{name: {"v4lue"}})[name][0] != Mask || strings.Contains(Text(name+"=v4lue"), "v4lue") {
			t.Errorf("%s: a carrier left the value visible", name)
		}
	}
}
