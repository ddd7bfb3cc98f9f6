// Package enginetest holds helpers for tests that need a real container
// engine: static binaries, scratch images, a private containerd, and the
// stand-in daemon (./standin). Engine tests must run in CI; they are
// skipped with -short (the contributors' fast loop), and
// TFKIT_SKIP_ENGINE_TESTS=1 turns a missing engine into a skip instead of
// a failure.
package enginetest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/internal/testwait"
)

// skipShort skips an engine test under -short: it starts containers,
// which takes seconds to minutes.
func skipShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs a container engine: skipped with -short")
	}
}

// SkipOrFatal ends a test that cannot reach its engine: a failure, unless
// TFKIT_SKIP_ENGINE_TESTS=1 says this machine has none.
func SkipOrFatal(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("TFKIT_SKIP_ENGINE_TESTS") == "1" {
		t.Skipf(format, args...)
	}
	t.Fatalf(format+" (run scripts/setup-test-env.sh, or set TFKIT_SKIP_ENGINE_TESTS=1 to skip)", args...)
}

// ModuleRoot finds the directory holding go.mod above the working directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

var buildMu sync.Mutex
var built = map[string]string{}

// StaticBinary builds a main package of this module (e.g. "./cmd/refnode")
// with CGO_ENABLED=0 into a temp dir, once per process, and returns its path.
func StaticBinary(pkg string) (string, error) { return build(pkg, "0") }

// PlainBinary builds a main package as README's `go build` does (cgo as
// the environment has it: on where a C compiler is, so dynamically
// linked), once per process.
func PlainBinary(pkg string) (string, error) { return build(pkg, "") }

func build(pkg, cgo string) (string, error) {
	buildMu.Lock()
	defer buildMu.Unlock()
	key := pkg + "|" + cgo
	if p, ok := built[key]; ok {
		return p, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "tfkit-bin-")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, filepath.Base(pkg))
	args := []string{"build", "-o", out, pkg}
	if cgo == "0" {
		args = []string{"build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg}
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = os.Environ()
	if cgo != "" {
		cmd.Env = append(cmd.Env, "CGO_ENABLED="+cgo)
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v: %s", pkg, err, b)
	}
	built[key] = out
	return out, nil
}

// StandinPackage is the import path of the stand-in daemon.
const StandinPackage = "./engine/enginetest/standin"

// LoadBinaryImage builds pkg statically and loads it as image ref (FROM
// scratch, entrypoint /<base name of pkg>) into rt. It returns the stored
// reference.
func LoadBinaryImage(ctx context.Context, rt engine.Runtime, pkg, ref string) (string, error) {
	bin, err := StaticBinary(pkg)
	if err != nil {
		return "", err
	}
	name := "/" + filepath.Base(pkg)
	f, err := engine.ImageFileFrom(bin, name, 0o755)
	if err != nil {
		return "", err
	}
	return engine.LoadScratchImage(ctx, rt, engine.ScratchImage{Ref: ref, Files: []engine.ImageFile{f}, Entrypoint: []string{name}})
}

// PrivateContainerd starts a private containerd for the test, opens it on
// namespace k8s.io and stops it at cleanup, after the test's own cleanups
// (which run first, being registered later).
func PrivateContainerd(t testing.TB) *engine.Containerd {
	t.Helper()
	skipShort(t)
	ctd, err := StartContainerd()
	if err != nil {
		SkipOrFatal(t, "containerd: %v", err)
	}
	t.Cleanup(ctd.Stop)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rt, err := engine.OpenContainerd(ctx, ctd.Address, []string{"k8s.io"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rt.Close() })
	return rt
}

// Docker opens the host's Docker or ends the test.
func Docker(t testing.TB) *engine.Docker {
	t.Helper()
	skipShort(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d, err := engine.OpenDocker(ctx)
	if err != nil {
		SkipOrFatal(t, "docker: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Containerd is a private containerd daemon started for tests.
type Containerd struct {
	Address string
	dir     string
	root    string
	cmd     *exec.Cmd
}

// StartContainerd starts a containerd of its own (state and socket under
// /run/tfkit-ctd-*, content under /var/lib/tfkit-ctd-*), with the CRI
// plugin off, so tests never touch a node's real containerd. Stop it with
// Stop once every container was removed.
func StartContainerd() (*Containerd, error) {
	bin, err := exec.LookPath("containerd")
	if err != nil {
		return nil, fmt.Errorf("containerd binary: %w", err)
	}
	dir, err := os.MkdirTemp("/run", "tfkit-ctd-") // short: unix socket paths are limited to 108 bytes
	if err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp("/var/lib", "tfkit-ctd-")
	if err != nil {
		return nil, err
	}
	c := &Containerd{Address: filepath.Join(dir, "c.sock"), dir: dir, root: root}
	cfg := fmt.Sprintf(`version = 2
root = %q
state = %q
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = %q
[ttrpc]
  address = %q
`, root, filepath.Join(dir, "state"), c.Address, c.Address+".ttrpc")
	cfgPath := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dir, "containerd.log"))
	if err != nil {
		return nil, err
	}
	c.cmd = exec.Command(bin, "--config", cfgPath)
	c.cmd.Stdout, c.cmd.Stderr = logf, logf
	if err := c.cmd.Start(); err != nil {
		return nil, err
	}
	err = testwait.Poll(20*time.Second, func() error {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		e, err := engine.OpenContainerd(ctx, c.Address, []string{"k8s.io"})
		if err == nil {
			e.Close()
		}
		return err
	})
	if err == nil {
		return c, nil
	}
	log, _ := os.ReadFile(filepath.Join(dir, "containerd.log"))
	c.Stop()
	return nil, fmt.Errorf("private containerd did not answer on %s: %s", c.Address, tail(string(log), 800))
}

// Stop removes every container left in the daemon (so no shim or
// process outlives it), ends the daemon and removes its directories
// (unmounting what a crashed test left mounted).
func (c *Containerd) Stop() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if e, err := engine.OpenContainerd(ctx, c.Address, engine.DefaultNamespaces); err == nil {
		for _, ns := range engine.DefaultNamespaces {
			one, err := engine.OpenContainerd(ctx, c.Address, []string{ns})
			if err != nil {
				continue
			}
			cs, _ := one.List(ctx)
			for _, ct := range cs {
				one.Remove(ctx, ct.ID)
			}
			one.Close()
		}
		e.Close()
	}
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { c.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			c.cmd.Process.Kill()
			<-done
		}
	}
	exec.Command("sh", "-c", "grep -o ' "+c.root+"[^ ]*' /proc/mounts | sort -r | xargs -r umount -l").Run()
	os.RemoveAll(c.root)
	os.RemoveAll(c.dir)
}

func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// WaitListening waits until something accepts TCP connections on addr.
func WaitListening(addr string, within time.Duration) error {
	return testwait.Poll(within, func() error {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err
	})
}
