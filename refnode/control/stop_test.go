package control

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/tfkit/tfkit/refnode/timers"
)

// TestStopWhileAgentsConnect stops and starts a control node while agents
// keep connecting to it, as they do when they fail over at scale. A
// session accepted just as the node stops must not keep Stop waiting (it
// did, for minutes, in the 980-vRouter run), nor survive on the stopped
// node.
func TestStopWhileAgentsConnect(t *testing.T) {
	addr := netip.MustParseAddr("127.0.98.1")
	n, err := New(Config{Name: "ctl-1", Address: addr, Networks: testNets, Timers: timers.Scaled(0.1), BGPPort: 11179, BGPInternalPort: 21179})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 98, byte(10+i))}, Timeout: time.Second}
			for ctx.Err() == nil {
				c, err := d.DialContext(ctx, "tcp", netip.AddrPortFrom(addr, DefaultXMPPPort).String())
				if err != nil {
					time.Sleep(time.Millisecond)
					continue
				}
				fmt.Fprintf(c, "<?xml version='1.0'?><stream:stream from='agent-%d' to='network-control@contrailsystems.com' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' >", i)
				buf := make([]byte, 4096)
				for {
					_ = c.SetReadDeadline(time.Now().Add(time.Second))
					if _, err := c.Read(buf); err != nil {
						break
					}
				}
				c.Close()
			}
		}()
	}
	// Busy goroutines stand for the load of a large cluster: the accept
	// loop gets preempted between accepting a session and registering it.
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := 0; ctx.Err() == nil; x++ {
				_ = x * x
			}
		}()
	}
	defer func() { cancel(); wg.Wait() }()
	for round := range 40 {
		if err := n.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
		done := make(chan struct{})
		go func() { n.Stop(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("round %d: Stop still waiting after 5 s", round)
		}
		n.mu.Lock()
		left := len(n.agents)
		n.mu.Unlock()
		if left != 0 {
			t.Fatalf("round %d: %d agent sessions on the stopped node", round, left)
		}
	}
}
