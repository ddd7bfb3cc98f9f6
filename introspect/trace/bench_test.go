package trace_test

import (
	"testing"
)

// BenchmarkTrace measures one passive trace on the three-vRouter refnode
// cluster over loopback HTTP (every stage, both ends, ECMP with two
// branches): time and requests per trace.
func BenchmarkTrace(b *testing.B) {
	startTraceCluster(b)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"cross-host", []string{"web-1", "web-2", "tcp", "80"}},
		{"ecmp", []string{"web-1", vip, "tcp", "443"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			rec := &recorder{}
			n := 0
			for b.Loop() {
				rep := run(b, config(false, rec), tc.args...)
				if rep.Verdict.ExitCode != 0 {
					b.Fatalf("%s", show(rep))
				}
				n++
			}
			b.ReportMetric(float64(len(rec.paths))/float64(n), "requests/op")
		})
	}
}
