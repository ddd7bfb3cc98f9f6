package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

// Exit codes (docs/ARCHITECTURE.md): 0 ok, 1 failure or bad state, 2 usage
// or environment error. --exec passes the command's own status through.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// codedError carries the exit status; a nil err exits silently.
type codedError struct {
	code int
	err  error
}

func (e *codedError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func usage(format string, a ...any) error {
	return &codedError{exitUsage, fmt.Errorf(format, a...)}
}

func failure(err error) error { return &codedError{exitFailure, err} }

func environment(err error) error { return &codedError{exitUsage, err} }

func usageError(c *cli.Context, err error, isSubcommand bool) error {
	return usage("%v: see tf-capture --help", err)
}

// run executes the app and prints one error line.
func run(app *cli.App, args []string) int {
	err := app.Run(args)
	if err == nil {
		return exitOK
	}
	var ce *codedError
	if errors.As(err, &ce) {
		if ce.err != nil {
			fmt.Fprintln(os.Stderr, "tf-capture:", ce.err)
		}
		return ce.code
	}
	fmt.Fprintln(os.Stderr, "tf-capture:", err)
	return exitFailure
}
