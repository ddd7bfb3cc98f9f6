package sandesh

import (
	"encoding/binary"
	"unsafe"
)

// hasPrefix reports whether b begins with s. Every element's tags are
// compared so, against the tags seen before: a word at a time, without
// the call of runtime.memequal (string(b[:len(s)]) == s) and the stack
// traffic around it; most tags are 10 to 45 bytes.
func hasPrefix(b []byte, s string) bool {
	n := len(s)
	if len(b) < n {
		return false
	}
	pb, ps := unsafe.Pointer(unsafe.SliceData(b)), unsafe.Pointer(unsafe.StringData(s))
	if n < 8 {
		if n < 4 {
			return shortPrefix(b, s) // no call to runtime.memequal: no frame here
		}
		return load32(pb, 0) == load32(ps, 0) && load32(pb, n-4) == load32(ps, n-4)
	}
	for i := 0; i < n-8; i += 8 {
		if load64(pb, i) != load64(ps, i) {
			return false
		}
	}
	return load64(pb, n-8) == load64(ps, n-8)
}

// shortPrefix is hasPrefix for an s shorter than a word.
func shortPrefix(b []byte, s string) bool {
	for i := range len(s) {
		if b[i] != s[i] {
			return false
		}
	}
	return true
}

// loadLE64 is the little-endian word at p+i (the caller knows it is in
// bounds): its first byte is the low one, on every platform.
func loadLE64(p unsafe.Pointer, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice((*byte)(unsafe.Add(p, i)), 8))
}
