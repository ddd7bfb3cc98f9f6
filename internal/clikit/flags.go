package clikit

import (
	"fmt"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfkit/tfkit/internal/records"
)

// FormatFlag is -f/--format, the output format of a command that prints
// records, checked when parsed (one wording everywhere). allowed defaults
// to table, text and json; def is the default.
func FormatFlag(def string, allowed ...string) *cli.StringFlag {
	if len(allowed) == 0 {
		allowed = records.All
	}
	return &cli.StringFlag{
		Name: "format", Aliases: []string{"f"}, Value: def,
		Usage: "output format: " + records.OrList(allowed),
		Action: func(c *cli.Context, v string) error {
			if err := records.Check(v, allowed...); err != nil {
				return Usagef(helpHint(c), "%v", err)
			}
			return nil
		},
	}
}

// DurationFlag is a time flag (--timeout and the like) that takes
// seconds ("2", "1.5", as contrail-status and ist.py do) or a Go duration
// ("2s", "500ms"), checked when parsed; read it with Duration. A zero
// def means the flag has no default (Duration is then 0 until it is set).
func DurationFlag(name string, aliases []string, def time.Duration, usage string, envVars ...string) *cli.StringFlag {
	value := ""
	if def > 0 {
		value = def.String()
	}
	return &cli.StringFlag{
		Name: name, Aliases: aliases, EnvVars: envVars, Value: value,
		Usage: usage + " (seconds, or a duration such as 2s or 500ms)",
		Action: func(c *cli.Context, v string) error {
			if _, err := ParseDuration(v); err != nil {
				return Usagef(helpHint(c), "--%s: %v", name, err)
			}
			return nil
		},
	}
}

// Duration is the value of a DurationFlag (checked when it was parsed);
// 0 for a flag with no default that was not given.
func Duration(c *cli.Context, name string) time.Duration {
	d, _ := ParseDuration(c.String(name))
	return d
}

// ParseDuration reads a positive number of seconds or a Go duration.
func ParseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f > float64(1<<62)/float64(time.Second) {
			return 0, fmt.Errorf("bad duration %q: give seconds (2, 1.5) or a duration (2s, 500ms)", s)
		}
		d = time.Duration(f * float64(time.Second))
	}
	if d <= 0 {
		return 0, fmt.Errorf("bad duration %q: give a positive time", s)
	}
	return d, nil
}
