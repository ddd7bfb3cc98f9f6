package netdebug

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
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
}

type kubeContainerStatus struct {
	Name         string    `json:"name"`
	ContainerID  string    `json:"containerID"`
	RestartCount int       `json:"restartCount"`
	State        kubeState `json:"state"`
	LastState    kubeState `json:"lastState"`
}

type kubeState struct {
	Running *struct {
		StartedAt time.Time `json:"startedAt"`
	} `json:"running"`
	Waiting *struct {
		Reason  string `json:"reason"`
		Message string `json:"message"`
	} `json:"waiting"`
	Terminated *struct {
		ExitCode   int       `json:"exitCode"`
		Signal     int       `json:"signal"`
		Reason     string    `json:"reason"`
		Message    string    `json:"message"`
		StartedAt  time.Time `json:"startedAt"`
		FinishedAt time.Time `json:"finishedAt"`
	} `json:"terminated"`
}

// KubeReports reads kubectl pod JSON and reports every container of the
// pod named pod (all pods when pod is ""; namespace "" matches any).
func KubeReports(r io.Reader, pod, namespace string) ([]ExitReport, error) {
	var doc kubePod
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read kubectl JSON: %v: give the output of kubectl get pod NAME -o json", err)
	}
	pods := doc.Items
	if doc.Kind != "List" && doc.Metadata.Name != "" {
		pods = []kubePod{doc}
	}
	var out []ExitReport
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

func podReports(p kubePod) []ExitReport {
	probe := map[string]bool{}
	for _, c := range append(p.Spec.InitContainers, p.Spec.Containers...) {
		probe[c.Name] = len(c.LivenessProbe) > 0 && string(c.LivenessProbe) != "null"
	}
	var out []ExitReport
	for _, s := range append(p.Status.InitContainerStatuses, p.Status.ContainerStatuses...) {
		out = append(out, containerStatusReport(p, s, probe[s.Name]))
	}
	if len(out) == 0 && p.Status.Reason != "" {
		// An evicted pod may have lost its container statuses.
		e := Explain(Termination{Reason: p.Status.Reason, Message: p.Status.Message})
		out = append(out, ExitReport{Source: "kubernetes", Namespace: p.Metadata.Namespace, Pod: p.Metadata.Name,
			State: strings.ToLower(p.Status.Phase), Terminated: true, Reason: p.Status.Reason, Message: p.Status.Message, Explanation: &e})
	}
	return out
}

func containerStatusReport(p kubePod, s kubeContainerStatus, hasProbe bool) ExitReport {
	r := ExitReport{Source: "kubernetes", Namespace: p.Metadata.Namespace, Pod: p.Metadata.Name,
		Container: s.Name, ID: shortID(kubeContainerID(s.ContainerID)), Restarts: s.RestartCount}
	switch {
	case s.State.Running != nil:
		r.State = "running"
		r.StartedAt = timePtr(s.State.Running.StartedAt)
	case s.State.Waiting != nil:
		r.State = "waiting"
		r.Reason = s.State.Waiting.Reason
		r.Message = s.State.Waiting.Message
	case s.State.Terminated != nil:
		r.State = "terminated"
	default:
		r.State = "unknown"
	}
	term, last := s.State.Terminated, false
	if term == nil && s.LastState.Terminated != nil {
		term, last = s.LastState.Terminated, true
	}
	if term == nil {
		return r
	}
	r.Terminated, r.LastState = true, last
	r.ExitCode, r.Signal = term.ExitCode, term.Signal
	r.Reason, r.Message = term.Reason, term.Message
	r.OOMKilled = term.Reason == "OOMKilled"
	r.StartedAt, r.FinishedAt = timePtr(term.StartedAt), timePtr(term.FinishedAt)
	if last && s.State.Waiting != nil {
		r.State = "waiting (" + s.State.Waiting.Reason + ")"
	}
	e := Explain(Termination{ExitCode: term.ExitCode, Signal: term.Signal, OOMKilled: r.OOMKilled,
		Reason: term.Reason, Message: term.Message, HasLivenessProbe: hasProbe})
	r.Explanation = &e
	if r.Signal == 0 && e.Signal != "" {
		r.Signal = term.ExitCode - 128
	}
	return r
}

// kubeContainerID drops the runtime scheme of "containerd://<id>".
func kubeContainerID(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		return s[i+3:]
	}
	return s
}
