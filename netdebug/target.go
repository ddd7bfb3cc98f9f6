package netdebug

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Target is the network namespace to work in and where it came from.
type Target struct {
	Netns       string `json:"netns"`
	Pid         int    `json:"pid,omitempty"`
	Description string `json:"description"` // "pod default/web (docker 3f2a… sandbox)"
}

// EngineOptions says which engines a name lookup asks (engine.Search's
// meaning of auto: Docker and containerd together). The lookup itself is
// in netdebug/lookup, so that this package links no engine client.
type EngineOptions struct {
	Kind              string // auto (both), docker, containerd
	ContainerdAddress string
	Timeout           time.Duration // per engine
	// Warnings receives one line per engine that did not answer while
	// another did (nil: not shown).
	Warnings io.Writer
}

// Lookup failures: ErrNotFound, ErrAmbiguous and ErrBadTarget are the
// user's naming mistakes, ErrNoEngine the environment (no engine
// answered); all are exit status 2.
var (
	ErrNotFound  = errors.New("not found")
	ErrAmbiguous = errors.New("ambiguous")
	// ErrBadTarget: no name, a --pid or --netns that does not exist or
	// cannot be read, --host-side on an interface without a host end. Its
	// text is not shown.
	ErrBadTarget = errors.New("bad target")
	ErrNoEngine  = errors.New("no container engine answers")
)

// LookupError is a failed lookup with the candidates that were seen.
type LookupError struct {
	Kind       error // ErrNotFound, ErrAmbiguous or ErrBadTarget
	Msg        string
	Candidates []string
}

func (e *LookupError) Error() string {
	if len(e.Candidates) == 0 {
		return e.Msg
	}
	return e.Msg + ": " + strings.Join(e.Candidates, ", ")
}

func (e *LookupError) Unwrap() error { return e.Kind }

// NeedsEngine reports whether the namespace is named by a pod or
// container name, which only an engine can resolve, rather than by
// --netns or --pid (or not at all).
func NeedsEngine(netns string, pid int, name string) bool {
	return netns == "" && pid == 0 && name != ""
}

// LocalTarget is the namespace of --netns PATH or --pid PID (netns first),
// checked to exist; with neither, the error asks for a name. Errors wrap
// ErrBadTarget.
func LocalTarget(netns string, pid int) (Target, error) {
	switch {
	case netns != "":
		if _, err := os.Stat(netns); err != nil {
			return Target{}, BadTarget("network namespace %s: %v: %s", netns, err,
				statHint(err, "give a file like /proc/PID/ns/net or /var/run/netns/NAME"))
		}
		return Target{Netns: netns, Description: "netns " + netns}, nil
	case pid != 0:
		p := NetnsOfPid(pid)
		if _, err := os.Stat(p); err != nil {
			return Target{}, BadTarget("process %d: %v: %s", pid, err, statHint(err, "give the PID of a running process"))
		}
		return Target{Netns: p, Pid: pid, Description: fmt.Sprintf("pid %d", pid)}, nil
	}
	return Target{}, BadTarget("give a pod or container name, --pid PID or --netns PATH")
}

// BadTarget is a LookupError of kind ErrBadTarget.
func BadTarget(format string, a ...any) error {
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
		return t, "", BadTarget("--host-side needs one interface of the pod (-i eth0), not any")
	}
	peer, err := HostSide(t.Netns, iface)
	if err != nil {
		return t, "", BadTarget("%v (%s)", err, t.Description)
	}
	return Target{Description: fmt.Sprintf("the host, peer of %s of %s", iface, t.Description)}, peer, nil
}
