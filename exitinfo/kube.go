package exitinfo

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	units "github.com/docker/go-units"
)

// The parts of `kubectl get pod -o json` (a Pod or a List of pods) that say
// how containers ended. Only what is read is declared.
type kubePod struct {
	Kind     string `json:"kind"`
	Metadata struct {
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	} `json:"metadata"`
	Spec struct {
		Containers     []kubeContainerSpec `json:"containers"`
		InitContainers []kubeContainerSpec `json:"initContainers"`
	} `json:"spec"`
	Status struct {
		Phase                 string                `json:"phase"`
		Reason                string                `json:"reason"`
		Message               string                `json:"message"`
		InitContainerStatuses []kubeContainerStatus `json:"initContainerStatuses"`
		ContainerStatuses     []kubeContainerStatus `json:"containerStatuses"`
	} `json:"status"`
	Items []kubePod `json:"items"`
}

type kubeContainerSpec struct {
	Name          string          `json:"name"`
	LivenessProbe json.RawMessage `json:"livenessProbe"`
	Resources     struct {
		Limits map[string]string `json:"limits"`
	} `json:"resources"`
}

type kubeContainerStatus struct {
	Name         string    `json:"name"`
	ContainerID  string    `json:"containerID"`
	RestartCount int       `json:"restartCount"`
	State        kubeState `json:"state"`
	LastState    kubeState `json:"lastState"`
}

type kubeTerminated struct {
	ExitCode   int       `json:"exitCode"`
	Signal     int       `json:"signal"`
	Reason     string    `json:"reason"`
	Message    string    `json:"message"`
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt"`
}

type kubeState struct {
	Running *struct {
		StartedAt time.Time `json:"startedAt"`
	} `json:"running"`
	Waiting    *Waiting        `json:"waiting"`
	Terminated *kubeTerminated `json:"terminated"`
}

// KubeReports reads kubectl pod JSON and reports every container of the
// pod named pod (all pods when pod is ""; namespace "" matches any).
func KubeReports(r io.Reader, pod, namespace string) ([]Report, error) {
	var doc kubePod
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read kubectl JSON: %v: give the output of kubectl get pod NAME -o json", err)
	}
	pods := doc.Items
	if doc.Kind != "List" && doc.Metadata.Name != "" {
		pods = []kubePod{doc}
	}
	var out []Report
	var names []string
	for _, p := range pods {
		names = append(names, p.Metadata.Namespace+"/"+p.Metadata.Name)
		if pod != "" && p.Metadata.Name != pod {
			continue
		}
		if namespace != "" && p.Metadata.Namespace != "" && p.Metadata.Namespace != namespace {
			continue
		}
		out = append(out, podReports(p)...)
	}
	if len(out) == 0 {
		sort.Strings(names)
		if len(names) == 0 {
			return nil, fmt.Errorf("the kubectl JSON holds no pod: give the output of kubectl get pod NAME -o json")
		}
		return nil, fmt.Errorf("pod %s/%s is not in the kubectl JSON: it holds %s", namespace, pod, strings.Join(names, ", "))
	}
	return out, nil
}

func podReports(p kubePod) []Report {
	specs := map[string]kubeContainerSpec{}
	for _, c := range append(p.Spec.InitContainers, p.Spec.Containers...) {
		specs[c.Name] = c
	}
	var out []Report
	for _, s := range append(p.Status.InitContainerStatuses, p.Status.ContainerStatuses...) {
		out = append(out, containerStatusReport(p, s, specs[s.Name]))
	}
	if len(out) == 0 && p.Status.Reason != "" {
		// An evicted pod may have lost its container statuses.
		r := Report{Source: "kubernetes", Namespace: p.Metadata.Namespace, Pod: p.Metadata.Name,
			State: strings.ToLower(p.Status.Phase), Terminated: true, Reason: p.Status.Reason, Message: p.Status.Message, Record: "kubectl JSON (pod status)"}
		r.finish(Termination{Reason: p.Status.Reason, Message: p.Status.Message, ExitCode: -1})
		r.Verdict = VerdictFailed
		out = append(out, r)
	}
	return out
}

// containerStatusReport reads one container status: the current waiting
// reason first, then the termination (current, or the last one before a
// restart).
func containerStatusReport(p kubePod, s kubeContainerStatus, spec kubeContainerSpec) Report {
	r := Report{Source: "kubernetes", Namespace: p.Metadata.Namespace, Pod: p.Metadata.Name,
		Container: s.Name, ID: shortID(kubeContainerID(s.ContainerID)), Restarts: s.RestartCount, Record: "kubectl JSON",
		Logs: fmt.Sprintf("kubectl logs -n %s %s -c %s --previous", p.Metadata.Namespace, p.Metadata.Name, s.Name)}
	var limit int64
	if q := spec.Resources.Limits["memory"]; q != "" {
		limit, _ = units.RAMInBytes(strings.TrimSuffix(q, "i"))
		r.MemoryMiB = limit >> 20
	}
	switch {
	case s.State.Running != nil:
		r.State = "running"
		r.StartedAt = timePtr(s.State.Running.StartedAt)
		r.Verdict = VerdictRunning
	case s.State.Waiting != nil:
		r.State = "waiting"
		w := *s.State.Waiting
		r.Waiting = &w
		r.Verdict = VerdictWaiting
	case s.State.Terminated != nil:
		r.State = "terminated"
	default:
		r.State = "unknown"
		r.Verdict = VerdictNoRecord
	}
	term, last := s.State.Terminated, false
	if term == nil && s.LastState.Terminated != nil {
		term, last = s.LastState.Terminated, true
	}
	if term == nil {
		if r.Waiting != nil {
			e := explainWaiting(*r.Waiting, nil)
			r.Explanation = &e
		}
		return r
	}
	r.Terminated, r.LastState = true, last
	r.ExitCode, r.Signal = intPtr(term.ExitCode), term.Signal
	r.Reason, r.Message = term.Reason, term.Message
	r.OOMKilled = term.Reason == "OOMKilled"
	r.StartedAt, r.FinishedAt = timePtr(term.StartedAt), timePtr(term.FinishedAt)
	t := Termination{ExitCode: term.ExitCode, Signal: term.Signal, OOMKilled: r.OOMKilled, Reason: term.Reason, Message: term.Message,
		HasLivenessProbe: len(spec.LivenessProbe) > 0 && string(spec.LivenessProbe) != "null",
		RestartedInPlace: last, MemoryLimit: limit, Logs: r.Logs}
	if r.OOMKilled {
		t.OOMEvidence = "reason OOMKilled"
	} else if signalOf(t) == 9 && term.Reason != "ContainerStatusUnknown" {
		t.OOMEvidence = probableOOM(limit, term.FinishedAt.Sub(term.StartedAt), !term.StartedAt.IsZero() && !term.FinishedAt.IsZero())
		t.OOMProbable = t.OOMEvidence != ""
	}
	if t.OOMProbable {
		r.OOM = "probable: " + t.OOMEvidence
	} else if r.OOMKilled {
		r.OOM = t.OOMEvidence
	}
	waiting := r.Waiting
	r.finish(t)
	if waiting != nil {
		// The kubelet's present trouble first, the older exit after it.
		e := explainWaiting(*waiting, r.Explanation)
		r.Explanation = &e
		r.Verdict = VerdictWaiting
	} else if r.State == "running" && !last {
		r.Verdict = VerdictRunning
	}
	return r
}

// explainWaiting words the kubelet's waiting reasons; last is the
// explanation of the exit before, when there was one.
func explainWaiting(w Waiting, last *Explanation) Explanation {
	e := Explanation{}
	switch w.Reason {
	case "CrashLoopBackOff":
		e.Meaning = "CrashLoopBackOff: it keeps exiting and the kubelet waits longer before each restart (up to 5 min)"
		e.Next = "the last exit says why"
	case "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull":
		e.Meaning = w.Reason + ": the image cannot be pulled"
		e.Next = "check the image name and tag, the registry's reachability from the node, and imagePullSecrets (air-gapped nodes need the image preloaded)"
	case "CreateContainerConfigError":
		e.Meaning = "CreateContainerConfigError: the kubelet cannot build the container's configuration, usually a missing Secret or ConfigMap (or key) it refers to"
		e.Next = "create the missing object or fix the reference (env valueFrom, envFrom, volumes)"
	case "CreateContainerError", "RunContainerError":
		e.Meaning = w.Reason + ": the runtime could not create or start the container"
		e.Next = "read the message: a missing command, a bad mount, a name conflict"
	case "ContainerCreating", "PodInitializing":
		e.Meaning = w.Reason + ": starting (image pull, volumes, init containers)"
		e.Next = "wait, or kubectl describe pod if it lasts"
	default:
		e.Meaning = "waiting: " + w.Reason
		e.Next = "kubectl describe pod for the events"
	}
	if w.Message != "" {
		e.Meaning += " (" + w.Message + ")"
	}
	if last != nil {
		e.Signal = last.Signal
		e.Meaning += "; the exit before: " + last.Meaning
		e.Next += "; " + last.Next
	}
	return e
}

// kubeContainerID drops the runtime scheme of "containerd://<id>".
func kubeContainerID(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		return s[i+3:]
	}
	return s
}
