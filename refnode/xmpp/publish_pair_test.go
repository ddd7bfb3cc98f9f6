package xmpp

import (
	"context"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pairCounter is a ServerHandler that counts published routes and
// session losses.
type pairCounter struct {
	published atomic.Int64
	downs     atomic.Int64
	mu        sync.Mutex
	reason    string
}

func (h *pairCounter) PeerUp(*ServerPeer) {}
func (h *pairCounter) PeerDown(_ *ServerPeer, reason string) {
	h.downs.Add(1)
	h.mu.Lock()
	h.reason = reason
	h.mu.Unlock()
}
func (h *pairCounter) Subscribe(*ServerPeer, string, int) error          { return nil }
func (h *pairCounter) Unsubscribe(*ServerPeer, string) error             { return nil }
func (h *pairCounter) Publish(*ServerPeer, string, Route)                { h.published.Add(1) }
func (h *pairCounter) Retract(*ServerPeer, string, Family, netip.Prefix) {}
func (h *pairCounter) EndOfRib(*ServerPeer)                              {}

// TestConcurrentPublishesKeepPairs publishes from several goroutines at
// once, as an agent does when a session comes up while interfaces are
// added: each route's publish and its associate must reach the control
// node back to back, or the control node closes the session ("collection
// ... without matching publish").
func TestConcurrentPublishesKeepPairs(t *testing.T) {
	h := &pairCounter{}
	srv := startServer(t, h, 3*time.Second)
	c := NewClient(ClientConfig{Name: "vrouter-1", LocalAddr: netip.MustParseAddr("127.0.0.1"),
		ServerAddr: srv.Addr(), Hold: 3 * time.Second, Handler: handlerFuncs{}})
	c.Start(context.Background())
	defer c.Stop()
	waitFor(t, "client established", func() bool { return c.State() == Established })

	const goroutines, each = 8, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				r := Route{Prefix: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(g), byte(i >> 8), byte(i)}), 32), LocalPref: 100,
					NextHops: []NextHop{{Address: netip.MustParseAddr("127.0.0.1"), Label: 16}}}
				if err := c.Publish("vrf", r); err != nil {
					return // the session went down: counted below
				}
			}
		}()
	}
	wg.Wait()
	waitFor(t, "every route published or the session lost", func() bool {
		return h.published.Load() == goroutines*each || h.downs.Load() > 0
	})
	if n := h.downs.Load(); n > 0 {
		h.mu.Lock()
		defer h.mu.Unlock()
		t.Fatalf("session lost %d time(s) while publishing concurrently: %s", n, h.reason)
	}
}
