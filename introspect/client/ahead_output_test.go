package client_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/catalog"
	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/query"
	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

// `ist ctr route show` (text, --detail and JSON) over many next_batch
// pages prints the same bytes whether each page is parsed while the one
// before is printed or one page after the other.
func TestRouteShowSameOutputWithPagesParsedAhead(t *testing.T) {
	const per, total = 200, 2100
	pages := sandeshtest.Pages("p", per, total, sandeshtest.RouteDoc)
	srv := httptest.NewServer(sandeshtest.Handler(pages, map[string]string{"ShowRouteReq": "p0"}, 0))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	show := catalog.Lookup("ctr", "route", "show")
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for _, v := range []struct {
		name   string
		params query.Params
		format string
	}{
		{"text", query.Params{}, ""},
		{"detail", query.Params{Bools: map[string]bool{"detail": true}}, ""},
		{"json", query.Params{}, "json"},
	} {
		t.Run(v.name, func(t *testing.T) {
			run := func(serial bool) string {
				cl, err := client.New(client.Config{Hosts: []string{host}, SerialPages: serial, Timeout: 10 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				defer cl.Close()
				q, err := query.New("ctr", show, v.params, query.Options{Format: v.format, Now: now})
				if err != nil {
					t.Fatal(err)
				}
				var out bytes.Buffer
				if err := q.Run(context.Background(), cl, &out); err != nil {
					t.Fatal(err)
				}
				return out.String()
			}
			serial, ahead := run(true), run(false)
			if !strings.Contains(serial, "10.0.8.51/32") || strings.Count(serial, "10.0.") < total { // route 2099, the last
				t.Fatalf("serial output of %d bytes lacks routes:\n%.500s", len(serial), serial)
			}
			if ahead != serial {
				i := 0
				for i < len(ahead) && i < len(serial) && ahead[i] == serial[i] {
					i++
				}
				t.Fatalf("outputs differ at byte %d of %d/%d:\n%.300s\nserial:\n%.300s", i, len(ahead), len(serial), ahead[max(0, i-100):], serial[max(0, i-100):])
			}
		})
	}
}
