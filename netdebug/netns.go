package netdebug

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"

	"github.com/vishvananda/netns"
)

// NetnsOfPid is the network namespace file of a process.
func NetnsOfPid(pid int) string { return "/proc/" + strconv.Itoa(pid) + "/ns/net" }

// InNetns runs fn on a locked OS thread that has joined the network
// namespace at path, then moves the thread back to its original namespace.
// Sockets (and pcap handles) created by fn stay bound to the target
// namespace after the switch back; only the thread moves.
//
// If the thread cannot be restored it is left locked, so the Go runtime
// throws it away when the goroutine ends instead of reusing a thread that
// sits in the wrong namespace.
func InNetns(path string, fn func() error) error {
	target, err := netns.GetFromPath(path)
	if err != nil {
		return netnsOpenError(path, err)
	}
	defer target.Close()

	runtime.LockOSThread()
	orig, err := netns.Get()
	if err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("read current network namespace: %w", err)
	}
	defer orig.Close()
	if err := netns.Set(target); err != nil {
		runtime.UnlockOSThread()
		if errors.Is(err, os.ErrPermission) {
			return fmt.Errorf("enter network namespace %s: permission denied: run as root or with CAP_SYS_ADMIN", path)
		}
		return fmt.Errorf("enter network namespace %s: %w", path, err)
	}
	fnErr := fn()
	if err := netns.Set(orig); err != nil {
		// Keep the thread locked: it dies with the goroutine.
		return fmt.Errorf("return to the original network namespace: %w", err)
	}
	runtime.UnlockOSThread()
	return fnErr
}

// netnsOpenError turns an open failure into a message that says what to do.
func netnsOpenError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("network namespace %s does not exist: is the process or container still running?", path)
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("open network namespace %s: permission denied: run as root or with CAP_SYS_ADMIN", path)
	}
	return fmt.Errorf("open network namespace %s: %w", path, err)
}
