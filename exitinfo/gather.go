package exitinfo

import (
	"bytes"

	"github.com/tfkit/tfkit/engine"
)

// Request is one `why` question.
type Request struct {
	Name      string
	Namespace string // Kubernetes namespace given by the user ("" = any, for the JSON)
	KubeJSON  []byte // kubectl pod JSON; nil when none
	// Select finds the containers to report for Name in the engines (a
	// pod's containers without its sandbox, or the one container).
	Select   func(name, namespace string) ([]engine.Container, error)
	Evidence *Evidence
}

// Gather builds the reports: the engines' view of Name, then the pods in
// the kubectl JSON. When both were asked for and the engines fail, the
// JSON alone answers and the engine error comes back as a warning.
func Gather(req Request) (reports []Report, warning error, err error) {
	if req.Name != "" && req.Select != nil {
		cs, err := req.Select(req.Name, req.Namespace)
		switch {
		case err != nil && req.KubeJSON == nil:
			return nil, nil, err
		case err != nil:
			warning = err
		}
		for _, c := range cs {
			reports = append(reports, FromContainer(c, req.Evidence))
		}
	}
	if req.KubeJSON != nil {
		rs, err := KubeReports(bytes.NewReader(req.KubeJSON), req.Name, req.Namespace)
		if err != nil {
			return nil, warning, err
		}
		reports = append(reports, rs...)
	}
	return reports, warning, nil
}

// AnyAbnormal is the exit-status rule of why: 1 when any report is
// abnormal, else 0.
func AnyAbnormal(rs []Report) bool {
	for _, r := range rs {
		if r.Abnormal() {
			return true
		}
	}
	return false
}
