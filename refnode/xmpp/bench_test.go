package xmpp

import (
	"encoding/xml"
	"fmt"
	"net/netip"
	"testing"
)

// benchMessage is one items message with n realistic unicast items.
func benchMessage(n int) []byte {
	items := make([]EncodedItem, 0, n)
	for i := 0; i < n; i++ {
		items = append(items, EncodeItem(Route{
			Prefix:         netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 32, byte(i >> 8), byte(i)}), 32),
			NextHops:       []NextHop{{Address: netip.AddrFrom4([4]byte{127, 0, 2, byte(i%250 + 1)}), Label: uint32(16 + i), Encaps: []string{"gre", "udp"}}},
			VirtualNetwork: "default-domain:k8s-default:k8s-default-pod-network",
			LocalPref:      100, MED: 200, SecurityGroups: []uint32{8000002}, SubProtocol: "interface",
		}))
	}
	return itemsMessage(ControlJID, "compute-1/bgp-peer", "1/1/default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network", items)
}

// BenchmarkDecodeItems measures the agent side: one items message of 100
// items through Client.stanza, reported as items/s. After the first
// round the items come from the memo, as for all but the first agent.
func BenchmarkDecodeItems(b *testing.B) {
	msg := benchMessage(100)
	c := &Client{}
	got := 0
	c.cfg.Handler = handlerFuncs{update: func(_ string, _ Family, items []Route, _ []netip.Prefix) { got += len(items) }}
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		if r := c.stanza(msg); r != "" {
			b.Fatal(r)
		}
	}
	b.ReportMetric(float64(got)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkDecodeItemsUnmemoized is BenchmarkDecodeItems with the item
// memo emptied before each message: the first agent to receive a route.
func BenchmarkDecodeItemsUnmemoized(b *testing.B) {
	msg := benchMessage(100)
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		clear(itemMemo.m)
		if _, items, _, err := decodeItemsMessage(msg, nil); err != nil || len(items) != 100 {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeItem measures the control side: one item's bytes.
func BenchmarkEncodeItem(b *testing.B) {
	r := Route{Prefix: netip.MustParsePrefix("10.32.0.3/32"), VirtualNetwork: "default-domain:k8s-default:k8s-default-pod-network",
		NextHops: []NextHop{{Address: netip.MustParseAddr("127.0.2.1"), Label: 17, Encaps: []string{"gre", "udp"}}}, LocalPref: 100}
	b.ReportAllocs()
	for b.Loop() {
		_ = EncodeItem(r)
	}
}

// BenchmarkFramer measures cutting stanzas from a stream.
func BenchmarkFramer(b *testing.B) {
	msg := benchMessage(100)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		f := newFramer(&repeatReader{b: msg, n: 1})
		if _, _, err := f.next(); err != nil {
			b.Fatal(err)
		}
	}
}

type repeatReader struct {
	b   []byte
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, fmt.Errorf("done")
	}
	k := copy(p, r.b[r.off:])
	r.off += k
	if r.off == len(r.b) {
		r.off = 0
		r.n--
	}
	return k, nil
}

// BenchmarkDecodeItemsEncodingXML is the reflection decoder on the same
// message, for comparison with the hand-written one.
func BenchmarkDecodeItemsEncodingXML(b *testing.B) {
	msg := benchMessage(100)
	got := 0
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		var m messageXML
		if err := xml.Unmarshal(msg, &m); err != nil {
			b.Fatal(err)
		}
		for i := range m.Event.Items.Items {
			if _, err := m.Event.Items.Items[i].Entry.route(); err != nil {
				b.Fatal(err)
			}
			got++
		}
	}
	b.ReportMetric(float64(got)/b.Elapsed().Seconds(), "items/s")
}
