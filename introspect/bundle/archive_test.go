package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeArchive writes n entries of size bytes each and the manifest.
func writeArchive(t testing.TB, path string, n, size int) []Loc {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := &archiveWriter{f: f}
	body := samplePage(size)
	var locs []Loc
	for i := range n {
		m, err := member(fmt.Sprintf("%snodes/e%05d.xml", prefix, i), body, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		l, err := w.add(m)
		if err != nil {
			t.Fatal(err)
		}
		locs = append(locs, l)
	}
	if err := w.finish([]byte(`{"schema":"tfkit.bundle/v1"}`)); err != nil {
		t.Fatal(err)
	}
	return locs
}

// TestArchiveIsATarGz: the members read back one by one through the
// manifest's locations, and the whole file is one tar.gz that a standard
// reader (gzip multistream, tar) lists entry by entry, manifest last.
func TestArchiveIsATarGz(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.tar.gz")
	locs := writeArchive(t, path, 5, 3000)
	f, _ := os.Open(path)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
	if len(names) != 6 || names[5] != ManifestName || names[0] != prefix+"nodes/e00000.xml" {
		t.Fatalf("entries: %v", names)
	}
	st, _ := f.Stat()
	r := &archiveReader{f: f, size: st.Size()}
	ml, err := r.manifestLoc()
	if err != nil {
		t.Fatal(err)
	}
	if m, err := r.entry(ml); err != nil || string(m) != `{"schema":"tfkit.bundle/v1"}` {
		t.Fatalf("manifest %q, %v", m, err)
	}
	if b, err := r.entry(locs[3]); err != nil || len(b) != 3000 {
		t.Fatalf("entry 3: %d bytes, %v", len(b), err)
	}
}

// TestOpenRefusesOtherFiles: a plain tar.gz, a truncated bundle and a
// missing file are usage errors naming the file.
func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.tar.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	tw.WriteHeader(&tar.Header{Name: "x", Size: 1, Mode: 0o644})
	tw.Write([]byte("x"))
	tw.Close()
	zw.Close()
	os.WriteFile(plain, buf.Bytes(), 0o644)
	good := filepath.Join(dir, "good.tar.gz")
	writeArchive(t, good, 2, 100)
	data, _ := os.ReadFile(good)
	cut := filepath.Join(dir, "cut.tar.gz")
	os.WriteFile(cut, data[:len(data)-10], 0o644)
	for _, p := range []string{plain, cut, filepath.Join(dir, "missing.tar.gz"), dir} {
		_, err := Open(p)
		if err == nil || ExitCodeOf(err) != 2 {
			t.Errorf("Open(%s): %v", p, err)
		}
	}
}

// BenchmarkWriteMember compresses and appends a 256 kB page (what each
// worker does per page); BenchmarkReadMember reads one back through its
// location.
func BenchmarkWriteMember(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "b.tar.gz"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := &archiveWriter{f: f}
	page := samplePage(256 << 10)
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m, err := member(fmt.Sprintf("%snodes/e%d.xml", prefix, i), page, time.Unix(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.add(m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadMember(b *testing.B) {
	path := filepath.Join(b.TempDir(), "b.tar.gz")
	f, _ := os.Create(path)
	w := &archiveWriter{f: f}
	page := samplePage(256 << 10)
	m, _ := member(prefix+"nodes/e.xml", page, time.Unix(0, 0))
	l, _ := w.add(m)
	w.finish([]byte("{}"))
	f.Close()
	f, _ = os.Open(path)
	defer f.Close()
	st, _ := f.Stat()
	r := &archiveReader{f: f, size: st.Size()}
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.entry(l); err != nil {
			b.Fatal(err)
		}
	}
}

// samplePage is agent route XML of about n bytes (routes differing in
// their address, as a real table does).
func samplePage(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `<RouteUcSandeshData><src_ip type="string" identifier="1">10.47.%d.%d</src_ip><src_plen type="i32" identifier="2">32</src_plen><path_list type="list" identifier="4"><list type="struct" size="1"><PathSandeshData><nh type="struct" identifier="1"><NhSandeshData><type type="string" identifier="1">tunnel</type><dip type="string" identifier="6">127.0.2.%d</dip><nh_index type="i32" identifier="21">%d</nh_index></NhSandeshData></nh><label type="i32" identifier="5">%d</label></PathSandeshData></list></path_list></RouteUcSandeshData>`, i/250, i%250, i%200, i, 16+i%1000)
	}
	return b.Bytes()[:n]
}
