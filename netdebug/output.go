package netdebug

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/tfkit/tfkit/netdebug/decode"
)

// OpenSink picks the output of a capture from -w: "" decoded lines on
// stdout, "-" a pcap stream on stdout (for wireshark -k -i -), anything
// else a pcap file (PcapFile). finish ends the output; call it on every
// way out, the capture's summary comes after it.
func OpenSink(write string, stdout io.Writer, capt *Capture, o decode.Options) (sink PacketSink, finish func() error, err error) {
	switch write {
	case "":
		if o.IfNames == nil {
			o.IfNames = capt.InterfaceNames()
		}
		return NewTextSink(stdout, capt.LinkType(), o), func() error { return nil }, nil
	case "-":
		s, err := NewPcapSink(stdout, capt.Snaplen(), capt.LinkType())
		if err == nil {
			err = s.Flush() // Wireshark starts on the header
		}
		return s, func() error { return nil }, err
	}
	f, err := CreatePcapFile(write, capt.Snaplen(), capt.LinkType())
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// Progress counts packets for the once-a-second "Got N" line that a
// capture writing to a file shows on a terminal, like tcpdump -w.
type Progress struct {
	PacketSink
	n atomic.Int64
}

// WritePacket counts and passes the packet on.
func (p *Progress) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	p.n.Add(1)
	return p.PacketSink.WritePacket(ci, data)
}

// Show prints the count to w every second until stop is called.
func (p *Progress) Show(w io.Writer) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fmt.Fprintf(w, "\rGot %d", p.n.Load())
			case <-done:
				fmt.Fprintln(w)
				return
			}
		}
	}()
	return func() { close(done); <-exited }
}

// IsTerminal is true for a character device (a tty), not a pipe or file.
func IsTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
