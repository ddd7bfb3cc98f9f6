// Package procinfo holds what every refnode daemon serves about its own
// process through the Sandesh library's requests: CpuLoadInfoReq (the
// process's memory, from the Go runtime) and the trace buffers of
// SandeshTraceBufferListRequest / SandeshTraceRequest. The control node,
// the agent and the personas (dns, nodemgrs) answer from it, so the
// pages have one shape everywhere.
package procinfo

import (
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// CpuLoad is the CpuLoadInfo of this process: the number of CPUs and
// the memory the Go runtime holds, in KiB (virt and peakvirt: what it
// obtained from the OS; res: heap and stacks in use).
func CpuLoad() schema.CpuLoadInfo {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	kib := func(b uint64) uint32 { return uint32(b / 1024) }
	return schema.CpuLoadInfo{
		NumCPU:  uint32(runtime.NumCPU()),
		MemInfo: schema.MemInfo{Virt: kib(ms.Sys), Peakvirt: kib(ms.Sys), Res: kib(ms.HeapInuse + ms.StackInuse)},
	}
}

// Traces is a set of named trace buffers, each keeping its last Keep
// messages as Sandesh trace text ("<microseconds> <message>", spec
// §2.10). The zero value keeps DefaultKeep per buffer.
type Traces struct {
	Keep int

	mu   sync.Mutex
	bufs map[string][]string
}

// DefaultKeep is the messages a buffer keeps when Keep is 0.
const DefaultKeep = 256

// Add appends msg to buffer buf, stamped now.
func (t *Traces) Add(buf, msg string) {
	line := strconv.FormatInt(time.Now().UnixMicro(), 10) + " " + msg
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.bufs == nil {
		t.bufs = map[string][]string{}
	}
	keep := t.Keep
	if keep <= 0 {
		keep = DefaultKeep
	}
	b := append(t.bufs[buf], line)
	if len(b) > keep {
		b = b[len(b)-keep:]
	}
	t.bufs[buf] = b
}

// Get returns the last count messages of buf (0 = all), oldest first.
func (t *Traces) Get(buf string, count int) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.bufs[buf]
	if count > 0 && count < len(b) {
		b = b[len(b)-count:]
	}
	return append([]string{}, b...)
}

// ListResponse is the SandeshTraceBufferListResponse naming buffers.
func ListResponse(buffers ...string) *schema.SandeshTraceBufferListResponse {
	resp := &schema.SandeshTraceBufferListResponse{TraceBufferList: []schema.SandeshTraceBufInfo{}}
	for _, b := range buffers {
		resp.TraceBufferList = append(resp.TraceBufferList, schema.SandeshTraceBufInfo{TraceBufName: b})
	}
	return resp
}
