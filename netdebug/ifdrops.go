package netdebug

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
)

// ifaceDrops reads one interface's receive drops from the net/dev table
// of the network namespace it was opened in. The file is opened through
// /proc/thread-self while the thread is in the capture's namespace, and
// the kernel binds an open net/dev file to the namespace of its opener,
// so later reads from any thread still see that namespace. It replaces a
// netlink socket opened at start (bench/capture.sh's fixed cost).
type ifaceDrops struct {
	f    *os.File
	name string
}

// netDevSelf is the net/dev table of the calling thread's namespace
// (/proc/self/net follows the process's main thread, which stays in the
// host's namespace).
const netDevSelf = "/proc/thread-self/net/dev"

// openIfaceDrops opens the counter of interface name; the caller's thread
// must be in the interface's namespace.
func openIfaceDrops(path, name string) (*ifaceDrops, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	d := &ifaceDrops{f: f, name: name}
	if _, err := d.read(); err != nil {
		f.Close()
		return nil, err
	}
	return d, nil
}

// read is the interface's receive drop count now: the table's "drop"
// column, which the kernel fills with rx_dropped + rx_missed_errors.
func (d *ifaceDrops) read() (uint64, error) {
	if _, err := d.f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	table, err := io.ReadAll(d.f)
	if err != nil {
		return 0, err
	}
	return netDevRxDrops(table, d.name)
}

func (d *ifaceDrops) close() { d.f.Close() }

// netDevRxDrops finds interface name in a net/dev table ("  eth0: bytes
// packets errs drop fifo ..." for receive, then transmit; a long name
// may touch its colon's numbers) and returns its receive drops.
func netDevRxDrops(table []byte, name string) (uint64, error) {
	for _, line := range bytes.Split(table, []byte("\n")) {
		ifname, counters, ok := bytes.Cut(line, []byte(":"))
		if !ok || string(bytes.TrimSpace(ifname)) != name {
			continue
		}
		f := bytes.Fields(counters)
		if len(f) < 4 {
			return 0, fmt.Errorf("%s: short line %q", netDevSelf, line)
		}
		return strconv.ParseUint(string(f[3]), 10, 64)
	}
	return 0, fmt.Errorf("%s: no interface %s", netDevSelf, name)
}
