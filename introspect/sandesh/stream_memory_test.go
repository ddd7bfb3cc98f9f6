package sandesh

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Stream keeps only the records being delivered: the live heap stays far
// below what the whole tree needs (about 4 KB per route here), whatever
// the document size.
func TestStreamMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 36 MB document")
	}
	path := filepath.Join(t.TempDir(), "routes.xml")
	doc := routeDoc(2, 10000) // 20k routes, ~36 MB
	size := len(doc)
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	doc = nil
	// Routes alone, and routes nested in their (kept, open) tables.
	for _, names := range [][]string{{"ShowRoute"}, {"ShowRouteTable", "ShowRoute"}} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var peak uint64
		n := 0
		err = Stream(f, names, func(r *Node) error {
			if r.Name != "ShowRoute" {
				return nil
			}
			n++
			if n%2000 == 0 {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			return nil
		})
		f.Close()
		if err != nil || n != 20000 {
			t.Fatalf("%v: %d routes, %v", names, n, err)
		}
		// The whole tree would need ~80 MB; allow 12 MB for the runtime,
		// the test binary and parser buffers.
		if peak > 12<<20 {
			t.Fatalf("%v: live heap reached %d MB while streaming a %d MB document", names, peak>>20, size>>20)
		}
		t.Logf("%v: document %d MB, peak live heap %.1f MB", names, size>>20, float64(peak)/(1<<20))
	}
}
