//go:build !(386 || amd64 || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x)

package sandesh

import (
	"encoding/binary"
	"unsafe"
)

// The words at p+i (the caller knows they are in bounds), from their
// bytes: these platforms may not load a word from any address.

func load64(p unsafe.Pointer, i int) uint64 {
	return binary.NativeEndian.Uint64(unsafe.Slice((*byte)(unsafe.Add(p, i)), 8))
}

func load32(p unsafe.Pointer, i int) uint32 {
	return binary.NativeEndian.Uint32(unsafe.Slice((*byte)(unsafe.Add(p, i)), 4))
}
