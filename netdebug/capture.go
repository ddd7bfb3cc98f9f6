package netdebug

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"
	"time"

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
	BufferMiB int           // kernel ring size; 0 = libpcap default
	// Immediate hands each packet over as it arrives (for printed lines and
	// live streams); off, the kernel fills ring blocks first, which costs
	// one wake-up per block instead of one per packet (for -w files).
	Immediate bool
}

// DefaultSnaplen keeps whole packets, like tcpdump.
const DefaultSnaplen = 262144

// readTimeout bounds how long a read blocks, so the loop sees Ctrl-C and
// the --duration deadline while the link is quiet.
const readTimeout = 100 * time.Millisecond

// flushEvery bounds how long a decoded line or pcap record may sit in a
// buffer when traffic trickles in.
const flushEvery = 200 * time.Millisecond

// Capture is an open pcap handle, bound to the namespace it was opened in,
// or a pcap file being read.
type Capture struct {
	handle  *pcap.Handle
	opts    CaptureOptions
	offline bool
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

// OpenCapture opens the interface inside the namespace. The handle's socket
// is created while the thread is in the namespace and stays there.
func OpenCapture(o CaptureOptions) (*Capture, error) {
	if o.Interface == "" {
		o.Interface = "eth0"
	}
	if o.Snaplen <= 0 {
		o.Snaplen = DefaultSnaplen
	}
	var h *pcap.Handle
	open := func() error {
		if o.Interface != "any" {
			if err := interfaceExists(o.Interface); err != nil {
				return err
			}
		}
		var err error
		if h, err = activate(o); err != nil {
			return err
		}
		// Compiled here: libpcap looks the interface's netmask up by
		// name, which must be the namespace's interface, not the host's.
		if err := setFilter(h, o.Filter); err != nil {
			h.Close()
			return err
		}
		return nil
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
	return &Capture{handle: h, opts: o}, nil
}

func activate(o CaptureOptions) (*pcap.Handle, error) {
	in, err := pcap.NewInactiveHandle(o.Interface)
	if err != nil {
		return nil, fmt.Errorf("open %s: %v", o.Interface, err)
	}
	defer in.CleanUp()
	_ = in.SetSnapLen(o.Snaplen)
	_ = in.SetPromisc(o.Promisc)
	_ = in.SetTimeout(readTimeout)
	_ = in.SetImmediateMode(o.Immediate)
	if o.BufferMiB > 0 {
		_ = in.SetBufferSize(o.BufferMiB << 20)
	}
	h, err := in.Activate()
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "perm") || strings.Contains(msg, "Operation not permitted") {
			return nil, fmt.Errorf("open %s: %v: capturing needs root or CAP_NET_RAW", o.Interface, err)
		}
		return nil, fmt.Errorf("open %s: %v", o.Interface, err)
	}
	return h, nil
}

// setFilter applies a tcpdump-syntax filter ("" = none).
func setFilter(h *pcap.Handle, filter string) error {
	if filter == "" {
		return nil
	}
	if err := h.SetBPFFilter(filter); err != nil {
		return fmt.Errorf("bad BPF filter %q: %v: use tcpdump filter syntax, e.g. 'udp port 6635'", filter, err)
	}
	return nil
}

// interfaceExists checks the name in the current namespace and lists the
// interfaces that do exist when it is wrong.
func interfaceExists(name string) error {
	if _, err := net.InterfaceByName(name); err == nil {
		return nil
	}
	ifs, err := net.Interfaces()
	if err != nil {
		return fmt.Errorf("no interface %s: %v", name, err)
	}
	names := make([]string, 0, len(ifs))
	for _, i := range ifs {
		names = append(names, i.Name)
	}
	sort.Strings(names)
	return fmt.Errorf("no interface %s in the namespace: use -i with one of: any, %s", name, strings.Join(names, ", "))
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
	return &Capture{handle: h, opts: CaptureOptions{Interface: path, Count: count}, offline: true}, nil
}

// LinkType is the link layer of the captured packets.
func (c *Capture) LinkType() layers.LinkType { return c.handle.LinkType() }

// Snaplen is the effective snapshot length.
func (c *Capture) Snaplen() int { return c.handle.SnapLen() }

// Close releases the handle.
func (c *Capture) Close() { c.handle.Close() }

// Run reads packets into sink until the count or duration is reached, ctx
// ends (Ctrl-C), or reading fails. The sink is flushed on every way out;
// closing it is the caller's job.
func (c *Capture) Run(ctx context.Context, sink PacketSink) (Summary, error) {
	var sum Summary
	if c.opts.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.Duration)
		defer cancel()
	}
	lastFlush := time.Now()
	var runErr error
	for c.opts.Count == 0 || sum.Captured < c.opts.Count {
		if ctx.Err() != nil {
			break
		}
		data, ci, err := c.handle.ZeroCopyReadPacketData()
		if err != nil {
			if errors.Is(err, pcap.NextErrorTimeoutExpired) {
				if err := sink.Flush(); err != nil {
					runErr = err
					break
				}
				lastFlush = time.Now()
				continue
			}
			if c.offline && errors.Is(err, io.EOF) {
				break
			}
			runErr = fmt.Errorf("read from %s: %w", c.opts.Interface, err)
			break
		}
		if err := sink.WritePacket(ci, data); err != nil {
			runErr = err
			break
		}
		sum.Captured++
		if now := ci.Timestamp; now.Sub(lastFlush) > flushEvery {
			if err := sink.Flush(); err != nil {
				runErr = err
				break
			}
			lastFlush = now
		}
	}
	if err := sink.Flush(); err != nil && runErr == nil {
		runErr = err
	}
	sum.Offline = c.offline
	if st, err := c.handle.Stats(); err == nil && !c.offline {
		sum.Received = st.PacketsReceived
		sum.DroppedKernel = st.PacketsDropped
		sum.DroppedIface = st.PacketsIfDropped
	}
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
