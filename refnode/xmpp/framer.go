package xmpp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
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
// filler (" \t\r\n") is skipped; a stanza is cut at its own end tag.
// Every agent reads every route of the cluster through a framer, so the
// end is found by a fast search over the buffered bytes, not tag by tag.
// That is sound for this dialect: a top-level <iq> or <message> never
// holds another element of its own name, and attribute values and text
// never hold a raw '<' or '>' (the encoder escapes them).
type framer struct {
	r   *bufio.Reader
	buf []byte // the last stanza; back to stanzaPool on the next call
}

// framerBuffer is small on purpose: a cluster holds two sessions per
// agent on each side, and long stanzas are simply read in several slices.
const framerBuffer = 8 << 10

// stanzaPool holds stanza buffers between frames, so that the thousands of
// idle sessions of a large cluster hold none and a busy one does not grow
// a new buffer for every message.
var stanzaPool = sync.Pool{New: func() any { return new([]byte) }}

func newFramer(r io.Reader) *framer { return newFramerSize(r, 0) }

// newFramerSize reads through a buffer of size bytes (0 = framerBuffer).
func newFramerSize(r io.Reader, size int) *framer {
	if size <= 0 {
		size = framerBuffer
	}
	return &framer{r: bufio.NewReaderSize(r, size)}
}

var errBadStream = errors.New("xmpp: malformed stream")

// next returns the next frame. For headers and stanzas the bytes are the
// whole element text, valid until the next call (callers copy what they
// keep).
func (f *framer) next() (frameKind, []byte, error) {
	if f.buf != nil {
		b := f.buf[:0]
		f.buf = nil
		stanzaPool.Put(&b)
	}
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
			k, el, err := f.element()
			if err == errSkipped {
				continue
			}
			return k, el, err
		default:
			return 0, nil, fmt.Errorf("%w: unexpected byte %q between stanzas", errBadStream, b)
		}
	}
}

// errSkipped: element read a declaration or comment between stanzas.
var errSkipped = errors.New("skipped")

// element reads from just after a '<' at depth 0.
func (f *framer) element() (frameKind, []byte, error) {
	f.buf = (*stanzaPool.Get().(*[]byte))[:0]
	f.buf = append(f.buf, '<')
	if err := f.readThrough('>'); err != nil {
		return 0, nil, err
	}
	tag := f.buf
	switch {
	case bytes.HasPrefix(tag, []byte("<?")), bytes.HasPrefix(tag, []byte("<!")):
		return 0, nil, errSkipped // declaration or comment
	case bytes.HasPrefix(tag, []byte("<stream:stream")):
		return frameHeader, tag, nil
	case bytes.HasPrefix(tag, []byte("</stream:stream")):
		return frameClose, tag, nil
	}
	name := tag[1:]
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	var end endTag
	switch string(name) {
	case "iq":
		end = endIQ
	case "message":
		end = endMessage
	default:
		return 0, nil, fmt.Errorf("%w: unexpected top-level element %.40q", errBadStream, tag)
	}
	if bytes.HasSuffix(tag, []byte("/>")) {
		return frameStanza, tag, nil
	}
	if err := f.readThroughTag(end); err != nil {
		return 0, nil, err
	}
	return frameStanza, f.buf, nil
}

// endTag is the start of a top-level end tag ("</message") and the part
// of it searched for first: a byte that is rare in the stanza's body, so
// the search skips long runs at once. XML has a '<' every 16 bytes or so,
// and a search led by '<' stopped at each (a fifth of the 980 run's CPU
// went to framing); a route item has a 'g' every 250 bytes.
type endTag struct {
	full []byte
	off  int // the searched part is full[off:]
}

var (
	endIQ      = endTag{[]byte("</iq"), 2}
	endMessage = endTag{[]byte("</message"), 7} // "ge"
)

// index returns where the first end tag in p starts, or -1.
func (e endTag) index(p []byte) int {
	key := e.full[e.off:]
	for j := 0; ; {
		i := bytes.Index(p[j:], key)
		if i < 0 {
			return -1
		}
		start := j + i - e.off
		if start >= 0 && bytes.Equal(p[start:start+len(e.full)], e.full) {
			return start
		}
		j += i + 1
	}
}

// readThrough appends the stream up to and including the next delim.
func (f *framer) readThrough(delim byte) error {
	for {
		chunk, err := f.r.ReadSlice(delim)
		f.buf = append(f.buf, chunk...)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, bufio.ErrBufferFull):
			if len(f.buf) > maxStanza {
				return fmt.Errorf("%w: stanza larger than %d bytes", errBadStream, maxStanza)
			}
		case err == io.EOF:
			return io.ErrUnexpectedEOF
		default:
			return err
		}
	}
}

// readThroughTag appends the stream up to and including the end tag that
// starts with end ("</message"), searching the buffered bytes at once.
func (f *framer) readThroughTag(tag endTag) error {
	end := tag.full
	for {
		p, _ := f.r.Peek(f.r.Buffered())
		if i := tag.index(p); i >= 0 {
			f.buf = append(f.buf, p[:i+len(end)]...)
			_, _ = f.r.Discard(i + len(end))
			// What follows the name decides: '>' (or filler, then '>')
			// ends the element; anything else was a longer name.
			rest := len(f.buf)
			if err := f.readThrough('>'); err != nil {
				return err
			}
			if len(bytes.TrimSpace(f.buf[rest:len(f.buf)-1])) == 0 {
				return nil
			}
			continue
		}
		// Keep a tail that may be the start of the end tag.
		n := max(len(p)-(len(end)-1), 0)
		f.buf = append(f.buf, p[:n]...)
		_, _ = f.r.Discard(n)
		if len(f.buf) > maxStanza {
			return fmt.Errorf("%w: stanza larger than %d bytes", errBadStream, maxStanza)
		}
		// Wait for more bytes than the kept tail.
		if _, err := f.r.Peek(len(p) - n + 1); err != nil {
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return err
		}
	}
}
