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
	"strings"
	"syscall"
	"time"
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
			go hang(ln)
		} else {
			body := nodeStatus(*module, *state, *desc)
			go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !strings.HasPrefix(r.URL.Path, "/Snh_SandeshUVECacheReq") {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "text/xml")
				fmt.Fprint(w, body)
			}))
		}
	}
	if *exit >= 0 {
		time.Sleep(*after)
		os.Exit(*exit)
	}
	<-sigs
}

// hang accepts connections and holds them open without reading or writing.
func hang(ln net.Listener) {
	var held []net.Conn
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		held = append(held, c)
	}
}

// nodeStatus is a NodeStatus UVE cache answer in the shape of spec §5.3.1.
func nodeStatus(module, state, desc string) string {
	d := ""
	if desc != "" {
		d = `<description type="string" identifier="6">` + esc(desc) + `</description>`
	}
	return `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>` +
		`<__NodeStatusUVE_list type="slist"><NodeStatusUVE type="sandesh"><data type="struct" identifier="1"><NodeStatus>` +
		`<name type="string" identifier="1" key="ObjectBgpRouter">standin</name>` +
		`<process_status type="list" identifier="4" aggtype="union"><list type="struct" size="1"><ProcessStatus>` +
		`<module_id type="string" identifier="1">` + esc(module) + `</module_id>` +
		`<instance_id type="string" identifier="2">0</instance_id>` +
		`<state type="string" identifier="3">` + esc(state) + `</state>` +
		`<connection_infos type="list" identifier="4"><list type="struct" size="1"><ConnectionInfo>` +
		`<type type="string" identifier="1">Collector</type><name type="string" identifier="2"></name>` +
		`<server_addrs type="list" identifier="3"><list type="string" size="1"><element>127.0.0.1:8086</element></list></server_addrs>` +
		`<status type="string" identifier="4">Up</status><description type="string" identifier="5">Established</description>` +
		`</ConnectionInfo></list></connection_infos>` + d +
		`</ProcessStatus></list></process_status></NodeStatus></data></NodeStatusUVE>` +
		`<SandeshUVECacheResp type="sandesh"><returned type="u32" identifier="1">1</returned><period type="i32" identifier="2">0</period><more type="bool" identifier="0">false</more></SandeshUVECacheResp></__NodeStatusUVE_list>`
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&apos;").Replace(s)
}
