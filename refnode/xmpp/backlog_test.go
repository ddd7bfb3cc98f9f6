package xmpp

import (
	"context"
	"net/netip"
	"sync"
	"testing"
	"time"
)

// TestBusyClientKeepsSessionUnderSmallUpdates reproduces the flaps of the
// 980-agent cluster at timer scale 0.1: a control node sends many small
// updates to an agent whose handler is busy (waiting for its turn of
// route work) for several hold times. The agent's socket buffer fills
// with small segments, whose memory the kernel's window did not expect,
// so it drops some; the server retransmits them with exponential
// back-off. When the agent reads again, the server's stream, keep-alives
// included, must resume well within the hold time: with the kernel's
// default back-off cap it resumed only after the next retransmission,
// seconds later, and the agent's hold timer expired on a live session.
func TestBusyClientKeepsSessionUnderSmallUpdates(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a busy period of several seconds")
	}
	const (
		hold    = 2 * time.Second
		busy    = 7 * time.Second // handler blocked: > 3 hold times
		updates = 3000            // one route each, ~400 bytes per message
		vrf     = "default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network"
	)
	rec := newRecorder()
	srv := startServer(t, rec, hold)
	var (
		once     sync.Once
		mu       sync.Mutex
		received int
	)
	downs := make(chan string, 4)
	c := NewClient(ClientConfig{Name: "vrouter-9", ServerAddr: srv.Addr(), Hold: hold, BackoffUnit: 50 * time.Millisecond,
		Handler: handlerFuncs{
			down: func(r string) { downs <- r },
			update: func(_ string, _ Family, items []Route, _ []netip.Prefix) {
				once.Do(func() { time.Sleep(busy) })
				mu.Lock()
				received += len(items)
				mu.Unlock()
			},
		}})
	c.Start(context.Background())
	defer c.Stop()
	rec.expect(t, "up vrouter-9")
	rec.mu.Lock()
	p := rec.peer
	rec.mu.Unlock()

	sent := make(chan error, 1)
	go func() {
		for i := range updates {
			r := Route{Prefix: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 40, byte(i >> 8), byte(i)}), 32), LocalPref: 100,
				NextHops: []NextHop{{Address: netip.MustParseAddr("127.0.2.2"), Label: uint32(16 + i), Encaps: []string{"gre", "udp"}}}}
			if err := p.SendRoutes(vrf, FamilyInet, []Route{r}, nil); err != nil {
				sent <- err
				return
			}
			// Keep-alives between them: the smallest segments, whose
			// memory the receiver's window assumes least.
			for range 20 {
				if err := p.sess.write(keepaliveBytes, countKeepalive); err != nil {
					sent <- err
					return
				}
			}
		}
		sent <- nil
	}()
	deadline := time.After(busy + 10*time.Second)
	for {
		mu.Lock()
		n := received
		mu.Unlock()
		if n == updates {
			break
		}
		select {
		case r := <-downs:
			t.Fatalf("agent lost its session after %d of %d updates: %s (server: %v)", n, updates, r, <-rec.events)
		case <-deadline:
			t.Fatalf("%d of %d updates received", n, updates)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	if f := c.Stats().FlapCount; f != 0 {
		t.Fatalf("client flapped %d times", f)
	}
}
