// Command istgen makes large control-node answers for the ist benchmark
// (bench/ist-bench.sh): a ShowRouteResp of N routes, as one file or as
// pages of 1000 routes chained by next_batch, and a ShowRouteSummaryResp;
// `serve` answers them on a loopback address like contrail-control.
//
//	istgen file  -routes 100000 -o routes.xml
//	istgen summary -tables 5000 -o summary.xml
//	istgen serve -routes 100000 -tables 5000 -addr 127.0.0.1:0   (prints the address)
//	istgen scan -names ShowRouteTable,ShowRoute routes.xml
//
// scan is the benchmark's anchor: one pass of ist's parser
// (sandesh.StreamTransient, the records handed to a callback that does
// nothing) over the bytes of a file, as a process of its own.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
	"github.com/tfkit/tfkit/introspect/sandesh/sandeshtest"
)

const (
	routeCookie = "bench||"
	summaryPfx  = "sum||"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: istgen file|summary|serve [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	routes := fs.Int("routes", 100000, "routes")
	tables := fs.Int("tables", 5000, "summary tables")
	out := fs.String("o", "", "output file")
	addr := fs.String("addr", "127.0.0.1:0", "listen address (loopback)")
	delay := fs.Duration("delay", 0, "serve: time taken before each page (a control node walking its tables)")
	names := fs.String("names", "ShowRouteTable,ShowRoute", "scan: the record elements")
	fs.Parse(os.Args[2:])
	switch os.Args[1] {
	case "file":
		write(*out, sandeshtest.RouteDoc(0, *routes, ""))
	case "summary":
		write(*out, sandeshtest.SummaryDoc(0, *tables, ""))
	case "serve":
		serve(*addr, *routes, *tables, *delay)
	case "scan":
		scan(*names, fs.Arg(0))
	default:
		fmt.Fprintln(os.Stderr, "istgen: unknown mode", os.Args[1])
		os.Exit(2)
	}
}

func write(path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "istgen:", err)
		os.Exit(1)
	}
}

// scan is the anchor: one parser pass over the file, records counted.
func scan(names, path string) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "istgen:", err)
		os.Exit(1)
	}
	n := 0
	err = sandesh.StreamTransient(bufio.NewReaderSize(f, 256<<10), strings.Split(names, ","), func(*sandesh.Node) error { n++; return nil })
	if err != nil {
		fmt.Fprintln(os.Stderr, "istgen:", err)
		os.Exit(1)
	}
	fmt.Println(n, "records")
}

// serve answers ShowRouteReq and ShowRouteSummaryReq in pages, the page
// number carried in the cookie. Every page is built before the address is
// printed, so that the benchmark measures ist and not the page building
// (a control node's work), then served after delay.
func serve(addr string, routes, tables int, delay time.Duration) {
	built := sandeshtest.Pages(routeCookie, sandeshtest.RoutePage, routes, sandeshtest.RouteDoc)
	for k, v := range sandeshtest.Pages(summaryPfx, sandeshtest.SummaryPage, tables, sandeshtest.SummaryDoc) {
		built[k] = v
	}
	l, err := net.Listen("tcp", addr)
	if err != nil || !net.ParseIP(strings.Split(l.Addr().String(), ":")[0]).IsLoopback() {
		fmt.Fprintln(os.Stderr, "istgen: listen on a loopback address:", err)
		os.Exit(1)
	}
	fmt.Println(l.Addr().String())
	first := map[string]string{"ShowRouteReq": routeCookie + "0", "ShowRouteSummaryReq": summaryPfx + "0"}
	http.Serve(l, sandeshtest.Handler(built, first, delay))
}
