package lookup

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/netdebug"
)

// labelCRIKind is the label containerd's CRI plugin itself puts on pod
// containers ("sandbox" or "container"); engine.IsSandbox reads the kubelet
// ones, this adds the CRI plugin's.
const labelCRIKind = "io.cri-containerd.kind"

func isSandbox(c engine.Container) bool {
	return engine.IsSandbox(c) || c.Labels[labelCRIKind] == "sandbox"
}

func isRunning(c engine.Container) bool {
	return c.State == "running" && (c.Pid > 0 || c.NetnsPath != "")
}

// describeContainer names a container in messages: "docker web (3f2a…, exited)".
func describeContainer(c engine.Container) string {
	where := c.Engine
	if c.Namespace != "" {
		where += "/" + c.Namespace
	}
	return fmt.Sprintf("%s %s (%s, %s)", where, c.Name, c.ShortID(), c.State)
}

func netnsOf(c engine.Container) string {
	if c.NetnsPath != "" {
		return c.NetnsPath
	}
	return netdebug.NetnsOfPid(c.Pid)
}

// PodContainers are the containers of a Kubernetes pod, sandbox included.
func PodContainers(all []engine.Container, pod, namespace string) []engine.Container {
	var out []engine.Container
	for _, c := range all {
		if c.Labels[engine.LabelPodName] == pod && c.Labels[engine.LabelPodNamespace] == namespace {
			out = append(out, c)
		}
	}
	return out
}

// podNamespacesOf lists the Kubernetes namespaces in which a pod of that name exists.
func podNamespacesOf(all []engine.Container, pod string) []string {
	seen := map[string]bool{}
	for _, c := range all {
		if c.Labels[engine.LabelPodName] == pod {
			seen[c.Labels[engine.LabelPodNamespace]] = true
		}
	}
	var out []string
	for ns := range seen {
		out = append(out, ns)
	}
	sort.Strings(out)
	return out
}

// MatchContainers finds containers by exact name (Docker name, nerdctl
// name, full id) and, when none matches exactly, by id prefix.
func MatchContainers(all []engine.Container, name string) []engine.Container {
	var exact, prefix []engine.Container
	for _, c := range all {
		switch {
		case c.Name == name || c.ID == name || c.Labels[engine.LabelNerdctlName] == name:
			exact = append(exact, c)
		case len(name) >= 3 && strings.HasPrefix(c.ID, name):
			prefix = append(prefix, c)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return prefix
}

// Resolve finds the network namespace of a pod or container: a pod of that
// name in the namespace first (its running sandbox holds the netns), then a
// container name or id prefix in any engine.
func Resolve(all []engine.Container, name, namespace string) (netdebug.Target, error) {
	if pod := PodContainers(all, name, namespace); len(pod) > 0 {
		return resolvePod(pod, name, namespace)
	}
	matches := MatchContainers(all, name)
	switch len(matches) {
	case 0:
		return netdebug.Target{}, notFound(all, name, namespace)
	case 1:
		c := matches[0]
		if !isRunning(c) {
			return netdebug.Target{}, fmt.Errorf("container %s is %s: it has no network namespace to enter; try tf-capture why %s", describeContainer(c), c.State, name)
		}
		return netdebug.Target{Netns: netnsOf(c), Pid: c.Pid, Description: "container " + describeContainer(c)}, nil
	}
	return netdebug.Target{}, &netdebug.LookupError{Kind: netdebug.ErrAmbiguous, Msg: fmt.Sprintf("%q matches %d containers: give a longer id or the full name", name, len(matches)), Candidates: describeAll(matches)}
}

func resolvePod(pod []engine.Container, name, namespace string) (netdebug.Target, error) {
	var best *engine.Container
	for i := range pod {
		c := &pod[i]
		if !isRunning(*c) {
			continue
		}
		// The sandbox owns the netns; any running member shares it.
		if best == nil || (isSandbox(*c) && !isSandbox(*best)) || (isSandbox(*c) == isSandbox(*best) && c.Created.After(best.Created)) {
			best = c
		}
	}
	if best == nil {
		return netdebug.Target{}, fmt.Errorf("pod %s/%s has no running container: nothing holds its network namespace; try tf-capture why %s -n %s", namespace, name, name, namespace)
	}
	role := "container"
	if isSandbox(*best) {
		role = "sandbox"
	}
	return netdebug.Target{Netns: netnsOf(*best), Pid: best.Pid,
		Description: fmt.Sprintf("pod %s/%s (%s %s)", namespace, name, role, describeContainer(*best))}, nil
}

func describeAll(cs []engine.Container) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, describeContainer(c))
	}
	sort.Strings(out)
	return out
}

// notFound explains an unknown name: a pod of that name in another
// namespace, or the names that do exist.
func notFound(all []engine.Container, name, namespace string) error {
	if nss := podNamespacesOf(all, name); len(nss) > 0 {
		return &netdebug.LookupError{Kind: netdebug.ErrNotFound, Msg: fmt.Sprintf("no pod %s in namespace %s: use -n with one of", name, namespace), Candidates: nss}
	}
	var names []string
	seen := map[string]bool{}
	for _, c := range all {
		n := c.Name
		if p := c.Labels[engine.LabelPodName]; p != "" {
			n = "pod " + c.Labels[engine.LabelPodNamespace] + "/" + p
		}
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	sort.Strings(names)
	msg := fmt.Sprintf("no pod or container named %q (pod namespace %s)", name, namespace)
	if len(names) == 0 {
		return &netdebug.LookupError{Kind: netdebug.ErrNotFound, Msg: msg + ": the engines list no containers"}
	}
	if len(names) > 20 {
		names = append(names[:20], fmt.Sprintf("… %d more", len(names)-20))
	}
	return &netdebug.LookupError{Kind: netdebug.ErrNotFound, Msg: msg + "; known", Candidates: names}
}

// SelectForWhy picks the containers whose exits `why` reports: every
// container of the pod except the sandbox, or the one container named.
func SelectForWhy(all []engine.Container, name, namespace string) ([]engine.Container, error) {
	if pod := PodContainers(all, name, namespace); len(pod) > 0 {
		var out []engine.Container
		for _, c := range pod {
			if !isSandbox(c) {
				out = append(out, c)
			}
		}
		return out, nil
	}
	matches := MatchContainers(all, name)
	switch len(matches) {
	case 0:
		return nil, notFound(all, name, namespace)
	case 1:
		return matches, nil
	}
	return nil, &netdebug.LookupError{Kind: netdebug.ErrAmbiguous, Msg: fmt.Sprintf("%q matches %d containers: give a longer id or the full name", name, len(matches)), Candidates: describeAll(matches)}
}
