package packaging

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/engine"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/internal/testwait"
)

// TestToolsImage builds the tools image from plain builds, loads it into
// Docker and containerd and runs the tools in it: tf-capture starts (its
// libpcap is in the image), ist answers, and tf-status reaches the host's
// Docker through the host's /run mounted on /run (the image's /var/run
// links there): exit 1, "no Contrail container", not 2, "no engine";
// tf-capture why finds tf-capture-engines beside it and, through it, its
// own running container (exit 0; 2 if the helper were missing).
func TestToolsImage(t *testing.T) {
	const selfName = "<the container's name>"
	docker, ctd := enginetest.Docker(t), enginetest.PrivateContainerd(t)
	bins, err := BuildTools(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	im, err := ToolsImage("tfkit-engines-tools:test", bins)
	if err != nil {
		t.Fatal(err)
	}
	libpcap := false
	for _, f := range im.Files {
		libpcap = libpcap || strings.Contains(f.Path, "libpcap")
	}
	if !libpcap {
		t.Error("the image has no libpcap: tf-capture cannot start in it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	type run struct {
		args   []string
		mounts []engine.Mount
		code   int
	}
	for _, tc := range []struct {
		rt   engine.Runtime
		runs []run
	}{
		{docker, []run{
			{[]string{"tf-capture", "--help"}, nil, 0},
			{[]string{"ist", "--version"}, nil, 0},
			{[]string{"tf-status", "--engine", "docker", "-l", "tfkit-engines-none=1"}, []engine.Mount{{Source: "/run", Target: "/run", ReadOnly: true}}, 1},
			{[]string{"tf-capture", "why", selfName, "--engine", "docker"}, []engine.Mount{{Source: "/run", Target: "/run", ReadOnly: true}}, 0},
		}},
		{ctd, []run{{[]string{"tf-capture", "--help"}, nil, 0}}},
	} {
		ref, err := engine.LoadScratchImage(ctx, tc.rt, im)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range tc.runs {
			name := fmt.Sprintf("tfkit-engines-tools-%d-%d", os.Getpid(), i)
			args := slices.Clone(r.args)
			if i := slices.Index(args, selfName); i >= 0 {
				args[i] = name
			}
			tc.rt.Remove(ctx, name)
			t.Cleanup(func() { tc.rt.Remove(context.Background(), name) })
			if _, err := tc.rt.Run(ctx, engine.RunSpec{Name: name, Image: ref, Args: args, Mounts: r.mounts, Network: "none"}); err != nil {
				t.Fatalf("%s %v: %v", tc.rt.Name(), r.args, err)
			}
			var c engine.Container
			testwait.Until(t, fmt.Sprintf("%s %v exits", tc.rt.Name(), r.args), time.Minute, func() error {
				if c, err = tc.rt.Get(ctx, name); err != nil {
					return err
				}
				if c.State != engine.StateExited {
					return fmt.Errorf("state %s", c.State)
				}
				return nil
			})
			if c.ExitCode != r.code {
				t.Errorf("%s: %v in the image exited %d (%s), want %d", tc.rt.Name(), r.args, c.ExitCode, c.Error, r.code)
			}
		}
	}
}
