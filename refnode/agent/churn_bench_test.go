package agent

import (
	"context"
	"flag"
	"fmt"
	"net/netip"
	"runtime"
	"testing"

	"github.com/tfkit/tfkit/refnode/control"
	"github.com/tfkit/tfkit/refnode/timers"
)

var churnCycles = flag.Int("churn.cycles", 20, "BenchmarkChurnHeap: churn cycles to run")

// BenchmarkChurnHeap is a small lab under churn for as long as an
// operator's: one control node (real RIB, XMPP server and GoBGP speaker),
// vrouter-1 with 20 pods and vrouter-2 with one. Each cycle deletes
// vrouter-1's pods and creates 20 new ones (new names and VM names, the
// same addresses, a security group and a local preference of the
// cycle's own: policy changes),
// has the control node forget vrouter-2's session (ForgetXMPP: vrouter-2
// drops the node's paths when its hold timer expires and connects
// again), and waits until
// vrouter-2 has the new pods' routes. It prints, after each cycle and a
// collection, the heap in use, the heap objects, goroutines, and both
// agents' attribute sets and NHs (in use / slots); it reports the heap's
// growth per cycle over the second half of the run (the first cycles
// warm caches up). -churn.cycles sets the cycles (20).
func BenchmarkChurnHeap(b *testing.B) {
	const pods = 20
	tm := timers.Scaled(0.01)
	addr := netip.MustParseAddr("127.211.21.1")
	ctl, err := control.New(control.Config{Name: "ctl-1", Address: addr, Networks: []control.Network{{FQName: podVN, VNIndex: 5}},
		Timers: tm, IntrospectPort: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(ctl.Close)
	if err := ctl.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	ctls := []Control{{Name: "ctl-1", Address: addr}}
	cfg1 := testConfig("vrouter-1", "127.211.22.1", ctls)
	cfg2 := testConfig("vrouter-2", "127.211.22.2", ctls, pod(1, "10.47.255.250"))
	a1, a2 := startAgent(b, cfg1), startAgent(b, cfg2)
	peer := addr.String()
	learned := func(i int) bool {
		return a2.pathOf(podVRF, fmt.Sprintf("10.47.1.%d/32", i+1), peer) != nil
	}
	podsOf := func(cycle int) []Interface {
		out := make([]Interface, pods)
		for i := range out {
			out[i] = pod(1000+cycle*pods+i, fmt.Sprintf("10.47.1.%d", i+1))
			out[i].SGIDs = []uint32{uint32(8000000 + cycle)}
			out[i].LocalPref = uint32(200 + cycle)
		}
		return out
	}
	for b.Loop() {
		var heap []uint64
		for cycle := 0; cycle <= *churnCycles; cycle++ {
			if cycle > 0 {
				for _, p := range podsOf(cycle - 1) {
					if err := a1.RemoveInterface(p.Name); err != nil {
						b.Fatal(err)
					}
				}
			}
			for _, p := range podsOf(cycle) {
				if err := a1.AddInterface(p); err != nil {
					b.Fatal(err)
				}
			}
			if cycle > 0 {
				f := flaps(a2)
				if !ctl.ForgetXMPP("vrouter-2") {
					b.Fatal("ctl-1 has no session of vrouter-2 to forget")
				}
				waitFor(b, "vrouter-2's hold timer expired", func() bool { return flaps(a2) > f })
			}
			waitFor(b, "vrouter-2 has the cycle's pods", func() bool {
				for i := range pods {
					if !learned(i) {
						return false
					}
				}
				return a2.pathOf(podVRF, fmt.Sprintf("10.47.1.%d/32", pods), peer).pref == uint32(200+cycle)
			})
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			heap = append(heap, ms.HeapInuse)
			c1, c2 := a1.counts(), a2.counts()
			fmt.Printf("cycle %3d  heap in use %7.2f MiB  objects %7d  goroutines %4d  vrouter-1 attrs %3d/%3d NHs %3d/%3d  vrouter-2 attrs %3d/%3d NHs %3d/%3d\n",
				cycle, float64(ms.HeapInuse)/(1<<20), ms.HeapObjects, runtime.NumGoroutine(),
				c1.attrs, c1.attrSlots, c1.nhs, c1.nhSlots, c2.attrs, c2.attrSlots, c2.nhs, c2.nhSlots)
		}
		half := len(heap) / 2
		b.ReportMetric((float64(heap[len(heap)-1])-float64(heap[half]))/float64(len(heap)-1-half), "heap-B/cycle")
	}
}

// flaps is the sum of the agent's channels' flap counts.
func flaps(a *Agent) uint32 {
	a.mu.Lock()
	defer a.mu.Unlock()
	var n uint32
	for _, ch := range a.channels {
		n += ch.client.Stats().FlapCount
	}
	return n
}
