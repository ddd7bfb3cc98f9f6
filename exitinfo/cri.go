package exitinfo

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// CRIStatus is the status the containerd CRI plugin checkpoints for each
// Kubernetes container in <root>/containers/<id>/status (root-only JSON,
// version "v1"). It outlives the task: CRI deletes the task after an
// exit, and this file is then the only place the node keeps the exit code
// until the kubelet removes the container.
type CRIStatus struct {
	Version    string
	Pid        uint32
	CreatedAt  int64 // Unix nanoseconds
	StartedAt  int64
	FinishedAt int64
	ExitCode   int32
	Reason     string // Completed, Error, OOMKilled, StartError, Unknown
	Message    string
}

// DefaultCRIRoot is the CRI plugin's directory under containerd's default root.
const DefaultCRIRoot = "/var/lib/containerd/io.containerd.grpc.v1.cri"

// CRIRootFor guesses the CRI plugin's directory from the containerd
// socket of the common distributions (k3s, RKE2, microk8s keep their own
// root); the first that exists wins, DefaultCRIRoot otherwise.
func CRIRootFor(containerdAddress string) string {
	var candidates []string
	switch containerdAddress {
	case "/run/k3s/containerd/containerd.sock":
		candidates = []string{"/var/lib/rancher/k3s/agent/containerd/io.containerd.grpc.v1.cri", "/var/lib/rancher/rke2/agent/containerd/io.containerd.grpc.v1.cri"}
	case "/var/snap/microk8s/common/run/containerd.sock":
		candidates = []string{"/var/snap/microk8s/common/var/lib/containerd/io.containerd.grpc.v1.cri"}
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	return DefaultCRIRoot
}

// ReadCRIStatus reads the CRI status of container id; the path is
// returned for the report's record line.
func ReadCRIStatus(root, id string) (CRIStatus, string, error) {
	path := filepath.Join(root, "containers", id, "status")
	b, err := os.ReadFile(path)
	if err != nil {
		return CRIStatus{}, path, err
	}
	var st CRIStatus
	if err := json.Unmarshal(b, &st); err != nil {
		return CRIStatus{}, path, fmt.Errorf("CRI status %s: %v", path, err)
	}
	if st.Version != "v1" {
		return CRIStatus{}, path, fmt.Errorf("CRI status %s: version %q, not v1", path, st.Version)
	}
	return st, path, nil
}

func nanoTime(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns)
}
