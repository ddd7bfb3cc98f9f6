package engine

import (
	"fmt"
	"time"

	units "github.com/docker/go-units"
)

// StatusText writes the human status the way `docker ps` does ("Up 2
// minutes", "Exited (137) 5 seconds ago", "Up 3 hours (Paused)"), so that
// containerd containers read the same as Docker ones in tf-status.
func StatusText(c Container, now time.Time) string {
	since := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return units.HumanDuration(now.Sub(t))
	}
	switch c.State {
	case StateRunning:
		if s := since(c.StartedAt); s != "" {
			return "Up " + s
		}
		return "Up"
	case StatePaused:
		if s := since(c.StartedAt); s != "" {
			return "Up " + s + " (Paused)"
		}
		return "Up (Paused)"
	case StateRestarting:
		return fmt.Sprintf("Restarting (%d) %s ago", c.ExitCode, since(c.FinishedAt))
	case StateExited:
		if s := since(c.FinishedAt); s != "" {
			return fmt.Sprintf("Exited (%d) %s ago", c.ExitCode, s)
		}
		return fmt.Sprintf("Exited (%d)", c.ExitCode)
	case StateCreated:
		return "Created"
	case StateDead:
		return "Dead"
	}
	return c.State
}
