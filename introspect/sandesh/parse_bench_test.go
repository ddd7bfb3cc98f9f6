package sandesh

import (
	"bytes"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

// cpuTime is the process's user+system CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per op (both goroutines of a pipelined
// parse; steadier than wall time on a shared machine): call it before
// the loop, and the returned func after.
func reportCPU(b *testing.B) func() {
	start := cpuTime(b)
	return func() { b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op") }
}

// 100k routes in 10 tables, ~110 MB of compact XML like a real
// ShowRouteResp.
var benchRouteDocOnce = sync.OnceValue(func() []byte { return routeDoc(10, 10000) })

func BenchmarkStreamRoutes(b *testing.B) {
	benchRouteDoc := benchRouteDocOnce()
	b.SetBytes(int64(len(benchRouteDoc)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		n := 0
		err := Stream(bytes.NewReader(benchRouteDoc), []string{"ShowRouteTable", "ShowRoute"}, func(*Node) error { n++; return nil })
		if err != nil || n != 100010 {
			b.Fatal(err, n)
		}
	}
}

func BenchmarkParseRoutes(b *testing.B) {
	benchRouteDoc := benchRouteDocOnce()
	b.SetBytes(int64(len(benchRouteDoc)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := ParseBytes(benchRouteDoc); err != nil {
			b.Fatal(err)
		}
	}
}

// Skipping everything: the raw tokenizer speed.
func BenchmarkScanOnly(b *testing.B) {
	benchRouteDoc := benchRouteDocOnce()
	b.SetBytes(int64(len(benchRouteDoc)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if err := Stream(bytes.NewReader(benchRouteDoc), nil, func(*Node) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStreamTransientRoutes(b *testing.B) { benchTransient(b, Options{Transient: true}) }

// benchTransient streams the routes to a callback that keeps nothing,
// with o.
func benchTransient(b *testing.B, o Options) {
	benchRouteDoc := benchRouteDocOnce()
	b.SetBytes(int64(len(benchRouteDoc)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		n := 0
		err := StreamWith(bytes.NewReader(benchRouteDoc), []string{"ShowRouteTable", "ShowRoute"}, func(*Node) error { n++; return nil }, o)
		if err != nil || n != 100010 {
			b.Fatal(err, n)
		}
	}
}

// The same on one goroutine: the serial parser, for comparison with the
// pipelined one above (two goroutines when GOMAXPROCS > 1).
func BenchmarkStreamTransientRoutesSerial(b *testing.B) {
	pipeMode = 1
	defer func() { pipeMode = 0 }()
	BenchmarkStreamTransientRoutes(b)
}

// StreamTransientRoutes with route show's Keep: what ist route show's
// parse costs.
func BenchmarkStreamTransientRoutesKeep(b *testing.B) {
	benchTransient(b, Options{Transient: true, Keep: sandeshtest.RouteShowKeep})
}

// The same on one goroutine.
func BenchmarkStreamTransientRoutesKeepSerial(b *testing.B) {
	pipeMode = 1
	defer func() { pipeMode = 0 }()
	BenchmarkStreamTransientRoutesKeep(b)
}
