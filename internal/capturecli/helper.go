package capturecli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/netdebug"
)

// HelperName is the binary that links the engine clients for tf-capture.
//
// The protocol (tf-capture runs it; not meant to be run by hand):
//
//	tf-capture-engines resolve NAME --namespace NS --engine KIND \
//	    --containerd-address PATH --engine-timeout DURATION
//
// prints on stdout one JSON object, netdebug.Target ({"netns": PATH,
// "pid": N, "description": TEXT}), and exits 0; or prints tf-capture's
// one-line error on stderr and exits with tf-capture's status for it (1
// a container that is not running, 2 an unknown or ambiguous name, no
// engine). Engine warnings go to stderr either way. tf-capture passes
// stderr and the status through unchanged.
//
//	tf-capture-engines why [why's flags] [POD-OR-CONTAINER] [-]
//
// is tf-capture why itself: tf-capture replaces its process with it
// (execve), so stdin, stdout, stderr and the exit status are why's.
const HelperName = "tf-capture-engines"

// Helper is tf-capture's Engines: it runs tf-capture-engines, found
// beside tf-capture's own executable first, then on PATH.
type Helper struct{}

// Resolve runs tf-capture-engines resolve.
func (Helper) Resolve(ctx context.Context, o netdebug.EngineOptions, name, namespace string) (netdebug.Target, error) {
	path, err := findHelper("install it, or name the namespace with --pid/--netns")
	if err != nil {
		return netdebug.Target{}, err
	}
	cmd := exec.CommandContext(ctx, path, resolveArgs(o, name, namespace)...)
	cmd.Stderr = o.Warnings
	if cmd.Stderr == nil {
		cmd.Stderr = os.Stderr
	}
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() > 0 {
		return netdebug.Target{}, clikit.Exit(exit.ExitCode()) // it printed why
	}
	if err != nil {
		return netdebug.Target{}, Failure(fmt.Errorf("%s: %w", path, err))
	}
	var t netdebug.Target
	if err := json.Unmarshal(out, &t); err != nil || t.Netns == "" {
		return netdebug.Target{}, Failure(fmt.Errorf("%s resolve %s: unexpected answer %q", path, name, out))
	}
	return t, nil
}

// resolveArgs is the command line of tf-capture-engines resolve.
func resolveArgs(o netdebug.EngineOptions, name, namespace string) []string {
	return []string{"resolve", name, "--namespace=" + namespace, "--engine=" + o.Kind,
		"--containerd-address=" + o.ContainerdAddress, "--engine-timeout=" + o.Timeout.String()}
}

// Why replaces tf-capture with tf-capture-engines why and the same flags
// and arguments.
func (Helper) Why(c *cli.Context) error {
	path, err := findHelper("install it: why reads the engines through it")
	if err != nil {
		return err
	}
	argv := append([]string{HelperName, "why"}, setFlags(c)...)
	argv = append(argv, c.Args().Slice()...)
	err = syscall.Exec(path, argv, os.Environ())
	return Environment(fmt.Errorf("run %s: %w", path, err))
}

// setFlags are the flags of c's command given on the command line, as
// --name=value (every flag of why holds a string).
func setFlags(c *cli.Context) []string {
	var out []string
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if c.IsSet(name) {
			out = append(out, "--"+name+"="+c.String(name))
		}
	}
	return out
}

// findHelper is the path of tf-capture-engines: beside this executable
// (how the packages install the two), else on PATH. hint says what to do
// when it is in neither place.
func findHelper(hint string) (string, error) {
	self, err := os.Executable()
	if err == nil {
		p := filepath.Join(filepath.Dir(self), HelperName)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	} else {
		self = os.Args[0]
	}
	if p, err := exec.LookPath(HelperName); err == nil {
		return p, nil
	}
	return "", Environment(fmt.Errorf("%s not found (beside %s or on PATH): %s", HelperName, self, hint))
}
