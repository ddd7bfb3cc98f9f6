package clikit

import (
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// testApp is a small tree with the shapes the binaries have: global flags,
// a group, leaves with flags of the same name as a global one, a root
// action with subcommands (tf-capture).
func testApp() *cli.App {
	return &cli.App{
		Name:    "t",
		Version: "1",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "host"},
			&cli.BoolFlag{Name: "ssl"},
			&cli.IntFlag{Name: "count", Aliases: []string{"c"}},
		},
		Action: func(*cli.Context) error { return nil },
		Commands: []*cli.Command{
			{Name: "ctr", Subcommands: []*cli.Command{
				{Name: "nei", Flags: []cli.Flag{
					&cli.StringFlag{Name: "type", Aliases: []string{"t"}},
					&cli.StringSliceFlag{Name: "columns", Aliases: []string{"c"}},
					&cli.BoolFlag{Name: "detail", Aliases: []string{"d"}},
					FormatFlag("table"),
				}, Action: func(*cli.Context) error { return nil }},
			}},
			{Name: "why", Flags: []cli.Flag{FormatFlag("table"), &cli.StringFlag{Name: "from"}},
				Action: func(*cli.Context) error { return nil }},
		},
	}
}

func TestNormalize(t *testing.T) {
	opt := Options{ListFlags: []string{"columns"}}
	for in, want := range map[string]string{
		// global flags anywhere, leaf flags after positionals
		"ctr nei foo -t BGP --host h":   "--host h ctr nei -t BGP foo",
		"--host=h ctr nei foo -f json":  "--host=h ctr nei -f json foo",
		"ctr nei -c peer state -t XMPP": "ctr nei -c peer,state -t XMPP",
		"ctr nei -c":                    "ctr nei",
		"ctr nei -d foo --ssl":          "--ssl ctr nei -d foo",
		// -c is the leaf's columns there, the root's count here
		"web-0 -c 5 udp port 53": "-c 5 web-0 udp port 53",
		// a subcommand's flag written before its word goes to it
		"--from x why web-0": "why --from x web-0",
		// unknown flags stay with the last command, whose parser names them
		"ctr nei --bogus foo": "ctr nei --bogus foo",
		"ctr --bogus":         "ctr --bogus",
		// a word after a positional is positional, even a command name
		"web-0 why": "web-0 why",
		"nosuch":    "nosuch",
		// "--" ends the flags; positionals starting with '-' keep it
		"ctr nei -- -x":   "ctr nei -- -x",
		"why web-0 -- -f": "why -- web-0 -f",
		"ctr nei - -t X":  "ctr nei -t X -",
		"-v":              "-v",
		// a list flag takes many words only once its command is on the
		// line; before, -c takes one value and goes to the deepest command
		"-c peer ctr nei": "ctr nei -c peer",
	} {
		if got := strings.Join(Normalize(testApp(), strings.Fields(in), opt), " "); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
