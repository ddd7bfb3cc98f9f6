package clikit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// run runs testApp (plus extra commands) in process.
func run(t *testing.T, extra []*cli.Command, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	app := testApp()
	app.Commands = append(app.Commands, extra...)
	var out, errw bytes.Buffer
	app.Writer, app.ErrWriter = &out, &errw
	code = Run(app, append([]string{"t"}, args...), Options{ListFlags: []string{"columns"}})
	return out.String(), errw.String(), code
}

func TestUsageErrorsEverywhere(t *testing.T) {
	extra := []*cli.Command{{Name: "run", Flags: []cli.Flag{&cli.StringFlag{Name: "role", Required: true}},
		Action: func(*cli.Context) error { return nil }}}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "t: flag provided but not defined: -bogus: see t --help"},
		{[]string{"ctr", "--bogus"}, "t: flag provided but not defined: -bogus: see t ctr --help"},
		{[]string{"ctr", "nei", "x", "--bogus"}, "t: flag provided but not defined: -bogus: see t ctr nei --help"},
		{[]string{"why", "--bogus", "x"}, "t: flag provided but not defined: -bogus: see t why --help"},
		{[]string{"ctr", "nosuch"}, `t: unknown command "ctr nosuch": see t ctr --help for the commands`},
		{[]string{"ctr", "nei", "-f", "yaml"}, `t: bad --format "yaml": use table, text or json: see t ctr nei --help`},
		{[]string{"--count", "x"}, `t: invalid value "x" for flag -count: parse error: see t --help`},
		{[]string{"run"}, "t: missing --role: see t run --help"},
	} {
		out, errs, code := run(t, extra, tc.args...)
		if code != ExitUsage || out != "" || errs != tc.want+"\n" {
			t.Errorf("t %s: exit %d, stdout %q, stderr %q; want 2, nothing, %q", strings.Join(tc.args, " "), code, out, errs, tc.want)
		}
	}
	// A bare group shows its help on stdout.
	if out, errs, code := run(t, nil, "ctr"); code != 0 || !strings.Contains(out, "nei") || errs != "" {
		t.Errorf("t ctr: %d %q %q", code, out, errs)
	}
}

func TestErrorsAndCodes(t *testing.T) {
	fail := func(err error) []*cli.Command {
		return []*cli.Command{{Name: "x", Action: func(*cli.Context) error { return err }}}
	}
	joined := errors.Join(&Error{Code: 3, What: "refused", Where: "h1:8083 BgpNeighborReq", Hint: "is it running?"},
		&Error{Code: 5, What: "truncated XML", Where: "h2:8083 BgpNeighborReq"})
	for _, tc := range []struct {
		err  error
		code int
		want string
	}{
		{joined, 5, "t: refused (h1:8083 BgpNeighborReq): is it running?\nt: truncated XML (h2:8083 BgpNeighborReq)\n"},
		{fmt.Errorf("plain"), 1, "t: plain\n"},
		{Exit(127), 127, ""},
		{cli.Exit("from urfave", 4), 4, "t: from urfave\n"},
		{fmt.Errorf("wrapped: %w", Usagef("see t x --help", "bad")), 2, "t: wrapped: bad: see t x --help\n"},
	} {
		out, errs, code := run(t, fail(tc.err), "x")
		if code != tc.code || errs != tc.want || out != "" {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tc.err, code, errs, tc.code, tc.want)
		}
	}
}

func TestPanicIsNotAUsageError(t *testing.T) {
	cmd := []*cli.Command{{Name: "boom", Action: func(*cli.Context) error { panic("kaput") }}}
	out, errs, code := run(t, cmd, "boom")
	if code != ExitCrash || out != "" || !strings.HasPrefix(errs, "t: internal error: panic: kaput") || !strings.Contains(errs, "run_test.go") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	// A panic in another goroutine, recovered there.
	done := make(chan error)
	go func() {
		defer func() { done <- Recovered(recover()) }()
		var s []int
		_ = s[len(s)]
	}()
	if err := <-done; ExitCode(err) != ExitCrash || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("recovered %v", err)
	}
}

func TestDurationFlag(t *testing.T) {
	for in, want := range map[string]string{"2": "2s", "1.5": "1.5s", "500ms": "500ms", "2m": "2m0s"} {
		d, err := ParseDuration(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"0", "-1", "soon", "", "1e300"} {
		if _, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) accepted", in)
		}
	}
	var got string
	cmd := []*cli.Command{{Name: "wait", Flags: []cli.Flag{DurationFlag("timeout", nil, 0, "")},
		Action: func(c *cli.Context) error { got = Duration(c, "timeout").String(); return nil }}}
	if _, errs, code := run(t, cmd, "wait", "--timeout", "2"); code != 0 || got != "2s" {
		t.Errorf("--timeout 2: %d %q %s", code, errs, got)
	}
	if _, errs, code := run(t, cmd, "wait", "--timeout", "soon"); code != 2 || !strings.Contains(errs, `--timeout: bad duration "soon"`) {
		t.Errorf("--timeout soon: %d %q", code, errs)
	}
}
