package netdebug

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBadTarget classifies a target the user named wrongly: no name, a
// --pid or --netns that does not exist or cannot be read, --host-side on
// an interface without a host end (a usage error). Its text is not shown.
var ErrBadTarget = errors.New("bad target")

// TargetSpec is how the user named the namespace: --netns PATH, --pid PID
// or a pod/container name looked up in the engines.
type TargetSpec struct {
	Netns     string
	Pid       int // 0: not given
	Name      string
	Namespace string // Kubernetes namespace of the pod
	Engines   EngineOptions
}

// FindTarget resolves the namespace. Errors wrap ErrBadTarget, ErrNotFound
// or ErrAmbiguous (the user's mistake), ErrNoEngine (the environment), or
// are failures (a container that is not running).
func FindTarget(ctx context.Context, s TargetSpec) (Target, error) {
	switch {
	case s.Netns != "":
		if _, err := os.Stat(s.Netns); err != nil {
			return Target{}, badTarget("network namespace %s: %v: %s", s.Netns, err,
				statHint(err, "give a file like /proc/PID/ns/net or /var/run/netns/NAME"))
		}
		return Target{Netns: s.Netns, Description: "netns " + s.Netns}, nil
	case s.Pid != 0:
		p := NetnsOfPid(s.Pid)
		if _, err := os.Stat(p); err != nil {
			return Target{}, badTarget("process %d: %v: %s", s.Pid, err, statHint(err, "give the PID of a running process"))
		}
		return Target{Netns: p, Pid: s.Pid, Description: fmt.Sprintf("pid %d", s.Pid)}, nil
	case s.Name == "":
		return Target{}, badTarget("give a pod or container name, --pid PID or --netns PATH")
	}
	l, err := SearchContainers(ctx, s.Engines)
	if err != nil {
		return Target{}, err
	}
	t, err := Resolve(l.Containers, s.Name, s.Namespace)
	return t, Searched(err, l)
}

func badTarget(format string, a ...any) error {
	return &LookupError{Kind: ErrBadTarget, Msg: fmt.Sprintf(format, a...)}
}

// statHint says what to do about a namespace file that cannot be read.
func statHint(err error, otherwise string) string {
	if errors.Is(err, os.ErrPermission) {
		return "run as root: entering a network namespace needs CAP_SYS_ADMIN"
	}
	return otherwise
}

// IsUserError reports whether err is the user's mistake in naming the
// target (exit status 2 with a usage message) rather than a failure.
func IsUserError(err error) bool {
	return errors.Is(err, ErrBadTarget) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrAmbiguous) || errors.Is(err, ErrNoEngine)
}

// HostSideOf moves a capture to the host end of the target's veth (the
// vRouter's tap interface): the namespace becomes the caller's and the
// interface the peer's.
func HostSideOf(t Target, iface string) (Target, string, error) {
	if iface == "any" {
		return t, "", badTarget("--host-side needs one interface of the pod (-i eth0), not any")
	}
	peer, err := HostSide(t.Netns, iface)
	if err != nil {
		return t, "", badTarget("%v (%s)", err, t.Description)
	}
	return Target{Description: fmt.Sprintf("the host, peer of %s of %s", iface, t.Description)}, peer, nil
}
