//go:build 386 || amd64 || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x

package sandesh

import "unsafe"

// The words at p+i (the caller knows they are in bounds), one load each:
// these platforms load from any address. (checkptr allows unaligned
// pointers to types without pointers.)

func load64(p unsafe.Pointer, i int) uint64 { return *(*uint64)(unsafe.Add(p, i)) }

func load32(p unsafe.Pointer, i int) uint32 { return *(*uint32)(unsafe.Add(p, i)) }
