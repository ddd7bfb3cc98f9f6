package xmpp

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"testing"
	"testing/iotest"
)

func TestFramerCutsStream(t *testing.T) {
	in := "<?xml version='1.0'?><stream:stream from='a' to='b' version='1.0' >" +
		"\xc8\x80 \n" +
		`<iq type="set" id="x"><pubsub><subscribe node="vrf"/></pubsub></iq>` +
		"\r\n\xc8\x80" +
		`<message from="c"><event><items node="1/1/v"><item id="1.2.3.4/32"><entry><a>x&gt;y</a></entry></item></items></event></message>` +
		`<iq type="set"/>` +
		"</stream:stream>"
	for _, size := range []int{0, 16} { // the default buffer, and the smallest: every element read in slices
		framerCuts(t, newFramerSize(strings.NewReader(in), size))
	}
}

func framerCuts(t *testing.T, f *framer) {
	t.Helper()
	want := []struct {
		kind   frameKind
		prefix string
	}{
		{frameHeader, "<stream:stream from='a'"},
		{frameKeepalive, ""},
		{frameStanza, `<iq type="set" id="x">`},
		{frameKeepalive, ""},
		{frameStanza, `<message from="c">`},
		{frameStanza, `<iq type="set"/>`},
		{frameClose, "</stream:stream>"},
	}
	for i, w := range want {
		k, b, err := f.next()
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if k != w.kind || !strings.HasPrefix(string(b), w.prefix) {
			t.Fatalf("frame %d: got kind %d %.60q, want kind %d prefix %q", i, k, b, w.kind, w.prefix)
		}
		if k == frameStanza && !(strings.HasSuffix(string(b), "</iq>") || strings.HasSuffix(string(b), "</message>") || strings.HasSuffix(string(b), "/>")) {
			t.Fatalf("frame %d not cut at its end: %q", i, b)
		}
	}
	if _, _, err := f.next(); err != io.EOF {
		t.Fatalf("after close: %v, want EOF", err)
	}
}

func TestFramerRejectsGarbage(t *testing.T) {
	for _, in := range []string{"hello", "\xc8\x81", "<foo></foo>"} {
		f := newFramer(strings.NewReader(in))
		if _, _, err := f.next(); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestFramerTruncatedStanza(t *testing.T) {
	f := newFramer(strings.NewReader(`<iq type="set"><pubsub>`))
	if _, _, err := f.next(); err != io.ErrUnexpectedEOF {
		t.Fatalf("got %v, want unexpected EOF", err)
	}
}

func TestItemRoundTrip(t *testing.T) {
	r := Route{
		Prefix:         netip.MustParsePrefix("10.47.255.249/32"),
		NextHops:       []NextHop{{Address: netip.MustParseAddr("127.0.2.1"), Label: 17, Encaps: []string{"gre", "udp"}}},
		VirtualNetwork: "default-domain:k8s-default:k8s-default-pod-network",
		LocalPref:      200, MED: 100, SecurityGroups: []uint32{8000002}, SequenceNumber: 3, SubProtocol: "interface",
	}
	msg := itemsMessage("x", "y", "1/1/vrf", []EncodedItem{EncodeItem(r), EncodeRetract(netip.MustParsePrefix("10.0.0.1/32"))})
	c := &Client{}
	var got []Route
	var gotRetracts []netip.Prefix
	c.cfg.Handler = handlerFuncs{update: func(instance string, f Family, items []Route, retracts []netip.Prefix) {
		if instance != "vrf" || f != FamilyInet {
			t.Errorf("instance %q family %v", instance, f)
		}
		got, gotRetracts = append([]Route(nil), items...), retracts // items is reused after the call
	}}
	if reason := c.stanza(msg); reason != "" {
		t.Fatal(reason)
	}
	if len(got) != 1 || len(gotRetracts) != 1 {
		t.Fatalf("got %d items %d retracts", len(got), len(gotRetracts))
	}
	g := got[0]
	if g.Prefix != r.Prefix || g.LocalPref != 200 || g.MED != 100 || g.SequenceNumber != 3 || g.SubProtocol != "interface" ||
		g.VirtualNetwork != r.VirtualNetwork || len(g.SecurityGroups) != 1 || g.SecurityGroups[0] != 8000002 ||
		len(g.NextHops) != 1 || g.NextHops[0].Address != r.NextHops[0].Address || g.NextHops[0].Label != 17 ||
		strings.Join(g.NextHops[0].Encaps, ",") != "gre,udp" {
		t.Fatalf("round trip: got %+v, want %+v", g, r)
	}
	if gotRetracts[0].String() != "10.0.0.1/32" {
		t.Fatalf("retract %v", gotRetracts[0])
	}
}

func TestSplitPublishNode(t *testing.T) {
	f, inst, p, err := splitPublishNode("1/1/default-domain:k8s-default:pod:pod/10.32.0.3/32")
	if err != nil || f != FamilyInet || inst != "default-domain:k8s-default:pod:pod" || p.String() != "10.32.0.3/32" {
		t.Fatalf("%v %q %v %v", f, inst, p, err)
	}
	if _, _, _, err := splitPublishNode("1/1/vrf"); err == nil {
		t.Fatal("node without prefix accepted")
	}
}

// TestFastDecoderMatchesEncodingXML decodes the same messages with the
// hand-written decoder and with encoding/xml and compares.
func TestFastDecoderMatchesEncodingXML(t *testing.T) {
	msgs := [][]byte{
		benchMessage(3),
		itemsMessage("x", "y", "1/1/a:b:c:c", []EncodedItem{
			EncodeItem(Route{Prefix: netip.MustParsePrefix("10.0.0.1/32"), VirtualNetwork: `vn&<'">`, SubProtocol: "interface",
				NextHops: []NextHop{{Address: netip.MustParseAddr("127.0.0.1"), Label: 5, MAC: "02:00:00:00:00:01", VirtualNetwork: "a&b"},
					{Address: netip.MustParseAddr("127.0.0.2"), Label: 6, Encaps: []string{"udp"}}}, SequenceNumber: 9}),
			EncodeRetract(netip.MustParsePrefix("10.0.0.2/32")),
		}),
		[]byte(`<message from="c" to="a/bgp-peer"><event xmlns="http://jabber.org/protocol/pubsub"><items node="1/1/v"><item id="1.1.1.1/32"><entry><nlri><af>1</af><safi>1</safi><address>1.1.1.1/32</address></nlri><next-hops><next-hop><af>1</af><address>127.0.0.9</address><label>7</label><tunnel-encapsulation-list/><unknown-thing><x>1</x></unknown-thing></next-hop></next-hops><local-preference>200</local-preference><med>100</med><security-group-list><security-group>1</security-group><security-group>2</security-group></security-group-list></entry></item></items></event></message>`),
	}
	for i, msg := range msgs {
		node, items, retracts, err := decodeItemsMessage(msg, nil)
		if err != nil {
			t.Fatalf("msg %d: %v", i, err)
		}
		var m messageXML
		if err := xml.Unmarshal(msg, &m); err != nil {
			t.Fatal(err)
		}
		if node != m.Event.Items.Node || len(items) != len(m.Event.Items.Items) || len(retracts) != len(m.Event.Items.Retracts) {
			t.Fatalf("msg %d: node %q items %d retracts %d", i, node, len(items), len(retracts))
		}
		for j := range items {
			want, err := m.Event.Items.Items[j].Entry.route()
			if err != nil {
				t.Fatal(err)
			}
			got := items[j]
			want.Family = got.Family
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("msg %d item %d:\n got %+v\nwant %+v", i, j, got, want)
			}
		}
	}
	for _, bad := range []string{`<message><event><items node="1/1/v"><item id="x">`, `<message><event><items node="1/1/v"><retract id="zz"/></items></event></message>`,
		`<message><event><items node="1/1/v"><item id="1.1.1.1/32"><entry><local-preference>abc</local-preference></entry></item></items></event></message>`} {
		if _, _, _, err := decodeItemsMessage([]byte(bad), nil); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestFramerStanzaLargerThanBuffer(t *testing.T) {
	big := benchMessage(200)
	if len(big) < 4*framerBuffer {
		t.Fatalf("test message only %d bytes", len(big))
	}
	in := append(append(append([]byte{}, big...), keepaliveBytes...), big...)
	f := newFramer(strings.NewReader(string(in)))
	for i, want := range []frameKind{frameStanza, frameKeepalive, frameStanza} {
		k, b, err := f.next()
		if err != nil || k != want {
			t.Fatalf("frame %d: kind %d err %v", i, k, err)
		}
		if k == frameStanza && string(b) != string(big) {
			t.Fatalf("frame %d: %d bytes, want %d", i, len(b), len(big))
		}
	}
}

// TestItemMemo: a message decoded a second time comes from the memo with
// the same routes, and an item whose bytes differ (another label) is
// decoded, not confused with the memoized one.
func TestItemMemo(t *testing.T) {
	clear(itemMemo.m)
	r := Route{Prefix: netip.MustParsePrefix("10.9.0.1/32"), VirtualNetwork: "vn", LocalPref: 100,
		NextHops: []NextHop{{Address: netip.MustParseAddr("127.0.2.9"), Label: 20, Encaps: []string{"gre", "udp"}}}}
	first := itemsMessage("x", "y", "1/1/v", []EncodedItem{EncodeItem(r)})
	_, a, _, err := decodeItemsMessage(first, nil)
	if err != nil || len(a) != 1 {
		t.Fatalf("first decode: %v %v", a, err)
	}
	if _, ok := itemMemo.get([]byte(EncodeItem(r))); !ok {
		t.Fatal("decoded item not in the memo")
	}
	_, b, _, err := decodeItemsMessage(first, nil)
	if err != nil || fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) {
		t.Fatalf("memo hit: %+v, want %+v (%v)", b, a, err)
	}
	r.NextHops[0].Label = 21
	_, c, _, err := decodeItemsMessage(itemsMessage("x", "y", "1/1/v", []EncodedItem{EncodeItem(r)}), nil)
	if err != nil || len(c) != 1 || c[0].NextHops[0].Label != 21 {
		t.Fatalf("changed item: %+v %v", c, err)
	}
	small := newMemo(2)
	for i := range 3 {
		small.put([]byte{byte(i)}, Route{})
	}
	if len(small.m) > 2 {
		t.Fatalf("memo of 2 holds %d", len(small.m))
	}
}

// TestFramerEndTagLookalikes: the end tag is found by its rare part ("ge"
// of "</message") and checked whole, so text and names holding "ge",
// "message" or "</messages" do not end the stanza, wherever the reads
// split the stream (one byte at a time, and chunks of 7).
func TestFramerEndTagLookalikes(t *testing.T) {
	body := `<message from="a"><ge>message ge</ge><messages>x</messages></messagex><g>e</g></message>`
	in := body + " " + body + "\xc8\x80"
	for _, r := range []struct {
		name string
		r    io.Reader
	}{
		{"whole", strings.NewReader(in)},
		{"one byte", iotest.OneByteReader(strings.NewReader(in))},
		{"chunks of 7", &chunked{strings.NewReader(in), 7}},
	} {
		f := newFramer(r.r)
		for i, want := range []frameKind{frameStanza, frameStanza, frameKeepalive} {
			k, b, err := f.next()
			if err != nil || k != want {
				t.Fatalf("%s: frame %d: kind %d err %v", r.name, i, k, err)
			}
			if k == frameStanza && string(b) != body {
				t.Fatalf("%s: frame %d: %q, want %q", r.name, i, b, body)
			}
		}
	}
}

// chunked reads at most n bytes at a time.
type chunked struct {
	r io.Reader
	n int
}

func (c *chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }
