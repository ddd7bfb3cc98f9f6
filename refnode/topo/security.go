package topo

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Security groups and network policy rules, as the agents evaluate them
// for every new flow (refnode/agent policy.go).
//
//	security_groups:
//	  - name: default                  # fq_name default-domain:default-project:default
//	    rules:                         # none: everything in and out
//	      - {direction: ingress, protocol: tcp, ports: 80-81, remote: 10.0.0.0/8}
//	      - {direction: ingress, action: deny, protocol: udp}   # deny: a refnode extension
//	policies:
//	  - name: web-db
//	    networks: [web, db]
//	    rules:                         # none: pass everything between them
//	      - {action: deny, protocol: tcp, ports: 22, src: web, dst: db, direction: ">"}
//	      - {action: pass}
//
// A pod uses the groups named in its security_groups, by default the one
// named "default" when it exists. UUIDs of groups, their ACLs and every
// rule derive from the seed.

// SecurityGroup is a security group with its rules.
type SecurityGroup struct {
	Name   string   `yaml:"name"`
	FQName string   `yaml:"fq_name,omitempty"`
	Rules  []SGRule `yaml:"rules,omitempty"`

	// Derived.
	UUID       string `yaml:"-"`
	ID         uint32 `yaml:"-"` // security group id: 8000001 up, in topology order
	IngressACL string `yaml:"-"` // uuid of ingress-access-control-list
	EgressACL  string `yaml:"-"` // uuid of egress-access-control-list
}

// SGRule is one security group rule.
type SGRule struct {
	Direction string `yaml:"direction"`          // ingress | egress
	Action    string `yaml:"action,omitempty"`   // pass (default) | deny
	Protocol  string `yaml:"protocol,omitempty"` // any (default), tcp, udp, icmp, icmp6 or a number
	Ports     string `yaml:"ports,omitempty"`    // destination ports: 80 or 8000-8080; default any
	Remote    string `yaml:"remote,omitempty"`   // the other end's prefix; default any

	UUID string `yaml:"-"`
}

// PolicyRule is one network policy rule; src and dst name networks of the
// policy (default any).
type PolicyRule struct {
	Action    string `yaml:"action,omitempty"`    // pass (default) | deny
	Protocol  string `yaml:"protocol,omitempty"`  // as SGRule
	Ports     string `yaml:"ports,omitempty"`     // destination ports
	Src       string `yaml:"src,omitempty"`       // network name; default any
	Dst       string `yaml:"dst,omitempty"`       // network name; default any
	Direction string `yaml:"direction,omitempty"` // <> (default: both ways) | >

	UUID string `yaml:"-"`
}

// sgIDBase is the first security group id Contrail hands out (SGID_MIN_ALLOC).
const sgIDBase = 8000000

// expandSecurity checks security groups and policy rules and derives
// their ids.
func (t *Topology) expandSecurity(c *errs) {
	seen := map[string]string{}
	for i := range t.SecurityGroups {
		sg := &t.SecurityGroups[i]
		path := fmt.Sprintf("security_groups[%d]", i)
		if sg.Name == "" {
			c.add(path+".name", "missing: every security group needs a name")
		}
		if prev, ok := seen[sg.Name]; ok {
			c.add(path+".name", "%q is already used by %s: security group names must be unique", sg.Name, prev)
		}
		seen[sg.Name] = path
		if sg.FQName == "" {
			sg.FQName = "default-domain:default-project:" + sg.Name
		}
		if parts := strings.Split(sg.FQName, ":"); len(parts) != 3 || slices.Contains(parts, "") || parts[2] != sg.Name {
			c.add(path+".fq_name", "%q must be <domain>:<project>:%s", sg.FQName, sg.Name)
		}
		sg.UUID = uuidFor(t.Cluster.Seed, "security-group", sg.FQName)
		sg.ID = sgIDBase + uint32(i) + 1
		sg.IngressACL = uuidFor(t.Cluster.Seed, "access-control-list", sg.FQName+":ingress-access-control-list")
		sg.EgressACL = uuidFor(t.Cluster.Seed, "access-control-list", sg.FQName+":egress-access-control-list")
		for j := range sg.Rules {
			r := &sg.Rules[j]
			rp := fmt.Sprintf("%s.rules[%d]", path, j)
			if r.Direction != "ingress" && r.Direction != "egress" {
				c.add(rp+".direction", "%q: use ingress or egress", r.Direction)
			}
			checkAction(c, rp, r.Action)
			if _, msg := ParseProtocol(r.Protocol); msg != "" {
				c.add(rp+".protocol", "%s", msg)
			}
			if _, _, msg := ParsePorts(r.Ports); msg != "" {
				c.add(rp+".ports", "%s", msg)
			}
			if r.Remote != "" {
				if p, err := netip.ParsePrefix(r.Remote); err != nil {
					c.add(rp+".remote", "%q is not a prefix: write e.g. 10.0.0.0/8 or ::/0", r.Remote)
				} else {
					r.Remote = p.Masked().String()
				}
			}
			r.UUID = uuidFor(t.Cluster.Seed, "security-group-rule", sg.FQName+"/"+strconv.Itoa(j))
		}
	}
	for i := range t.Policies {
		p := &t.Policies[i]
		for j := range p.Rules {
			r := &p.Rules[j]
			rp := fmt.Sprintf("policies(%s).rules[%d]", p.Name, j)
			checkAction(c, rp, r.Action)
			if _, msg := ParseProtocol(r.Protocol); msg != "" {
				c.add(rp+".protocol", "%s", msg)
			}
			if _, _, msg := ParsePorts(r.Ports); msg != "" {
				c.add(rp+".ports", "%s", msg)
			}
			for _, end := range []*string{&r.Src, &r.Dst} {
				if *end == "" || *end == "any" {
					*end = ""
					continue
				}
				if !slices.Contains(p.Networks, *end) {
					if nw := t.Network(*end); nw != nil && slices.Contains(p.Networks, nw.Name) {
						*end = nw.Name
						continue
					}
					c.add(rp, "%q is not one of the policy's networks (%s)", *end, strings.Join(p.Networks, ", "))
				}
			}
			if r.Direction == "" {
				r.Direction = "<>"
			} else if r.Direction != "<>" && r.Direction != ">" {
				c.add(rp+".direction", "%q: use <> (both ways) or >", r.Direction)
			}
			r.UUID = uuidFor(t.Cluster.Seed, "policy-rule", p.FQName+"/"+strconv.Itoa(j))
		}
	}
	hasDefault := t.SecurityGroup("default") != nil
	for i := range t.Pods {
		p := &t.Pods[i]
		if p.SecurityGroups == nil && hasDefault {
			p.SecurityGroups = []string{"default"}
		}
		for j, name := range p.SecurityGroups {
			if t.SecurityGroup(name) == nil {
				c.add(fmt.Sprintf("%s.security_groups[%d]", t.podPaths[i], j), "%q is not a security group: define it under security_groups", name)
			}
		}
	}
}

func checkAction(c *errs, path, a string) {
	if a != "" && a != "pass" && a != "deny" {
		c.add(path+".action", "%q: use pass or deny", a)
	}
}

// ParseProtocol reads a rule protocol: any (or empty) is 0; tcp, udp,
// icmp, icmp6 or a number 1-255.
func ParseProtocol(s string) (int, string) {
	switch strings.ToLower(s) {
	case "", "any":
		return 0, ""
	case "tcp":
		return 6, ""
	case "udp":
		return 17, ""
	case "icmp":
		return 1, ""
	case "icmp6", "ipv6-icmp":
		return 58, ""
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 255 {
		return 0, fmt.Sprintf("%q is not a protocol: use any, tcp, udp, icmp, icmp6 or a number 1-255", s)
	}
	return n, ""
}

// ParsePorts reads a port range: "" or any (0, 0), "80", or "8000-8080".
func ParsePorts(s string) (lo, hi uint16, msg string) {
	if s == "" || s == "any" {
		return 0, 0, ""
	}
	a, b, isRange := strings.Cut(s, "-")
	if !isRange {
		b = a
	}
	x, err1 := strconv.ParseUint(strings.TrimSpace(a), 10, 16)
	y, err2 := strconv.ParseUint(strings.TrimSpace(b), 10, 16)
	if err1 != nil || err2 != nil || x > y {
		return 0, 0, fmt.Sprintf("%q is not a port range: write 80 or 8000-8080", s)
	}
	return uint16(x), uint16(y), ""
}

// SecurityGroup returns the named security group, or nil.
func (t *Topology) SecurityGroup(name string) *SecurityGroup {
	for i := range t.SecurityGroups {
		if t.SecurityGroups[i].Name == name {
			return &t.SecurityGroups[i]
		}
	}
	return nil
}

// NetworkACL is the ACL of a network: the rules of every policy attached
// to it that concern it, in policy order ("<>" rules match both ways).
// Its uuid derives from the network; a network without policies has none.
type NetworkACL struct {
	UUID  string
	Name  string
	Rules []ACLRule
}

// ACLRule is one rule of a network ACL, ends by network fq name ("" any).
type ACLRule struct {
	UUID, Action, SrcVN, DstVN string
	Protocol                   int
	PortMin, PortMax           uint16
}

// ACLOf returns the ACL of the named network, or nil when no policy is
// attached to it. Policies without rules pass everything.
func (t *Topology) ACLOf(network string) *NetworkACL {
	n := t.Network(network)
	if n == nil {
		return nil
	}
	acl := &NetworkACL{UUID: uuidFor(t.Cluster.Seed, "access-control-list", n.FQName), Name: n.FQName}
	attached := false
	fq := func(name string) string {
		if name == "" {
			return ""
		}
		return t.Network(name).FQName
	}
	for _, p := range t.Policies {
		if !slices.Contains(p.Networks, n.Name) {
			continue
		}
		attached = true
		if len(p.Rules) == 0 {
			acl.Rules = append(acl.Rules, ACLRule{UUID: uuidFor(t.Cluster.Seed, "policy-rule", p.FQName+"/pass"), Action: "pass"})
			continue
		}
		for _, r := range p.Rules {
			proto, _ := ParseProtocol(r.Protocol)
			lo, hi, _ := ParsePorts(r.Ports)
			action := r.Action
			if action == "" {
				action = "pass"
			}
			ar := ACLRule{UUID: r.UUID, Action: action, SrcVN: fq(r.Src), DstVN: fq(r.Dst), Protocol: proto, PortMin: lo, PortMax: hi}
			acl.Rules = append(acl.Rules, ar)
			if r.Direction == "<>" && ar.SrcVN != ar.DstVN {
				ar.SrcVN, ar.DstVN = ar.DstVN, ar.SrcVN
				acl.Rules = append(acl.Rules, ar)
			}
		}
	}
	if !attached {
		return nil
	}
	return acl
}
