package netdebug

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// PcapSink writes packets in pcap format to a stream (stdout for Wireshark).
type PcapSink struct {
	buf *bufio.Writer
	w   *pcapgo.Writer
}

// NewPcapSink writes the pcap file header to out at once.
func NewPcapSink(out io.Writer, snaplen int, link layers.LinkType) (*PcapSink, error) {
	buf := bufio.NewWriterSize(out, 256<<10)
	w := pcapgo.NewWriter(buf)
	if err := w.WriteFileHeader(uint32(snaplen), link); err != nil {
		return nil, fmt.Errorf("write pcap header: %w", err)
	}
	return &PcapSink{buf: buf, w: w}, nil
}

// WritePacket appends one record; a record goes out whole or not at all
// because the buffer is only flushed between records.
func (s *PcapSink) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	if err := s.w.WritePacket(ci, data); err != nil {
		return fmt.Errorf("write pcap record: %w", err)
	}
	return nil
}

// Flush pushes complete records to the stream.
func (s *PcapSink) Flush() error {
	if err := s.buf.Flush(); err != nil {
		return fmt.Errorf("write pcap: %w", err)
	}
	return nil
}

// PcapFile is a PcapSink on a temporary file that becomes the named file
// on Close, so a reader never sees a half-written capture under that name.
type PcapFile struct {
	*PcapSink
	f    *os.File
	path string
}

// CreatePcapFile starts a capture file next to path.
func CreatePcapFile(path string, snaplen int, link layers.LinkType) (*PcapFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create capture file for %s: %w", path, err)
	}
	s, err := NewPcapSink(f, snaplen, link)
	if err == nil {
		err = s.Flush()
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &PcapFile{PcapSink: s, f: f, path: path}, nil
}

// Close flushes every complete record and renames the file into place.
// It is called on Ctrl-C and on errors too: what was captured is kept.
func (p *PcapFile) Close() error {
	err := p.Flush()
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p.f.Name())
		return fmt.Errorf("finish %s: %w", p.path, err)
	}
	if err := os.Rename(p.f.Name(), p.path); err != nil {
		os.Remove(p.f.Name())
		return fmt.Errorf("finish %s: %w", p.path, err)
	}
	return nil
}

// TextSink prints one decoded line per packet, like tcpdump -nn.
type TextSink struct {
	buf  *bufio.Writer
	link layers.LinkType
}

// NewTextSink decodes packets of the given link type onto out.
func NewTextSink(out io.Writer, link layers.LinkType) *TextSink {
	return &TextSink{buf: bufio.NewWriter(out), link: link}
}

// WritePacket decodes and prints one packet.
func (s *TextSink) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	pkt := gopacket.NewPacket(data, s.link, gopacket.DecodeOptions{Lazy: true, NoCopy: true})
	if _, err := s.buf.WriteString(FormatPacket(ci, pkt) + "\n"); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// Flush pushes printed lines out.
func (s *TextSink) Flush() error {
	if err := s.buf.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
