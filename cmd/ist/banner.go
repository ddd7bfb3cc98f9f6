package main

import (
	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/introspect/query"
)

// noBannerFlag leaves out ist.py's first line ("Introspect Host: …" or
// "Loadding from introspect xml …"). It is printed by default so that
// scripts written for ist.py, which skip it (tail -n +2), keep working;
// new scripts set IST_NO_BANNER=1 once instead of passing the flag. A
// new flag each time: urfave/cli keeps a flag's state between runs.
func noBannerFlag() cli.Flag {
	return &cli.BoolFlag{Name: "no-banner", EnvVars: []string{"IST_NO_BANNER"},
		Usage: `do not print ist.py's first line ("Introspect Host: <host>" when --host or INTROSPECT_HOST is given, "Loadding from introspect xml <file>" with --file); never printed in JSON or for several hosts`}
}

// banner is the banner a catalogue command prints: the host only when
// the user gave one, as ist.py does (not for the default localhost).
func banner(c *cli.Context) query.Banner {
	if c.Bool("no-banner") {
		return query.Banner{}
	}
	var b query.Banner
	if c.IsSet("host") {
		b.Host = c.String("host")
	}
	b.File = c.String("file")
	return b
}
