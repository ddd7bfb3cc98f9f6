package status

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/tfkit/tfkit/engine"
)

// DefaultVendorDomain prefixes the labels of Contrail containers unless
// VENDOR_DOMAIN says otherwise.
const DefaultVendorDomain = "net.juniper.contrail"

// Unit is one Contrail container, after de-duplication: a row of the
// container table.
type Unit struct {
	Key             string // pod.service, or the original name for pod-less ones
	Pod             string
	Service         string
	OriginalName    string
	OriginalVersion string
	EnvHash         string
	Container       engine.Container
}

// Discovery is what the engine says about the node's Contrail containers.
type Discovery struct {
	Units    []Unit // sorted by pod, then service, then key
	Warnings []string
}

// Discover picks the Contrail containers out of all, like contrail-status:
// those carrying <vendor>.container.name (or, when none does, every
// container, read through its env copies), skipping those without a
// service, keeping one container per key (running beats stopped, then the
// newest).
func Discover(all []engine.Container, vendor string) Discovery {
	if vendor == "" {
		vendor = DefaultVendorDomain
	}
	nameLabel := vendor + ".container.name"
	var cands []engine.Container
	for _, c := range all {
		if _, ok := c.Labels[nameLabel]; ok {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		cands = all // unlabelled deployments (OpenShift): env copies only
	}
	var d Discovery
	byKey := map[string]Unit{}
	for _, c := range cands {
		u := Unit{
			Pod:             labelOrEnv(c, vendor+".pod", "NODE_TYPE"),
			Service:         labelOrEnv(c, vendor+".service", "SERVICE_NAME"),
			OriginalName:    labelOrEnv(c, nameLabel, "CONTAINER_NAME"),
			OriginalVersion: labelOrEnv(c, "version", "CONTRAIL_VERSION"),
			EnvHash:         envHash(c.Env),
			Container:       c,
		}
		if u.OriginalName == "" {
			u.OriginalName = c.Name
		}
		shared := sharedServices[u.OriginalName]
		if u.Service == "" && !shared {
			continue // *-init containers, the status container itself
		}
		switch {
		case shared:
			u.Key = u.OriginalName
		case u.Pod == "":
			d.Warnings = append(d.Warnings, fmt.Sprintf("WARNING: container with original name '%s' have Pod or Service empty. Pod: '%s' / Service: '%s'. Please pass NODE_TYPE with pod name to container's env", u.OriginalName, u.Pod, u.Service))
			u.Key = u.OriginalName
		default:
			u.Key = u.Pod + "." + u.Service
		}
		if indexedServices[u.Service] {
			u.Key += "." + u.EnvHash
		}
		if old, ok := byKey[u.Key]; !ok || better(c, old.Container) {
			byKey[u.Key] = u
		}
	}
	for _, u := range byKey {
		d.Units = append(d.Units, u)
	}
	sort.Slice(d.Units, func(i, j int) bool {
		a, b := d.Units[i], d.Units[j]
		if a.Pod != b.Pod {
			return a.Pod < b.Pod
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		return a.Key < b.Key
	})
	return d
}

// better reports whether a should replace b for the same key: a running
// container wins, then the most recently created.
func better(a, b engine.Container) bool {
	if a.Running() != b.Running() {
		return a.Running()
	}
	return a.Created.After(b.Created)
}

func labelOrEnv(c engine.Container, label, env string) string {
	if v := c.Labels[label]; v != "" {
		return v
	}
	return c.Env[env]
}

// envHash identifies a container by its environment (indexed services).
func envHash(env map[string]string) string {
	h := sha256.New()
	h.Write([]byte(strings.Join(engine.EnvList(env), "\x00")))
	return hex.EncodeToString(h.Sum(nil))[:12]
}
