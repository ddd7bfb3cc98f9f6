package main

import (
	"reflect"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestHoistArgsAndDashDash(t *testing.T) {
	app := &cli.App{Flags: rootFlags, Commands: commands}
	for _, tc := range []struct{ in, own, rest []string }{
		{[]string{"tf", "web", "-c", "5", "-p", "tcp", "port", "80", "-w=x.pcap"},
			[]string{"tf", "-c", "5", "-p", "-w=x.pcap", "web", "tcp", "port", "80"}, nil},
		{[]string{"tf", "web", "--exec", "--", "ip", "-o", "addr"},
			[]string{"tf", "--exec", "web"}, []string{"ip", "-o", "addr"}},
		{[]string{"tf", "why", "web", "-f", "json", "-n", "prod"},
			[]string{"tf", "why", "-f", "json", "-n", "prod", "web"}, nil},
	} {
		own, rest := splitDashDash(tc.in)
		if got := hoistArgs(own, app); !reflect.DeepEqual(got, tc.own) || !reflect.DeepEqual(rest, tc.rest) {
			t.Errorf("%q: got %q + %q, want %q + %q", tc.in, got, rest, tc.own, tc.rest)
		}
	}
}
