package doctor

import (
	"testing"
	"time"
)

// BenchmarkEvaluate1000 runs every check over a synthetic healthy cluster
// of 15 control nodes and 985 vRouters (the collection is built once):
// the cost of reading a collection into a View and evaluating the rules.
func BenchmarkEvaluate1000(b *testing.B) {
	col := synthCluster(15, 985)
	now := synthStamp.Add(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		rep := Evaluate(col, Checks, Options{}, now)
		if len(rep.Findings) != 0 {
			b.Fatalf("%d findings on a healthy cluster", len(rep.Findings))
		}
	}
}
