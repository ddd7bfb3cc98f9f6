// Command standin is a fake Contrail daemon for engine, status and capture
// tests: it serves a fixed NodeStatus on an introspect port, or accepts
// connections and never answers (a hung daemon), or exits with a chosen
// code. It is built static and shipped in a scratch image by the tests.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tfkit/tfkit/engine/enginetest/fakeintrospect"
)

func main() {
	listen := flag.String("listen", "", "introspect address host:port (none: just wait)")
	module := flag.String("module", "contrail-control", "module_id reported in NodeStatus")
	state := flag.String("state", "Functional", "Functional, Non-Functional, or hang (accept and never answer)")
	desc := flag.String("description", "", "ProcessStatus description")
	exit := flag.Int("exit", -1, "exit with this code after --after (-1: run until signalled)")
	after := flag.Duration("after", 0, "delay before --exit")
	ignoreTerm := flag.Bool("ignore-term", false, "ignore SIGTERM (so that a stop ends in SIGKILL, 137)")
	flag.Parse()

	sigs := make(chan os.Signal, 1)
	if *ignoreTerm {
		signal.Ignore(syscall.SIGTERM)
	} else {
		signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	}
	if *listen != "" {
		ln, err := net.Listen("tcp", *listen)
		if err != nil {
			fmt.Fprintln(os.Stderr, "standin:", err)
			os.Exit(2)
		}
		if *state == "hang" {
			go fakeintrospect.Hang(ln)
		} else {
			h := fakeintrospect.Handler(map[string]string{"NodeStatus": fakeintrospect.NodeStatusXML(*module, *state, *desc)})
			go http.Serve(ln, h)
		}
	}
	if *exit >= 0 {
		time.Sleep(*after)
		os.Exit(*exit)
	}
	<-sigs
}
