package main

import (
	"io"
	"testing"
)

func BenchmarkZZRouteShowFile(b *testing.B) {
	for b.Loop() {
		stdout = io.Discard
		if err := newApp().Run([]string{"ist", "--file", "/tmp/hb/routes.xml", "ctr", "route", "show", "-t", "default-domain:bench:vn0:vn0.inet.0"}); err != nil {
			b.Fatal(err)
		}
	}
}
