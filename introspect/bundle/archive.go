package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// The file is a tar.gz that `tar xzf` unpacks, written so that tfkit
// can read one entry without the others: every tar entry is a gzip
// member of its own (gzip allows members one after the other; the
// stream decompresses to one tar), so entries are compressed in
// parallel by the workers that fetched them, and the manifest lists
// where each member starts and how long it is. The last member holds
// the tar's end (two zero blocks) and, in its gzip header's extra field
// (subfield "TK"), the offset and length of the manifest's member: its
// size is fixed, so a reader finds the manifest from the end of the
// file.

// Loc is where one entry's gzip member lies in the file.
type Loc struct {
	Offset int64 `json:"offset"`
	Length int64 `json:"length"`
}

// zwriters reuse gzip writers: a compressor's state is about a megabyte
// to allocate and clear, and a bundle of a thousand nodes has tens of
// thousands of pages, most of them small. Large pages at level 6: on a
// control node's route table it writes a third of what BestSpeed writes,
// at over 200 MB/s (a 2.3 MB ShowRouteReq page: 29 kB in 10 ms,
// BestSpeed 86 kB in 5 ms); small ones at BestSpeed, whose reset costs
// less than level 6's tables.
var zwriters = [2]sync.Pool{
	{New: func() any { zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed); return zw }},
	{New: func() any { zw, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression); return zw }},
}

// largePage is the size from which a page is compressed at level 6.
const largePage = 32 << 10

// member compresses one tar entry (header, data, padding) into a gzip
// member.
func member(name string, data []byte, mtime time.Time) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(data)/4 + 1024)
	pool := &zwriters[0]
	if len(data) >= largePage {
		pool = &zwriters[1]
	}
	zw := pool.Get().(*gzip.Writer)
	defer pool.Put(zw)
	zw.Reset(&out)
	tw := tar.NewWriter(zw)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: mtime, Typeflag: tar.TypeReg, Format: tar.FormatPAX}); err != nil {
		return nil, err
	}
	if _, err := tw.Write(data); err != nil {
		return nil, err
	}
	if err := tw.Flush(); err != nil { // pads to the block; no end-of-archive (that is the trailer's)
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

const trailerID = "TK"

// trailer is the last member: the tar's two zero blocks, and the
// manifest's Loc in the extra field (fixed width, so the member's size
// is the same for every file).
func trailer(manifest Loc) []byte {
	extra := []byte(trailerID + "\x20\x00" + fmt.Sprintf("%016x%016x", manifest.Offset, manifest.Length))
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	zw.Header.Extra = extra
	zw.Write(make([]byte, 1024))
	zw.Close()
	return out.Bytes()
}

var trailerSize = int64(len(trailer(Loc{})))

// archiveWriter appends members to the file, one at a time, and counts
// what it wrote.
type archiveWriter struct {
	mu  sync.Mutex
	f   *os.File
	off int64
	err error
}

// add appends a compressed member and returns where it lies.
func (w *archiveWriter) add(m []byte) (Loc, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return Loc{}, w.err
	}
	if _, err := w.f.Write(m); err != nil {
		w.err = err
		return Loc{}, err
	}
	l := Loc{Offset: w.off, Length: int64(len(m))}
	w.off += int64(len(m))
	return l, nil
}

// size is the bytes written so far.
func (w *archiveWriter) size() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.off
}

// finish writes the manifest member and the trailer.
func (w *archiveWriter) finish(manifest []byte) error {
	m, err := member(ManifestName, manifest, time.Now())
	if err != nil {
		return err
	}
	loc, err := w.add(m)
	if err != nil {
		return err
	}
	_, err = w.add(trailer(loc))
	return err
}

// archiveReader reads members of a bundle file.
type archiveReader struct {
	f    *os.File
	size int64
}

// errNotBundle says a file is not a bundle written by ist bundle.
var errNotBundle = errors.New("not a bundle written by ist bundle (no tfkit trailer at its end)")

// manifestLoc reads the trailer.
func (r *archiveReader) manifestLoc() (Loc, error) {
	if r.size < trailerSize {
		return Loc{}, errNotBundle
	}
	zr, err := gzip.NewReader(io.NewSectionReader(r.f, r.size-trailerSize, trailerSize))
	if err != nil {
		return Loc{}, errNotBundle
	}
	x := zr.Header.Extra
	if len(x) != 36 || string(x[:2]) != trailerID {
		return Loc{}, errNotBundle
	}
	var b [16]byte
	if _, err := hex.Decode(b[:], x[4:]); err != nil {
		return Loc{}, errNotBundle
	}
	var l Loc
	for i := range 8 {
		l.Offset = l.Offset<<8 | int64(b[i])
		l.Length = l.Length<<8 | int64(b[8+i])
	}
	if l.Offset < 0 || l.Length <= 0 || l.Offset+l.Length > r.size-trailerSize {
		return Loc{}, errNotBundle
	}
	return l, nil
}

// open streams the data of one member's entry and tells its size.
func (r *archiveReader) open(l Loc) (io.Reader, int64, error) {
	if l.Offset < 0 || l.Length <= 0 || l.Offset+l.Length > r.size {
		return nil, 0, fmt.Errorf("entry at %d+%d lies outside the file (%d bytes)", l.Offset, l.Length, r.size)
	}
	zr, err := gzip.NewReader(io.NewSectionReader(r.f, l.Offset, l.Length))
	if err != nil {
		return nil, 0, err
	}
	zr.Multistream(false)
	tr := tar.NewReader(zr)
	h, err := tr.Next()
	if err != nil {
		return nil, 0, err
	}
	if h.Size > maxEntry {
		return nil, 0, fmt.Errorf("entry %s is %d bytes, more than a bundle entry may hold", h.Name, h.Size)
	}
	return tr, h.Size, nil
}

// entry reads the data of one member's entry whole.
func (r *archiveReader) entry(l Loc) ([]byte, error) {
	rd, size, err := r.open(l)
	if err != nil {
		return nil, err
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(rd, b); err != nil {
		return nil, err
	}
	return b, nil
}

// maxEntry bounds one entry read into memory (a page of introspect).
const maxEntry = 1 << 30
