package netdebug

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/tfkit/tfkit/netdebug/decode"
)

// PcapSink writes packets in pcap format (microsecond timestamps, like
// tcpdump -w) to a stream or file through one buffer: a record is its
// 16-byte header and the packet appended to the buffer, no allocation, no
// call per layer; the buffer goes out when full and whenever the capture
// flushes.
type PcapSink struct {
	out io.Writer
	buf []byte
}

// pcapBuffer is how many bytes of records are gathered per write.
const pcapBuffer = 256 << 10

// NewPcapSink starts the stream with the pcap file header (written by
// gopacket's pcapgo; flushed with the first Flush).
func NewPcapSink(out io.Writer, snaplen int, link layers.LinkType) (*PcapSink, error) {
	s := &PcapSink{out: out, buf: make([]byte, 0, pcapBuffer+DefaultSnaplen+16)}
	if err := pcapgo.NewWriter(s).WriteFileHeader(uint32(snaplen), link); err != nil {
		return nil, fmt.Errorf("write pcap header: %w", err)
	}
	return s, nil
}

// Write appends raw bytes (the file header) to the buffer.
func (s *PcapSink) Write(p []byte) (int, error) {
	s.buf = append(s.buf, p...)
	return len(p), nil
}

// WritePacket appends one record.
func (s *PcapSink) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	n := len(s.buf)
	s.buf = append(s.buf, make([]byte, 16)...)[:n+16] // no allocation: capacity is there
	h := s.buf[n:]
	binary.LittleEndian.PutUint32(h[0:], uint32(ci.Timestamp.Unix()))
	binary.LittleEndian.PutUint32(h[4:], uint32(ci.Timestamp.Nanosecond()/1000))
	binary.LittleEndian.PutUint32(h[8:], uint32(len(data)))
	binary.LittleEndian.PutUint32(h[12:], uint32(max(ci.Length, len(data))))
	s.buf = append(s.buf, data...)
	if len(s.buf) >= pcapBuffer {
		return s.Flush()
	}
	return nil
}

// Flush writes the buffered records out; only whole records are ever
// buffered, so a stream cut after a flush ends on a record boundary.
func (s *PcapSink) Flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	_, err := s.out.Write(s.buf)
	s.buf = s.buf[:0]
	if err != nil {
		return fmt.Errorf("write pcap: %w", err)
	}
	return nil
}

// PcapFile is a PcapSink on a file written under its final name from the
// start, like tcpdump -w: the header goes out first, records follow as
// the capture flushes them, and the file is synced to disk every
// syncEvery. A capture killed with SIGKILL (or a machine that crashes)
// leaves a readable file with what was captured up to the last flush
// (at most one partial record at the end, which pcap readers skip);
// SIGINT, SIGTERM and SIGHUP end it cleanly.
type PcapFile struct {
	*PcapSink
	f      *os.File
	path   string
	stop   chan struct{}
	synced sync.WaitGroup
}

// syncEvery is how often a capture file is fsynced while it grows. What
// was written survives a killed tf-capture without it (the page cache
// keeps it); fsync is for a machine that crashes, and each one costs the
// capture the disk work, so it is not frequent.
const syncEvery = 5 * time.Second

// CheckWritePath refuses a -w target that cannot become a capture file
// (a directory, a missing directory), before anything is captured.
func CheckWritePath(path string) error {
	if path == "-" {
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("-w %s is a directory: give a file name, e.g. %s", path, filepath.Join(path, "capture.pcap"))
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("-w %s: directory %s: %v", path, dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("-w %s: %s is not a directory", path, dir)
	}
	return nil
}

// CreatePcapFile creates (or truncates) path with mode 0644 minus the
// umask and writes the pcap header to it at once.
func CreatePcapFile(path string, snaplen int, link layers.LinkType) (*PcapFile, error) {
	if err := CheckWritePath(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create capture file: %w", err)
	}
	s, err := NewPcapSink(f, snaplen, link)
	if err == nil {
		err = s.Flush()
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p := &PcapFile{PcapSink: s, f: f, path: path, stop: make(chan struct{})}
	p.synced.Add(1)
	go p.syncLoop()
	return p, nil
}

// syncLoop fsyncs the file while the capture writes to it; fsync runs
// beside the writes, so a slow disk does not hold up the capture.
func (p *PcapFile) syncLoop() {
	defer p.synced.Done()
	t := time.NewTicker(syncEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.f.Sync()
		case <-p.stop:
			return
		}
	}
}

// Close flushes every buffered record and closes the file. It is called
// on Ctrl-C, SIGHUP and errors too: what was captured is kept. No fsync
// here, as with tcpdump: the data is safe from anything but a machine
// crash in the next seconds, and an fsync at the end would cost every
// short capture a disk round trip (bench/capture.sh: 4-5 ms of CPU).
func (p *PcapFile) Close() error {
	close(p.stop)
	p.synced.Wait()
	err := p.Flush()
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("finish %s: %w", p.path, err)
	}
	return nil
}

// TextSink prints one decoded line per packet (netdebug/decode), like
// tcpdump -n, into a buffer that goes out when it is full and whenever
// the capture flushes.
type TextSink struct {
	out io.Writer
	p   *decode.Printer
	buf []byte
}

// textBuffer is how much decoded text is gathered per write.
const textBuffer = 64 << 10

// NewTextSink decodes packets of the given link type onto out.
func NewTextSink(out io.Writer, link layers.LinkType, o decode.Options) *TextSink {
	return &TextSink{out: out, p: decode.NewPrinter(link, o), buf: make([]byte, 0, textBuffer+1024)}
}

// WritePacket decodes and prints one packet.
func (s *TextSink) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	s.buf = s.p.AppendPacket(s.buf, ci, data)
	s.buf = append(s.buf, '\n')
	if len(s.buf) >= textBuffer {
		return s.Flush()
	}
	return nil
}

// Flush pushes printed lines out.
func (s *TextSink) Flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	_, err := s.out.Write(s.buf)
	s.buf = s.buf[:0]
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
