package capturecli

import "github.com/tfkit/tfkit/internal/clikit"

// Exit codes (docs/ARCHITECTURE.md): 0 ok, 1 failure or bad state, 2 usage
// or environment error. --exec passes the command's own status through.

// Usage is a usage error (exit 2).
func Usage(format string, a ...any) error { return clikit.Usagef("", format, a...) }

// Failure is a failed capture, lookup or listing (exit 1).
func Failure(err error) error { return clikit.Wrap(clikit.ExitFailure, err, "") }

// Environment is an environment error: no engine, no permission, no
// interface (exit 2).
func Environment(err error) error { return clikit.Wrap(clikit.ExitUsage, err, "") }

// status is the exit status of a command run with --exec; err, when not
// nil, is why it could not run.
func status(code int, err error) error {
	if err != nil {
		return clikit.Wrap(code, err, "")
	}
	if code != 0 {
		return clikit.Exit(code)
	}
	return nil
}
