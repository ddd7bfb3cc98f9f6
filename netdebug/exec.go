package netdebug

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// ExecInNetns runs argv as a host process that joins only the network
// namespace at path (like nsenter -n): the child is forked from a thread
// that sits in that namespace, so it inherits it; mounts, PIDs and users stay
// the host's. It returns the child's exit status, 128+N when a signal N
// killed it, and an error only when the child could not be started.
func ExecInNetns(path string, argv []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	if len(argv) == 0 {
		return 2, errors.New("no command given after --exec --: e.g. --exec -- ip addr")
	}
	bin, err := exec.LookPath(argv[0])
	if err != nil {
		return 127, fmt.Errorf("command %s not found on this host: give a full path or install it", argv[0])
	}
	cmd := exec.Command(bin, argv[1:]...)
	cmd.Args[0] = argv[0]
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	if err := InNetns(path, cmd.Start); err != nil {
		if errors.Is(err, os.ErrPermission) {
			return 126, fmt.Errorf("run %s: %v", argv[0], err)
		}
		return 126, err
	}
	stop := forwardSignals(cmd.Process)
	err = cmd.Wait()
	stop()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), nil
		}
		return ee.ExitCode(), nil
	}
	if err != nil {
		return 1, fmt.Errorf("wait for %s: %w", argv[0], err)
	}
	return 0, nil
}

// forwardSignals passes SIGTERM and SIGHUP on to the child while it runs.
// SIGINT and SIGQUIT are only swallowed: a terminal already sends them to
// the whole foreground group, the child included, and tf-capture must stay
// alive to report the child's status.
func forwardSignals(p *os.Process) (stop func()) {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-ch:
				if s == syscall.SIGTERM || s == syscall.SIGHUP {
					_ = p.Signal(s)
				}
			case <-done:
				return
			}
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}
