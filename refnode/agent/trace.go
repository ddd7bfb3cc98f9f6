package agent

import (
	"strconv"
	"sync"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
)

// traceBuffer is the agent's "ControllerConnections" trace buffer: the
// last traceKeep controller channel events, oldest first, each rendered
// as Sandesh trace text (spec §2.10).
type traceBuffer struct {
	mu    sync.Mutex
	lines []string
	next  int // ring position once full
}

const (
	traceBufferName = "ControllerConnections"
	traceKeep       = 512
)

func (b *traceBuffer) add(event string) {
	line := strconv.FormatInt(time.Now().UnixMicro(), 10) + " AgentXmppChannelTrace: " + event
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.lines) < traceKeep {
		b.lines = append(b.lines, line)
		return
	}
	b.lines[b.next] = line
	b.next = (b.next + 1) % traceKeep
}

// last returns up to count lines (0 = all), oldest first.
func (b *traceBuffer) last(count int) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]string, 0, len(b.lines))
	out = append(out, b.lines[b.next:]...)
	out = append(out, b.lines[:b.next]...)
	if count > 0 && count < len(out) {
		out = out[len(out)-count:]
	}
	return out
}

func (a *Agent) traceListReq() []any {
	return []any{&schema.SandeshTraceBufferListResponse{TraceBufferList: []schema.SandeshTraceBufInfo{{TraceBufName: traceBufferName}}}}
}

func (a *Agent) traceReq(name string, count int32) []any {
	resp := &schema.SandeshTraceTextResponse{Traces: []string{}}
	if name == traceBufferName {
		resp.Traces = a.trace.last(int(count))
	}
	return []any{resp}
}
