package printers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/render"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// manyRoutes is a ShowRouteResp of two tables with n routes each: enough
// output for several chunks.
func manyRoutes(n int) []byte {
	var b strings.Builder
	b.WriteString(`<ShowRouteResp type="sandesh"><tables type="list"><list type="struct" size="2">`)
	for t := range 2 {
		fmt.Fprintf(&b, `<ShowRouteTable><routing_instance type="string">ri%d</routing_instance><routing_table_name type="string">ri%d.inet.0</routing_table_name><prefixes type="u64">%d</prefixes><paths type="u64">%d</paths><primary_paths type="u64">%d</primary_paths><secondary_paths type="u64">0</secondary_paths><infeasible_paths type="u64">0</infeasible_paths><routes type="list"><list type="struct" size="%d">`, t, t, n, n, n, n)
		for i := range n {
			fmt.Fprintf(&b, `<ShowRoute><prefix type="string">10.%d.%d.%d/32</prefix><last_modified type="string">2026-Nov-22 23:10:05.000123</last_modified><paths type="list"><list type="struct" size="1"><ShowRoutePath><protocol type="string">BGP</protocol><last_modified type="string">2026-Nov-22 23:10:05.000123</last_modified><local_preference type="u32">100</local_preference><source type="string">10.0.0.%d</source><next_hop type="string">10.0.1.%d</next_hop><label type="u32">%d</label><tunnel_encap type="list"><list type="string" size="2"><element>gre</element><element>udp</element></list></tunnel_encap><communities type="list"><list type="string" size="1"><element>target:64512:%d</element></list></communities></ShowRoutePath></list></paths></ShowRoute>`, t, i/256, i%256, i%7, i%250, 16+i, i)
		}
		b.WriteString(`</list></routes></ShowRouteTable>`)
	}
	b.WriteString(`</list></tables></ShowRouteResp>`)
	return []byte(b.String())
}

// WriteTo writes the same bytes as Output, over several chunks, and the
// streaming printers work on transient records (the parser reuses their
// memory once Add returns).
func TestRoutePrintersWriteToTransient(t *testing.T) {
	doc := manyRoutes(6000)
	names := []string{"ShowRouteTable", "ShowRoute"}
	for _, printer := range []string{"route_show", "route_json"} {
		for _, detail := range []bool{false, true} {
			opt := Options{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), Detail: detail}
			ref, _ := New(printer, opt)
			if err := sandesh.Stream(bytes.NewReader(doc), names, func(n *sandesh.Node) error { return ref.Add("h", n.Name, n) }); err != nil {
				t.Fatal(err)
			}
			want, err := ref.Output()
			if err != nil {
				t.Fatal(err)
			}
			s, _ := New(printer, opt)
			if err := sandesh.StreamTransient(bytes.NewReader(doc), names, func(n *sandesh.Node) error { return s.Add("h", n.Name, n) }); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if _, err := s.(io.WriterTo).WriteTo(&got); err != nil {
				t.Fatal(err)
			}
			if len(want) < 2*chunkSize || !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("%s detail=%v: WriteTo %d bytes, Output %d bytes (want equal, over 2 chunks)", printer, detail, got.Len(), len(want))
			}
			if !bytes.Contains(want, []byte("10.1.23.111/32")) {
				t.Fatalf("%s: route missing from the output", printer)
			}
		}
	}
}

// With several hosts each route object starts with its host.
func TestRouteJSONHost(t *testing.T) {
	s, _ := New("route_json", Options{Options: render.Options{ShowHost: true}})
	if err := sandesh.StreamTransient(bytes.NewReader(manyRoutes(50)), []string{"ShowRouteTable", "ShowRoute"}, func(n *sandesh.Node) error { return s.Add("h1", n.Name, n) }); err != nil {
		t.Fatal(err)
	}
	out, _ := s.Output()
	var recs []map[string]any
	if err := json.Unmarshal(out, &recs); err != nil || len(recs) != 100 {
		t.Fatalf("%d records, %v:\n%.500s", len(recs), err, out)
	}
	if got := bytes.Count(out, []byte(`{"host":"h1","routing_instance":"ri`)); got != 100 || recs[99]["prefix"] != "10.1.0.49/32" {
		t.Fatalf("%d objects start with the host; last %v", got, recs[99])
	}
}
