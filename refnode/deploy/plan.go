// Package deploy runs a refnode cluster as containers: one container per
// service of the topology (control, vRouter agent and the persona
// stand-ins), each on its node's 127.0.x.y address with host networking,
// labelled and configured like a real Contrail container deployment so
// that tf-status and tf-capture see what they see on a real node. The
// image is built FROM scratch from the refnode binary (with its loader and
// libraries when it is dynamically linked) and loaded through the
// engine's API: nothing is pulled. A lab larger than one machine is one
// topology file deployed in shares: each host runs the nodes NodeFilter
// selects, the nodes' addresses routed between the hosts.
package deploy

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/refnode/topo"
)

// Labels tfkit adds so that deploy down finds its containers.
const (
	LabelCluster = "refnode.tfkit/cluster"
	LabelRole    = "refnode.tfkit/role"
	LabelNode    = "refnode.tfkit/node"
	LabelAddress = "refnode.tfkit/address" // the node's 127.0.x.y
)

// DefaultVendor is Contrail's label prefix.
const DefaultVendor = "net.juniper.contrail"

// ImageRef is the image deploy builds.
const ImageRef = "refnode:latest"

// topologyInContainer is where a topology file is mounted.
const topologyInContainer = "/etc/refnode/topology.yaml"

// Options say what to deploy and how.
type Options struct {
	// Topology is the cluster; TopologyArg is how `refnode run` inside the
	// containers gets the same one: "" (embedded default), "builtin:<name>",
	// or a host file path (bind-mounted read-only).
	Topology    *topo.Topology
	TopologyArg string
	Scale       float64 // timer scale passed to refnode run; 0 = the topology's
	Vendor      string  // label prefix; "" = DefaultVendor
	Image       string  // image reference to build and run; "" = ImageRef
	// Only, when set, keeps the services it returns true for.
	Only func(topo.Service) bool
}

// serviceLook is how one refnode role appears in a Contrail deployment.
type serviceLook struct {
	pod, service, container string
	portEnv                 string // *_INTROSPECT_PORT variable, "" when the role has none
}

var looks = map[string]serviceLook{
	topo.RoleControl:        {"control", "control", "contrail-controller-control-control", "CONTROL_INTROSPECT_PORT"},
	topo.RoleControlNodemgr: {"control", "nodemgr", "contrail-controller-control-nodemgr", ""},
	topo.RoleDNS:            {"control", "dns", "contrail-controller-control-dns", "DNS_INTROSPECT_PORT"},
	topo.RoleNamed:          {"control", "named", "contrail-controller-control-named", ""},
	topo.RoleVRouter:        {"vrouter", "agent", "contrail-vrouter-agent", "VROUTER_AGENT_INTROSPECT_PORT"},
	topo.RoleVRouterNodemgr: {"vrouter", "nodemgr", "contrail-vrouter-nodemgr", ""},
}

// ContainerName is the engine name of a service's container.
func ContainerName(cluster string, s topo.Service) string {
	return fmt.Sprintf("refnode-%s-%s-%s", cluster, s.Node, s.Role)
}

// Plan lists the containers Up starts, without touching any engine.
func Plan(o Options) ([]engine.RunSpec, error) {
	t := o.Topology
	if t == nil {
		return nil, fmt.Errorf("deploy: no topology")
	}
	vendor := o.Vendor
	if vendor == "" {
		vendor = DefaultVendor
	}
	image := o.Image
	if image == "" {
		image = ImageRef
	}
	var controls []string
	for _, c := range t.Controls {
		controls = append(controls, c.Address)
	}
	p := t.Cluster.Ports
	var specs []engine.RunSpec
	for _, s := range t.Services() {
		if o.Only != nil && !o.Only(s) {
			continue
		}
		look, ok := looks[s.Role]
		if !ok {
			return nil, fmt.Errorf("deploy: role %q has no container look: add it to refnode/deploy", s.Role)
		}
		args := []string{"run", "--role", s.Role, "--name", s.Node}
		var mounts []engine.Mount
		switch {
		case o.TopologyArg == "":
		case strings.HasPrefix(o.TopologyArg, "builtin:"):
			args = append(args, "--topology", o.TopologyArg)
		default:
			args = append(args, "--topology", topologyInContainer)
			mounts = append(mounts, engine.Mount{Source: o.TopologyArg, Target: topologyInContainer, ReadOnly: true})
		}
		if o.Scale > 0 {
			args = append(args, "--scale", strconv.FormatFloat(o.Scale, 'g', -1, 64))
		}
		env := map[string]string{
			"NODE_TYPE":        look.pod,
			"SERVICE_NAME":     look.service,
			"CONTAINER_NAME":   look.container,
			"CONTRAIL_VERSION": t.Cluster.Version,
			"CONTROL_NODES":    strings.Join(controls, ","),
			"XMPP_SERVER_PORT": strconv.Itoa(p.XMPP),
			"BGP_PORT":         strconv.Itoa(p.BGP),
			"VENDOR_DOMAIN":    vendor,
		}
		if look.portEnv != "" {
			env[look.portEnv] = strconv.Itoa(s.Port("introspect"))
		}
		if s.Role == topo.RoleVRouter {
			env["VROUTER_GATEWAY"] = s.Address // the vhost address, as a real agent's env has it
		}
		specs = append(specs, engine.RunSpec{
			Name:  ContainerName(t.Cluster.Name, s),
			Image: image,
			Args:  args,
			Env:   env,
			Labels: map[string]string{
				vendor + ".pod":            look.pod,
				vendor + ".service":        look.service,
				vendor + ".container.name": look.container,
				"version":                  t.Cluster.Version,
				LabelCluster:               t.Cluster.Name,
				LabelRole:                  s.Role,
				LabelNode:                  s.Node,
				LabelAddress:               s.Address,
			},
			Network: "host",
			Mounts:  mounts,
		})
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("deploy: the topology selects no service")
	}
	return specs, nil
}

// NodeFilter selects the services of the nodes whose name matches one of
// patterns (shell patterns: control-*, vrouter-[1-4]); no pattern selects
// every node. A pattern that is malformed or matches no node of the
// topology is an error, so a typo does not deploy an empty share.
func NodeFilter(t *topo.Topology, patterns []string) (func(topo.Service) bool, error) {
	if len(patterns) == 0 {
		return nil, nil
	}
	nodes := map[string]bool{}
	for _, s := range t.Services() {
		nodes[s.Node] = true
	}
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("node filter %q: %v", p, err)
		}
		hit := false
		for n := range nodes {
			if ok, _ := path.Match(p, n); ok {
				hit = true
			}
		}
		if !hit {
			return nil, fmt.Errorf("node filter %q matches no node of cluster %s", p, t.Cluster.Name)
		}
	}
	return func(s topo.Service) bool {
		for _, p := range patterns {
			if ok, _ := path.Match(p, s.Node); ok {
				return true
			}
		}
		return false
	}, nil
}
