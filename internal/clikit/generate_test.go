package clikit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/clikit/clitest"
)

// sampleApp has what the four binaries have: global options (no root
// action), a root with an action and its own flags, a group, a hidden
// command, -f as format.
func sampleApp(rootAction bool) *cli.App {
	noop := func(*cli.Context) error { return nil }
	app := &cli.App{
		Name:        "tfkit-sample",
		Usage:       "a sample of the tree",
		Description: "Prose with ENV_NAMES and ***.\n\nEXAMPLES:\n   tfkit-sample ctl state   # the state\n",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "engine", Usage: "auto, docker or containerd"},
			&cli.IntFlag{Name: "count", Aliases: []string{"c"}, Usage: "stop after 'this' many"},
		},
		Commands: []*cli.Command{
			{Name: "why", Usage: "explain exits", Flags: []cli.Flag{FormatFlag("table"), &cli.StringFlag{Name: "from"}}, Action: noop},
			{Name: "ctl", Usage: "control the lab", Subcommands: []*cli.Command{
				{Name: "state", Usage: "show the state", Flags: []cli.Flag{&cli.StringFlag{Name: "admin"}}, Action: noop},
				{Name: "stop", Usage: "stop a node", Action: noop},
			}},
			{Name: "secret", Hidden: true, Action: noop},
		},
	}
	if rootAction {
		app.Action = noop
	}
	return app
}

func generated(t *testing.T, app *cli.App, kind string) string {
	t.Helper()
	var out, errw bytes.Buffer
	app.Writer, app.ErrWriter = &out, &errw
	if code := Run(app, []string{app.Name, GenerateCommand, kind}, Options{}); code != 0 || errw.Len() > 0 {
		t.Fatalf("%s %s: exit %d, stderr %q", GenerateCommand, kind, code, errw.String())
	}
	return out.String()
}

// TestGeneratedScriptsComplete loads each generated script in its shell
// and completes command lines with it: subcommands at every depth, a
// command's flags, -f's formats, a flag value skipped on the way, global
// options offered below the root.
func TestGeneratedScriptsComplete(t *testing.T) {
	scripts := map[string]string{}
	for _, kind := range Generated {
		scripts[kind] = generated(t, sampleApp(false), kind)
	}
	clitest.CheckScripts(t, "tfkit-sample", scripts, []clitest.Completion{
		{Line: []string{"tfkit-sample", "w"}, Want: []string{"why"}},
		{Line: []string{"tfkit-sample", "ctl", "st"}, Want: []string{"state", "stop"}},
		{Line: []string{"tfkit-sample", "ctl", "state", "--ad"}, Want: []string{"--admin"}},
		{Line: []string{"tfkit-sample", "why", "-f", ""}, Want: []string{"table", "text", "json"}},
		{Line: []string{"tfkit-sample", "--engine", "ctl", "c"}, Want: []string{"ctl"}},
		{Line: []string{"tfkit-sample", "ctl", "stop", "--en"}, Want: []string{"--engine"}},
	})
	for kind, s := range scripts {
		if strings.Contains(s, "secret") {
			t.Errorf("%s: the hidden command is offered", kind)
		}
	}
	if !strings.Contains(scripts["man"], `ENV_NAMES and ***`) || !strings.Contains(scripts["man"], "tfkit-sample [options] <command> [options] [arguments...]") {
		t.Errorf("man: the prose's marks are not kept as typed:\n%s", scripts["man"])
	}
}

// TestRootFlagsStayWithTheirAction: the flags of a root that has an
// action of its own (tf-capture's capture) are not offered below it.
func TestRootFlagsStayWithTheirAction(t *testing.T) {
	for _, n := range completionTree(sampleApp(true)) {
		for _, f := range n.flags {
			if n.path != "." && (f.word == "--count" || f.word == "--engine") {
				t.Errorf("%s offers the root's %s", n.path, f.word)
			}
		}
	}
}

func TestGenerateUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"powershell"}, {"bash", "zsh"}} {
		var out, errw bytes.Buffer
		app := sampleApp(false)
		app.Writer, app.ErrWriter = &out, &errw
		code := Run(app, append([]string{app.Name, GenerateCommand}, args...), Options{})
		if code != ExitUsage || out.Len() > 0 || !strings.Contains(errw.String(), "bash, zsh, fish, man") {
			t.Errorf("_generate %v: exit %d, stdout %q, stderr %q", args, code, out.String(), errw.String())
		}
	}
}
