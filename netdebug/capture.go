package netdebug

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unicode"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcap"
)

// CaptureOptions says where and what to capture.
type CaptureOptions struct {
	Netns     string        // network namespace file; "" = the caller's namespace
	Interface string        // "any" or an interface name inside Netns
	Filter    string        // BPF filter, tcpdump syntax
	Snaplen   int           // bytes kept per packet
	Promisc   bool          // promiscuous mode
	Count     int           // stop after this many packets; 0 = no limit
	Duration  time.Duration // stop after this long; 0 = no limit
	BufferMiB int           // kernel ring size; 0 = 4 MiB (tcpdump: 2)
	// HandOver bounds how long the kernel keeps packets in a partly
	// filled ring block before handing it over: how late a line appears,
	// and how long a stop waits for the last packets. Each hand-over wakes
	// the capture, so a file, which nobody watches line by line, takes a
	// longer one (FileHandOver; tcpdump -w waits 1 s). 0 = DefaultHandOver.
	HandOver time.Duration
}

// Hand-over delays: for lines and streams someone watches, and for files.
const (
	DefaultHandOver = 100 * time.Millisecond
	FileHandOver    = 500 * time.Millisecond
)

// DefaultSnaplen keeps whole packets, like tcpdump.
const DefaultSnaplen = 262144

// flushEvery bounds how long a decoded line or pcap record may sit in a
// buffer while traffic never pauses; when it pauses, the buffer is
// flushed at once.
const flushEvery = 200 * time.Millisecond

// Capture is an open capture bound to the namespace it was opened in, or
// a pcap file being read.
type Capture struct {
	src     packetSource
	opts    CaptureOptions
	link    layers.LinkType
	snaplen int
	offline bool
	ifNames map[int]string
}

// packetSource is a live ring (ring.go), a libpcap handle or a file.
type packetSource interface {
	// next returns a packet, errNoPacket when none is buffered, io.EOF at
	// the end of a file.
	next() ([]byte, gopacket.CaptureInfo, error)
	// wait blocks until packets may be there, or interrupt is called.
	wait() error
	interrupt()
	// settle waits, after a stop, for packets the kernel holds but has
	// not handed over yet; false when there is nothing to wait for.
	settle() bool
	counters() Summary
	close()
}

// Summary is what a capture saw, as tcpdump prints it at the end.
type Summary struct {
	Captured      int  `json:"captured"`          // delivered to the sink
	Received      int  `json:"received"`          // seen by the filter
	DroppedKernel int  `json:"dropped_kernel"`    // ring full
	DroppedIface  int  `json:"dropped_interface"` // dropped by the driver/interface
	Offline       bool `json:"offline,omitempty"` // read from a file: no kernel counters
}

// PacketSink receives each captured packet. Data is only valid during the call.
type PacketSink interface {
	WritePacket(ci gopacket.CaptureInfo, data []byte) error
	Flush() error
}

// OpenCapture opens the interface inside the namespace. The socket is
// created while the thread is in the namespace and stays there. An
// Ethernet (or loopback) interface is read through a ring of our own
// (ring.go); "any" and other link types through libpcap.
func OpenCapture(o CaptureOptions) (*Capture, error) {
	if o.Interface == "" {
		o.Interface = "eth0"
	}
	if o.Snaplen <= 0 {
		o.Snaplen = DefaultSnaplen
	}
	if o.HandOver <= 0 {
		o.HandOver = DefaultHandOver
	}
	c := &Capture{opts: o, snaplen: o.Snaplen}
	open := func() error {
		if o.Interface == "any" {
			return c.openPcap()
		}
		ifc, err := interfaceNamed(o.Interface)
		if err != nil {
			return err
		}
		if ifc.Flags&net.FlagLoopback == 0 && len(ifc.HardwareAddr) != 6 {
			return c.openPcap() // tun, IP tunnels: libpcap knows their link types
		}
		return c.openRing(ifc)
	}
	var err error
	if o.Netns == "" {
		err = open()
	} else {
		err = InNetns(o.Netns, open)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// openPcap opens the interface with libpcap (on the namespace's thread).
func (c *Capture) openPcap() error {
	h, err := activate(c.opts, 0)
	if err != nil {
		return err
	}
	// Compiled here: libpcap looks the interface's netmask up by name,
	// which must be the namespace's interface, not the host's.
	if err := setFilter(h, c.opts.Filter); err != nil {
		h.Close()
		return err
	}
	c.src = &pcapSource{h: h, where: c.opts.Interface}
	c.link, c.snaplen = h.LinkType(), h.SnapLen()
	c.ifNames = interfaceNames()
	return nil
}

// openRing compiles the filter with libpcap on the interface itself
// (netmask, VLAN handling as tcpdump gets them), then reads through a
// ring of our own.
func (c *Capture) openRing(ifc *net.Interface) error {
	prog, err := c.compileForRing()
	if err != nil {
		return err
	}
	r, err := openRing(ifc.Index, prog, c.opts)
	if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM) {
		return fmt.Errorf("open %s: %w", c.opts.Interface, permissionHint(err))
	}
	if err != nil {
		return c.openPcap() // a kernel without TPACKET_V3, say: libpcap copes
	}
	r.watchInterface(ifc.Name)
	c.src, c.link = r, layers.LinkTypeEthernet
	return nil
}

// compileForRing compiles the filter for an Ethernet interface. libpcap
// compiles a few primitives differently for a live Linux interface than
// for a bare link type (vlan and what follows it via the kernel's VLAN
// metadata, broadcast via the interface's netmask, inbound/outbound via
// the packet type): for those it is asked on the interface itself, like
// tcpdump; for the rest the bare link type gives the same program without
// opening a second socket.
func (c *Capture) compileForRing() ([]pcap.BPFInstruction, error) {
	if !needsLiveCompile(c.opts.Filter) {
		prog, err := pcap.CompileBPFFilter(layers.LinkTypeEthernet, c.opts.Snaplen, c.opts.Filter)
		if err != nil {
			return nil, badFilter(c.opts.Filter, err)
		}
		return prog, nil
	}
	h, err := activate(c.opts, 64<<10) // compiling only: a small buffer
	if err != nil {
		return nil, err
	}
	defer h.Close()
	return compileFilter(h, c.opts.Filter)
}

// needsLiveCompile: the filter names a primitive libpcap compiles with
// what only a live interface knows.
func needsLiveCompile(filter string) bool {
	for _, w := range strings.FieldsFunc(filter, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch strings.ToLower(w) {
		case "vlan", "mpls", "pppoes", "pppoed", "geneve", "broadcast", "inbound", "outbound", "ifindex":
			return true
		}
	}
	return false
}

func activate(o CaptureOptions, bufferBytes int) (*pcap.Handle, error) {
	in, err := pcap.NewInactiveHandle(o.Interface)
	if err != nil {
		return nil, fmt.Errorf("open %s: %v", o.Interface, err)
	}
	defer in.CleanUp()
	_ = in.SetSnapLen(o.Snaplen)
	_ = in.SetTimeout(o.HandOver) // also how soon a read returns to see Ctrl-C
	if bufferBytes == 0 {
		_ = in.SetPromisc(o.Promisc)
		if o.BufferMiB > 0 {
			bufferBytes = o.BufferMiB << 20
		}
	}
	if bufferBytes > 0 {
		_ = in.SetBufferSize(bufferBytes)
	}
	h, err := in.Activate()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", o.Interface, permissionHint(err))
	}
	return h, nil
}

// permissionHint adds what to do to a permission failure.
func permissionHint(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "perm") || strings.Contains(msg, "not permitted") {
		return fmt.Errorf("%v: capturing needs root or CAP_NET_RAW", err)
	}
	return err
}

// setFilter applies a tcpdump-syntax filter ("" = none).
func setFilter(h *pcap.Handle, filter string) error {
	if filter == "" {
		return nil
	}
	if err := h.SetBPFFilter(filter); err != nil {
		return badFilter(filter, err)
	}
	return nil
}

// compileFilter compiles the filter for h's interface; "" gives the
// program that keeps everything, cut at the snapshot length.
func compileFilter(h *pcap.Handle, filter string) ([]pcap.BPFInstruction, error) {
	prog, err := h.CompileBPFFilter(filter)
	if err != nil {
		return nil, badFilter(filter, err)
	}
	return prog, nil
}

func badFilter(filter string, err error) error {
	return fmt.Errorf("bad BPF filter %q: %v: use tcpdump filter syntax, e.g. 'udp port 6635'", filter, err)
}

// interfaceNamed finds the interface in the current namespace and lists
// the interfaces that do exist when the name is wrong.
func interfaceNamed(name string) (*net.Interface, error) {
	if ifc, err := net.InterfaceByName(name); err == nil {
		return ifc, nil
	}
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("no interface %s: %v", name, err)
	}
	names := make([]string, 0, len(ifs))
	for _, i := range ifs {
		names = append(names, i.Name)
	}
	sort.Strings(names)
	return nil, fmt.Errorf("no interface %s in the namespace: use -i with one of: any, %s", name, strings.Join(names, ", "))
}

// interfaceNames maps the current namespace's interface indexes to names
// (cooked "any" captures print them).
func interfaceNames() map[int]string {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	m := make(map[int]string, len(ifs))
	for _, i := range ifs {
		m[i.Index] = i.Name
	}
	return m
}

// OpenFile reads a pcap file (from tcpdump on a fabric interface, say)
// through the same filter, decoder and writers as a live capture.
func OpenFile(path, filter string, count int) (*Capture, error) {
	h, err := pcap.OpenOffline(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %v: give a pcap file (tcpdump -w)", path, err)
	}
	if err := setFilter(h, filter); err != nil {
		h.Close()
		return nil, err
	}
	return &Capture{src: &pcapSource{h: h, where: path, offline: true}, opts: CaptureOptions{Interface: path, Count: count},
		link: h.LinkType(), snaplen: h.SnapLen(), offline: true}, nil
}

// LinkType is the link layer of the captured packets.
func (c *Capture) LinkType() layers.LinkType { return c.link }

// Snaplen is the effective snapshot length.
func (c *Capture) Snaplen() int { return c.snaplen }

// InterfaceNames maps interface indexes of the capture's namespace to
// names, for cooked ("any") captures; nil otherwise.
func (c *Capture) InterfaceNames() map[int]string { return c.ifNames }

// Close releases the socket or handle.
func (c *Capture) Close() { c.src.close() }

// Run reads packets into sink until the count or duration is reached, ctx
// ends (Ctrl-C), or reading fails. Buffered output is flushed whenever
// the kernel has nothing more to hand over, at least every flushEvery
// while it does, and on every way out; closing the sink is the caller's job.
func (c *Capture) Run(ctx context.Context, sink PacketSink) (Summary, error) {
	var sum Summary
	if c.opts.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.Duration)
		defer cancel()
	}
	// Ctrl-C, the duration or the caller's cancel set stopped (checked
	// per packet: an atomic load, where ctx.Err() would take a lock) and
	// wake a wait.
	var stopped atomic.Bool
	stop := context.AfterFunc(ctx, func() {
		stopped.Store(true)
		c.src.interrupt()
	})
	defer stop()
	var lastFlush int64 // UnixNano of the first packet since the last flush; 0: none
	var runErr error
	for (c.opts.Count == 0 || sum.Captured < c.opts.Count) && !stopped.Load() {
		data, ci, err := c.src.next()
		if err != nil {
			if errors.Is(err, errNoPacket) {
				if runErr = sink.Flush(); runErr != nil {
					break
				}
				lastFlush = 0
				if stopped.Load() {
					break
				}
				if err := c.src.wait(); err != nil && !stopped.Load() {
					runErr = fmt.Errorf("read from %s: %w", c.opts.Interface, err)
					break
				}
				continue
			}
			if !errors.Is(err, io.EOF) {
				runErr = fmt.Errorf("read from %s: %w", c.opts.Interface, err)
			}
			break
		}
		if err := sink.WritePacket(ci, data); err != nil {
			runErr = err
			break
		}
		sum.Captured++
		if now := ci.Timestamp.UnixNano(); lastFlush == 0 {
			lastFlush = now
		} else if now-lastFlush > int64(flushEvery) {
			if runErr = sink.Flush(); runErr != nil {
				break
			}
			lastFlush = now
		}
	}
	// Stopped by Ctrl-C or the duration: what the kernel still holds in a
	// block it has not handed over yet arrived before the stop; wait for
	// it (one hand-over at most) and keep it.
	if stopped.Load() && runErr == nil && c.src.settle() {
		for c.opts.Count == 0 || sum.Captured < c.opts.Count {
			data, ci, err := c.src.next()
			if err != nil {
				break
			}
			if runErr = sink.WritePacket(ci, data); runErr != nil {
				break
			}
			sum.Captured++
		}
	}
	if err := sink.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	counters := c.src.counters()
	sum.Received, sum.DroppedKernel, sum.DroppedIface, sum.Offline = counters.Received, counters.DroppedKernel, counters.DroppedIface, c.offline
	return sum, runErr
}

// String prints the summary like tcpdump's last three lines.
func (s Summary) String() string {
	if s.Offline {
		return fmt.Sprintf("%d packets read\n", s.Captured)
	}
	return fmt.Sprintf("%d packets captured\n%d packets received by filter\n%d packets dropped by kernel\n%d packets dropped by interface\n",
		s.Captured, s.Received, s.DroppedKernel, s.DroppedIface)
}

// pcapSource reads through libpcap: a live handle (its read timeout is
// HandOver) or a file.
type pcapSource struct {
	h       *pcap.Handle
	where   string
	offline bool
}

func (s *pcapSource) next() ([]byte, gopacket.CaptureInfo, error) {
	data, ci, err := s.h.ZeroCopyReadPacketData()
	if errors.Is(err, pcap.NextErrorTimeoutExpired) {
		return nil, ci, errNoPacket
	}
	return data, ci, err
}

func (s *pcapSource) wait() error  { return nil }   // the read itself waits
func (s *pcapSource) interrupt()   {}               // a read returns within readTimeout
func (s *pcapSource) settle() bool { return false } // libpcap hands over what it has on its own
func (s *pcapSource) close()       { s.h.Close() }

func (s *pcapSource) counters() Summary {
	if s.offline {
		return Summary{}
	}
	st, err := s.h.Stats()
	if err != nil {
		return Summary{}
	}
	return Summary{Received: st.PacketsReceived, DroppedKernel: st.PacketsDropped, DroppedIface: st.PacketsIfDropped}
}
