package topo

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// Kubernetes defaults (kubeadm / TF getting-started guides).
const (
	k8sPodSubnet     = "10.32.0.0/12"
	k8sServiceSubnet = "10.96.0.0/12"
)

var rtPattern = regexp.MustCompile(`^target:\d+(\.\d+\.\d+\.\d+)?:\d+$`)

// expandNetworks adds the built-in networks and those of the orchestrator
// clusters in front of the listed ones, then fills indexes, gateways and
// route targets.
func (t *Topology) expandNetworks(c *errs) {
	type src struct {
		n    Network
		path string
	}
	var all []src
	listed := map[string]bool{}
	for _, n := range t.Networks {
		listed[n.Name] = true
	}
	for _, name := range builtinNetworks {
		if !listed[name] {
			all = append(all, src{Network{Name: name, Builtin: true}, "networks(" + name + ")"})
		}
	}
	var policies []Policy
	for i, o := range t.Orchestrators {
		path := fmt.Sprintf("orchestrators[%d]", i)
		if o.Type != "kubernetes" {
			c.add(path+".type", "%q is not supported: use kubernetes", o.Type)
			continue
		}
		if o.Name == "" {
			c.add(path+".name", "missing: name the Kubernetes cluster, e.g. k8s")
			continue
		}
		proj := o.Name + "-default"
		pod, svc := proj+"-pod-network", proj+"-service-network"
		podNet := Network{Name: pod, FQName: "default-domain:" + proj + ":" + pod, Subnet: o.PodNetwork.Subnet, Gateway: o.PodNetwork.Gateway}
		if podNet.Subnet == "" {
			podNet.Subnet = k8sPodSubnet
		}
		svcNet := Network{Name: svc, FQName: "default-domain:" + proj + ":" + svc, Subnet: o.ServiceNetwork.Subnet, Gateway: o.ServiceNetwork.Gateway}
		if svcNet.Subnet == "" {
			svcNet.Subnet = k8sServiceSubnet
		}
		all = append(all, src{podNet, path + ".pod_network"}, src{svcNet, path + ".service_network"})
		// kube-manager's policies: pods and services reach the fabric and
		// each other.
		policies = append(policies,
			Policy{Name: proj + "-ip-fabric-np", FQName: "default-domain:" + proj + ":" + proj + "-ip-fabric-np", Networks: []string{"ip-fabric", pod, svc}},
			Policy{Name: proj + "-pod-service-np", FQName: "default-domain:" + proj + ":" + proj + "-pod-service-np", Networks: []string{pod, svc}})
	}
	for i, n := range t.Networks {
		n.Builtin = slices.Contains(builtinNetworks, n.Name)
		all = append(all, src{n, fmt.Sprintf("networks[%d]", i)})
	}
	t.Policies = append(policies, t.Policies...)

	used := map[int]string{}
	for _, s := range all {
		if s.n.VNIndex != 0 {
			if prev, ok := used[s.n.VNIndex]; ok {
				c.add(s.path+".vn_index", "%d is already used by %s: give each network its own index or leave it out", s.n.VNIndex, prev)
			}
			used[s.n.VNIndex] = s.path
		}
	}
	next := 1
	fq := map[string]string{}
	t.Networks = t.Networks[:0:0]
	for _, s := range all {
		n, path := s.n, s.path
		if n.Name == "" {
			c.add(path+".name", "missing: every network needs a name")
		}
		if n.FQName == "" {
			n.FQName = "default-domain:default-project:" + n.Name
		}
		if parts := strings.Split(n.FQName, ":"); len(parts) != 3 || slices.Contains(parts, "") || parts[2] != n.Name {
			c.add(path+".fq_name", "%q must be <domain>:<project>:%s", n.FQName, n.Name)
		}
		if prev, ok := fq[n.FQName]; ok {
			c.add(path+".fq_name", "%s is already defined by %s: network names must be unique", n.FQName, prev)
		}
		fq[n.FQName] = path
		if n.Subnet != "" {
			p, err := netip.ParsePrefix(n.Subnet)
			if err != nil || !p.Addr().Is4() || p.Bits() > 30 {
				c.add(path+".subnet", "%q is not an IPv4 prefix of /30 or wider: write e.g. 10.32.0.0/12", n.Subnet)
			} else {
				p = p.Masked()
				n.Subnet = p.String()
				if n.Gateway == "" {
					n.Gateway = lastUsable(p).String()
				} else if g, err := netip.ParseAddr(n.Gateway); err != nil || !p.Contains(g) {
					c.add(path+".gateway", "%q is not an address inside %s: use one in the subnet or leave it out", n.Gateway, p)
				}
			}
		} else if n.Gateway != "" {
			c.add(path+".gateway", "a gateway needs a subnet: add subnet or remove gateway")
		}
		switch n.ForwardingMode {
		case "":
			n.ForwardingMode = "l2_l3"
		case "l3", "l2", "l2_l3":
		default:
			c.add(path+".forwarding_mode", "%q is not a forwarding mode: use l3, l2 or l2_l3", n.ForwardingMode)
		}
		if n.VNIndex == 0 {
			for used[next] != "" {
				next++
			}
			n.VNIndex = next
			used[next] = path
		}
		if len(n.RouteTargets) == 0 {
			n.RouteTargets = []string{fmt.Sprintf("target:%d:%d", t.Cluster.ASN, rtBase+n.VNIndex)}
		}
		for j, rt := range n.RouteTargets {
			if !rtPattern.MatchString(rt) {
				c.add(fmt.Sprintf("%s.route_targets[%d]", path, j), "%q is not a route target: write target:<asn>:<number>, e.g. target:64512:8000005", rt)
			}
		}
		n.UUID = uuidFor(t.Cluster.Seed, "virtual-network", n.FQName)
		t.Networks = append(t.Networks, n)
	}
}

func (t *Topology) checkPolicies(c *errs) {
	nOrch := 2 * len(t.Orchestrators)
	for i := range t.Policies {
		p := &t.Policies[i]
		path := fmt.Sprintf("policies[%d]", i-nOrch)
		if i < nOrch {
			path = fmt.Sprintf("orchestrators[%d](%s)", i/2, p.Name)
		}
		if p.Name == "" {
			c.add(path+".name", "missing: every policy needs a name")
		}
		if p.FQName == "" {
			p.FQName = "default-domain:default-project:" + p.Name
		}
		if len(p.Networks) < 2 {
			c.add(path+".networks", "a policy connects at least two networks: list them, e.g. [ip-fabric, web]")
		}
		for j, n := range p.Networks {
			if nw, msg := t.lookupNetwork(n); nw == nil {
				c.add(fmt.Sprintf("%s.networks[%d]", path, j), "%s", msg)
			} else {
				p.Networks[j] = nw.Name
			}
		}
	}
}

// deriveImports gives each network its imported route targets: its own and
// those of every network a policy connects it to.
func (t *Topology) deriveImports() {
	for i := range t.Networks {
		n := &t.Networks[i]
		imp := append([]string(nil), n.RouteTargets...)
		for _, p := range t.Policies {
			if !slices.Contains(p.Networks, n.Name) {
				continue
			}
			for _, other := range p.Networks {
				if other == n.Name {
					continue
				}
				for _, rt := range t.Network(other).RouteTargets {
					if !slices.Contains(imp, rt) {
						imp = append(imp, rt)
					}
				}
			}
		}
		n.Imports = imp
	}
}

// lookupNetwork finds a network by short name or fq_name; the message says
// what to do when it is missing or ambiguous.
func (t *Topology) lookupNetwork(ref string) (*Network, string) {
	var found *Network
	for i := range t.Networks {
		n := &t.Networks[i]
		if n.FQName == ref {
			return n, ""
		}
		if n.Name == ref {
			if found != nil {
				return nil, fmt.Sprintf("%q names two networks: write its fq_name (%s or %s)", ref, found.FQName, n.FQName)
			}
			found = n
		}
	}
	if found == nil {
		var names []string
		for _, n := range t.Networks {
			names = append(names, n.Name)
		}
		return nil, fmt.Sprintf("%q is not a network: use one of %s", ref, strings.Join(names, ", "))
	}
	return found, ""
}
