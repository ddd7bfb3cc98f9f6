package xmpp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// keepaliveBytes is U+0200 in UTF-8, Contrail's sXMPP_WHITESPACE keep-alive.
var keepaliveBytes = []byte{0xC8, 0x80}

// maxStanza bounds one stanza so that a peer that never closes a tag cannot
// make us buffer without limit.
const maxStanza = 64 << 20

// frameKind says what the framer cut from the stream.
type frameKind int

const (
	frameHeader    frameKind = iota // <stream:stream ...> (unclosed)
	frameStanza                     // one top-level <iq> or <message>
	frameKeepalive                  // C8 80
	frameClose                      // </stream:stream>
)

// framer cuts Contrail's XMPP byte stream into stream headers, keep-alives
// and top-level stanzas, as xmpp_session.cc does with regular expressions:
// filler (" \t\r\n") is skipped; stanzas are cut by tracking tag depth.
// Attribute values and text in this dialect never hold a raw '>' (the
// encoder escapes it), which is what makes the depth count sound.
type framer struct {
	r *bufio.Reader
}

// framerBuffer is small on purpose: a cluster holds two sessions per
// agent on each side, and long stanzas are simply read in several slices.
const framerBuffer = 8 << 10

func newFramer(r io.Reader) *framer { return &framer{r: bufio.NewReaderSize(r, framerBuffer)} }

var errBadStream = errors.New("xmpp: malformed stream")

// next returns the next frame. For headers and stanzas the bytes are the
// whole element text (valid until the next call only for keep-alives).
func (f *framer) next() (frameKind, []byte, error) {
	for {
		b, err := f.r.ReadByte()
		if err != nil {
			return 0, nil, err
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		case keepaliveBytes[0]:
			c, err := f.r.ReadByte()
			if err != nil {
				return 0, nil, err
			}
			if c != keepaliveBytes[1] {
				return 0, nil, fmt.Errorf("%w: byte %#x after %#x", errBadStream, c, b)
			}
			return frameKeepalive, nil, nil
		case '<':
			return f.element()
		default:
			return 0, nil, fmt.Errorf("%w: unexpected byte %q between stanzas", errBadStream, b)
		}
	}
}

// element reads from just after a '<' at depth 0.
func (f *framer) element() (frameKind, []byte, error) {
	buf := []byte{'<'}
	depth := 0
	for {
		chunk, err := f.r.ReadSlice('>')
		buf = append(buf, chunk...)
		if err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				if len(buf) > maxStanza {
					return 0, nil, fmt.Errorf("%w: stanza larger than %d bytes", errBadStream, maxStanza)
				}
				continue
			}
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, nil, err
		}
		lt := bytes.LastIndexByte(buf, '<')
		tag := buf[lt:]
		switch {
		case bytes.HasPrefix(tag, []byte("<?")), bytes.HasPrefix(tag, []byte("<!")):
			// declaration or comment: no depth change
			if depth == 0 {
				buf = buf[:0]
				if err := f.skipToLT(); err != nil {
					return 0, nil, err
				}
				buf = append(buf, '<')
			}
			continue
		case bytes.HasPrefix(tag, []byte("<stream:stream")) && depth == 0:
			return frameHeader, buf, nil
		case bytes.HasPrefix(tag, []byte("</stream:stream")) && depth == 0:
			return frameClose, buf, nil
		case bytes.HasPrefix(tag, []byte("</")):
			depth--
		case bytes.HasSuffix(tag, []byte("/>")):
			// self-closed: no change
		default:
			depth++
		}
		if depth <= 0 {
			if !bytes.HasPrefix(buf, []byte("<iq")) && !bytes.HasPrefix(buf, []byte("<message")) {
				return 0, nil, fmt.Errorf("%w: unexpected top-level element %.40q", errBadStream, buf)
			}
			return frameStanza, buf, nil
		}
	}
}

// skipToLT skips filler up to and including the next '<'.
func (f *framer) skipToLT() error {
	for {
		b, err := f.r.ReadByte()
		if err != nil {
			return err
		}
		switch b {
		case ' ', '\t', '\r', '\n':
		case '<':
			return nil
		default:
			return fmt.Errorf("%w: unexpected byte %q after declaration", errBadStream, b)
		}
	}
}
