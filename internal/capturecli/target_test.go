package capturecli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit"
	"github.com/tfkit/tfkit/netdebug"
)

// fakeEngines records the lookups the command line asks for.
type fakeEngines struct {
	asked []string
	opts  netdebug.EngineOptions
	err   error
}

func (f *fakeEngines) Resolve(_ context.Context, o netdebug.EngineOptions, name, namespace string) (netdebug.Target, error) {
	f.asked = append(f.asked, namespace+"/"+name)
	f.opts = o
	return netdebug.Target{}, f.err
}

func (f *fakeEngines) Why(*cli.Context) error { return fmt.Errorf("why called") }

// run runs the command line in process and returns its status and stderr.
func run(e Engines, args ...string) (int, string) {
	var stderr bytes.Buffer
	app := NewApp(e, nil)
	app.Writer, app.ErrWriter = &bytes.Buffer{}, &stderr
	return clikit.Run(app, append([]string{"tf-capture"}, args...), clikit.Options{}), stderr.String()
}

// TestOnlyNamesAskTheEngines: --pid, --netns and --read never run the
// helper; a name does, with the engine flags, and its status is kept.
func TestOnlyNamesAskTheEngines(t *testing.T) {
	e := &fakeEngines{err: clikit.Exit(2)}
	for _, args := range [][]string{
		{"--netns", "/nonexistent/netns", "-c", "1"},
		{"--pid", "999999999", "-c", "1"},
		{"links", "--netns", "/nonexistent/netns"},
		{"--read", "/nonexistent.pcap"},
		{"--pid", "999999999", "--exec", "--", "true"},
	} {
		if code, _ := run(e, args...); code != 2 || len(e.asked) != 0 {
			t.Errorf("%v: status %d, engines asked for %v", args, code, e.asked)
		}
	}
	code, stderr := run(e, "web-0", "-n", "prod", "--engine", "docker", "--engine-timeout", "2s", "-c", "1")
	if code != 2 || stderr != "" || strings.Join(e.asked, " ") != "prod/web-0" {
		t.Errorf("by name: status %d, stderr %q, asked %v", code, stderr, e.asked)
	}
	if e.opts.Kind != "docker" || e.opts.Timeout != 2*time.Second || e.opts.ContainerdAddress != DefaultContainerdAddress {
		t.Errorf("engine options %+v", e.opts)
	}
	e.asked, e.err = nil, Failure(fmt.Errorf("container docker web (abc, exited) is exited"))
	if code, stderr := run(e, "links", "web"); code != 1 || stderr != "tf-capture: container docker web (abc, exited) is exited\n" {
		t.Errorf("failed lookup: status %d, stderr %q", code, stderr)
	}
}

// TestMissingHelper: with no tf-capture-engines beside the executable
// (the test binary) or on PATH, a name is one line and status 2.
func TestMissingHelper(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	code, stderr := run(Helper{}, "web-0", "-c", "1")
	want := "tf-capture: tf-capture-engines not found (beside " + self + " or on PATH): install it, or name the namespace with --pid/--netns\n"
	if code != 2 || stderr != want {
		t.Errorf("status %d, stderr %q, want %q", code, stderr, want)
	}
	if code, stderr := run(Helper{}, "why", "web-0"); code != 2 || !strings.Contains(stderr, "tf-capture-engines not found") {
		t.Errorf("why: status %d, stderr %q", code, stderr)
	}
}

// TestResolveArgsAreEngineFlags: the helper reads resolve's command line
// with EngineFlags, so every flag it is given must be one of them.
func TestResolveArgsAreEngineFlags(t *testing.T) {
	names := map[string]bool{}
	for _, f := range EngineFlags() {
		names[f.Names()[0]] = true
	}
	args := resolveArgs(netdebug.EngineOptions{Kind: "auto", ContainerdAddress: "/x.sock", Timeout: time.Second}, "web", "prod")
	if args[0] != "resolve" || args[1] != "web" {
		t.Fatalf("args %q", args)
	}
	for _, a := range args[2:] {
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if !names[name] {
			t.Errorf("%s is not an engine flag", a)
		}
	}
	if len(args[2:]) != len(names) {
		t.Errorf("resolve gets %d engine flags, there are %d", len(args[2:]), len(names))
	}
}
