package topo

import (
	"errors"
	"strings"
	"testing"
)

const secTopo = `
controls: [{name: c1, address: 127.0.1.1}]
vrouters: [{name: v1, address: 127.0.2.1}, {name: v2, address: 127.0.2.2}]
networks:
  - {name: web, subnet: 10.1.0.0/24, subnet6: "fd00:1::/64"}
  - {name: db, subnet: 10.2.0.0/24}
policies:
  - name: web-db
    networks: [web, db]
    rules:
      - {action: deny, protocol: tcp, ports: 22, src: web, dst: db, direction: ">"}
      - {action: pass}
security_groups:
  - {name: default}
  - name: locked
    rules:
      - {direction: ingress, protocol: tcp, ports: 80-81, remote: 10.1.0.0/24}
      - {direction: egress}
pods:
  - {name: a, vrouter: v1, network: web, service_ips: [10.96.0.10]}
  - {name: b, vrouter: v2, network: web, ip6: "fd00:1::10", service_ips: [10.96.0.10], security_groups: [locked]}
  - {name: c, vrouter: v2, network: db, security_groups: []}
`

// TestSecurityAndDualStack: security groups get ids, ACL and rule uuids;
// pods get the default group unless they name others (an empty list is
// none); policy rules become per-network ACLs ("<>" both ways); subnet6
// gives pods IPv6 addresses from the top; service IPs may be shared.
func TestSecurityAndDualStack(t *testing.T) {
	top, err := Parse([]byte(secTopo), "t")
	if err != nil {
		t.Fatal(err)
	}
	def, locked := top.SecurityGroup("default"), top.SecurityGroup("locked")
	if def.ID != 8000001 || locked.ID != 8000002 || def.UUID == locked.UUID || def.IngressACL == def.EgressACL ||
		locked.FQName != "default-domain:default-project:locked" || locked.Rules[0].UUID == "" || locked.Rules[0].Remote != "10.1.0.0/24" {
		t.Fatalf("security groups %+v %+v", def, locked)
	}
	a, b, c := top.Pods[0], top.Pods[1], top.Pods[2]
	if len(a.SecurityGroups) != 1 || a.SecurityGroups[0] != "default" || b.SecurityGroups[0] != "locked" || len(c.SecurityGroups) != 0 {
		t.Fatalf("pod groups %v %v %v", a.SecurityGroups, b.SecurityGroups, c.SecurityGroups)
	}
	if a.IP6 != "fd00:1::ffff:ffff:ffff:fffc" || b.IP6 != "fd00:1::10" || c.IP6 != "" {
		t.Fatalf("IPv6 addresses %q %q %q", a.IP6, b.IP6, c.IP6)
	}
	if top.Network("web").Gateway6 != "fd00:1::ffff:ffff:ffff:fffe" {
		t.Fatalf("gateway6 %s", top.Network("web").Gateway6)
	}
	if a.ServiceIPs[0] != "10.96.0.10" || b.ServiceIPs[0] != "10.96.0.10" {
		t.Fatalf("service IPs %v %v", a.ServiceIPs, b.ServiceIPs)
	}
	web := top.ACLOf("web")
	if web == nil || len(web.Rules) != 2 || web.Rules[0].Action != "deny" || web.Rules[0].Protocol != 6 || web.Rules[0].PortMin != 22 ||
		web.Rules[0].SrcVN != "default-domain:default-project:web" || web.Rules[0].DstVN != "default-domain:default-project:db" ||
		web.Rules[1].Action != "pass" || web.Rules[1].SrcVN != "" {
		t.Fatalf("web ACL %+v", web)
	}
	if acl := top.ACLOf("db"); acl == nil || acl.UUID == web.UUID {
		t.Fatalf("db ACL %+v", acl)
	}
	if top.ACLOf("ip-fabric") != nil {
		t.Fatal("a network without policy has no ACL")
	}
	// The default topology's policies pass everything; its pods are in
	// the default group.
	d := Default()
	if acl := d.ACLOf("k8s-default-pod-network"); acl == nil || acl.Rules[0].Action != "pass" {
		t.Fatalf("k8s pod network ACL %+v", acl)
	}
	if g := d.Pods[0].SecurityGroups; len(g) != 1 || g[0] != "default" {
		t.Fatalf("k8s pod groups %v", g)
	}
}

func TestSecurityErrors(t *testing.T) {
	bad := strings.NewReplacer(
		"{direction: egress}", "{direction: out, action: drop, protocol: gre2, ports: 9-1, remote: nowhere}",
		"src: web, dst: db", "src: web, dst: elsewhere",
		"ip6: \"fd00:1::10\"", "ip6: \"fd00:2::1\"",
		"service_ips: [10.96.0.10], security_groups: [locked]", "service_ips: [ten], security_groups: [missing]",
	).Replace(secTopo)
	_, err := Parse([]byte(bad), "t")
	var list Errors
	if !errors.As(err, &list) {
		t.Fatalf("no error list: %v", err)
	}
	all := list.Lines()
	for _, want := range []string{
		`security_groups[1].rules[1].direction: "out": use ingress or egress`,
		`security_groups[1].rules[1].action: "drop": use pass or deny`,
		`security_groups[1].rules[1].protocol: "gre2" is not a protocol`,
		`security_groups[1].rules[1].ports: "9-1" is not a port range`,
		`security_groups[1].rules[1].remote: "nowhere" is not a prefix`,
		`policies(web-db).rules[0]: "elsewhere" is not one of the policy's networks`,
		`pods[1].ip6: "fd00:2::1" is not an address in fd00:1::/64`,
		`pods[1].security_groups[0]: "missing" is not a security group`,
		`pods[1].service_ips[0]: "ten" is not an IP address`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	_, err = Parse([]byte(strings.Replace(secTopo, `subnet6: "fd00:1::/64"`, `subnet6: "10.9.0.0/16"`, 1)), "t")
	if err == nil || !strings.Contains(err.Error(), `networks(web).subnet6: "10.9.0.0/16" is not an IPv6 prefix`) {
		t.Errorf("IPv4 subnet6: %v", err)
	}
}
