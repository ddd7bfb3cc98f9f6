// Command capturegen sends UDP datagrams at a fixed rate for the capture
// benchmark (bench/capture.sh). It runs inside the benchmark's own network
// namespace and prints what it really sent.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	dst := flag.String("dst", "169.254.78.2:9999", "destination host:port (inside the benchmark namespace)")
	rate := flag.Int("rate", 10000, "datagrams per second")
	dur := flag.Duration("duration", 3*time.Second, "how long to send")
	size := flag.Int("size", 64, "payload bytes")
	flag.Parse()

	c, err := net.Dial("udp", *dst)
	if err != nil {
		fmt.Fprintln(os.Stderr, "capturegen:", err)
		os.Exit(2)
	}
	payload := make([]byte, *size)
	start := time.Now()
	sent := 0
	for {
		el := time.Since(start)
		if el >= *dur {
			break
		}
		// Send what the schedule owes so far, then sleep a little: a
		// steady rate without one timer per packet.
		for due := int(el.Seconds() * float64(*rate)); sent < due; sent++ {
			c.Write(payload)
		}
		time.Sleep(100 * time.Microsecond)
	}
	el := time.Since(start).Seconds()
	fmt.Printf("sent %d in %.2fs = %.0f pps\n", sent, el, float64(sent)/el)
}
