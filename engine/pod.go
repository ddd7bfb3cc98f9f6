package engine

import (
	"fmt"
	"sort"
)

// Labels kubelet (dockershim or CRI) puts on every container of a pod.
const (
	LabelPodName       = "io.kubernetes.pod.name"
	LabelPodNamespace  = "io.kubernetes.pod.namespace"
	LabelPodUID        = "io.kubernetes.pod.uid"
	LabelContainerName = "io.kubernetes.container.name"
	// dockershim: "podsandbox" for the pause container, "container" otherwise.
	LabelDockerType = "io.kubernetes.docker.type"
	// CRI (containerd): "sandbox" or "container"; containers name their
	// sandbox. containerd keeps these as OCI annotations; tools that copy
	// them into labels (and our tests) use the same keys.
	LabelCRIType      = "io.kubernetes.cri.container-type"
	LabelCRISandboxID = "io.kubernetes.cri.sandbox-id"
	// LabelCRIKind is the label containerd's CRI plugin itself puts on the
	// containers it creates: "sandbox" for the pause container.
	LabelCRIKind = "io.cri-containerd.kind"
)

// Pod is a Kubernetes pod seen from the node's container engine.
type Pod struct {
	Name, Namespace, UID string
	Sandbox              *Container  // the pause/sandbox container; nil if not found
	Containers           []Container // the app containers, sorted by name
}

// NetnsPath is where the pod's network namespace can be entered: the
// sandbox's, else the first running member's.
func (p Pod) NetnsPath() string {
	if p.Sandbox != nil && p.Sandbox.NetnsPath != "" {
		return p.Sandbox.NetnsPath
	}
	for _, c := range p.Containers {
		if c.NetnsPath != "" {
			return c.NetnsPath
		}
	}
	return ""
}

// IsSandbox reports whether c is a pod's sandbox (pause) container.
func IsSandbox(c Container) bool {
	return c.Labels[LabelDockerType] == "podsandbox" || c.Labels[LabelCRIType] == "sandbox" ||
		c.Labels[LabelCRIKind] == "sandbox"
}

// PodOf returns the pod name and namespace kubelet recorded on c ("" when c
// is not a pod's).
func PodOf(c Container) (name, namespace string) {
	return c.Labels[LabelPodName], c.Labels[LabelPodNamespace]
}

// Pods groups containers into pods by their kubelet labels. A sandbox that
// is not ready (exited) is only used when no running one exists, since a
// restarted pod leaves its old sandbox behind.
func Pods(all []Container) []Pod {
	type key struct{ ns, name string }
	byKey := map[key]*Pod{}
	var order []key
	for _, c := range all {
		name, ns := PodOf(c)
		if name == "" {
			continue
		}
		k := key{ns, name}
		p := byKey[k]
		if p == nil {
			p = &Pod{Name: name, Namespace: ns}
			byKey[k] = p
			order = append(order, k)
		}
		if uid := c.Labels[LabelPodUID]; uid != "" {
			p.UID = uid
		}
		if IsSandbox(c) {
			c := c
			if p.Sandbox == nil || (!p.Sandbox.Running() && c.Running()) ||
				(p.Sandbox.Running() == c.Running() && c.Created.After(p.Sandbox.Created)) {
				p.Sandbox = &c
			}
			continue
		}
		p.Containers = append(p.Containers, c)
	}
	out := make([]Pod, 0, len(order))
	for _, k := range order {
		p := byKey[k]
		sort.Slice(p.Containers, func(i, j int) bool { return p.Containers[i].Name < p.Containers[j].Name })
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Namespace != out[j].Namespace {
			return out[i].Namespace < out[j].Namespace
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// FindPod returns the pod called name (in namespace, or in any namespace
// when namespace is "" and the name is unique).
func FindPod(all []Container, name, namespace string) (Pod, error) {
	var hits []Pod
	for _, p := range Pods(all) {
		if p.Name == name && (namespace == "" || p.Namespace == namespace) {
			hits = append(hits, p)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return Pod{}, fmt.Errorf("pod %q not found on this node: %w", name, ErrNotFound)
	}
	return Pod{}, fmt.Errorf("pod %q exists in %d namespaces: give the namespace", name, len(hits))
}
