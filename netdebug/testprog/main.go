// Command testprog runs inside scratch containers started by tf-capture's
// tests: it sends UDP datagrams on the container's loopback, exits with a
// chosen code, eats memory until the cgroup OOM killer stops it, or acts
// as a minimal init (like tini or a shell) that reports its child's death
// by signal N as exit status 128+N.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	udp := flag.String("udp", "", "send datagrams to this host:port (a loopback address)")
	every := flag.Duration("every", 20*time.Millisecond, "interval between datagrams")
	exit := flag.Int("exit", -1, "exit with this code after --after")
	after := flag.Duration("after", 0, "delay before --exit or --hog")
	hog := flag.Bool("hog", false, "allocate and touch memory until killed")
	init := flag.Bool("init", false, "run the rest of the arguments as a child; forward SIGTERM; exit 128+N if the child dies by signal N")
	flag.Parse()

	switch {
	case *init:
		os.Exit(runInit(flag.Args()))
	case *udp != "":
		sendForever(*udp, *every)
	case *exit >= 0:
		time.Sleep(*after)
		os.Exit(*exit)
	case *hog:
		time.Sleep(*after)
		eat()
	}
	for { // wait for a signal; no handler, so SIGKILL/SIGTERM act directly
		time.Sleep(time.Hour)
	}
}

func sendForever(addr string, every time.Duration) {
	c, err := net.Dial("udp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testprog:", err)
		os.Exit(3)
	}
	for i := 0; ; i++ {
		fmt.Fprintf(c, "tfcap-%d", i) // errors (no listener: ICMP unreachable) do not matter
		time.Sleep(every)
	}
}

var kept [][]byte

func eat() {
	for {
		b := make([]byte, 1<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		kept = append(kept, b)
	}
}

func runInit(args []string) int {
	cmd := exec.Command("/proc/self/exe", args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "testprog init:", err)
		return 126
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		for s := range sigs {
			cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	return 0
}
