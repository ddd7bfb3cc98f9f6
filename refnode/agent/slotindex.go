package agent

import "encoding/binary"

// slotIndex finds an element of a slice by its key: an open-addressing
// hash table of slice indexes with linear probing, the keys kept only in
// the elements (keyAt reads them). A Go map from key to index took about
// 50 bytes an entry in the 980-vRouter run (24-byte slots, tables
// doubling at 7/8 load); this takes 4 bytes a slot at most 3/4 full. The
// agents index their routes (by prefix) and tunnel NHs (by destination
// and encapsulation) with it: 3.9 M entries in that run.
type slotIndex[K hashKey] struct {
	slots []int32 // element index + 1; 0: empty. Length: a power of two.
	n     int
}

// hashKey is a key of 16 bytes of address and two more (prefix length
// or encapsulation, family).
type hashKey interface {
	comparable
	hash() uint64
}

// hash18 mixes 16 address bytes and two more (splitmix64's finalizer).
func hash18(a *[16]byte, b, c uint8) uint64 {
	h := binary.LittleEndian.Uint64(a[:8])*0x9e3779b97f4a7c15 ^ binary.LittleEndian.Uint64(a[8:]) ^
		uint64(b)<<56 ^ uint64(c)<<48
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// find returns the slot holding k, or -1.
func (x *slotIndex[K]) find(keyAt func(int) K, k K) int {
	if len(x.slots) == 0 {
		return -1
	}
	mask := len(x.slots) - 1
	for s := int(k.hash()) & mask; ; s = (s + 1) & mask {
		switch r := x.slots[s]; {
		case r == 0:
			return -1
		case keyAt(int(r-1)) == k:
			return s
		}
	}
}

// get returns the index of k's element.
func (x *slotIndex[K]) get(keyAt func(int) K, k K) (int, bool) {
	s := x.find(keyAt, k)
	if s < 0 {
		return 0, false
	}
	return int(x.slots[s] - 1), true
}

// add indexes element i (its key not indexed yet).
func (x *slotIndex[K]) add(keyAt func(int) K, i int) {
	if (x.n+1)*4 > len(x.slots)*3 {
		old := x.slots
		x.slots = make([]int32, max(8, 2*len(old)))
		for _, r := range old {
			if r != 0 {
				x.place(keyAt, int(r-1))
			}
		}
	}
	x.place(keyAt, i)
	x.n++
}

func (x *slotIndex[K]) place(keyAt func(int) K, i int) {
	mask := len(x.slots) - 1
	s := int(keyAt(i).hash()) & mask
	for x.slots[s] != 0 {
		s = (s + 1) & mask
	}
	x.slots[s] = int32(i + 1)
}

// remove unindexes k, moving later entries of its probe run back so that
// no lookup stops early at the hole (deletion without tombstones).
func (x *slotIndex[K]) remove(keyAt func(int) K, k K) {
	s := x.find(keyAt, k)
	if s < 0 {
		return
	}
	mask := len(x.slots) - 1
	x.slots[s] = 0
	x.n--
	for j := (s + 1) & mask; x.slots[j] != 0; j = (j + 1) & mask {
		home := int(keyAt(int(x.slots[j]-1)).hash()) & mask
		// The entry at j may move to the hole at s unless its home lies
		// cyclically in (s, j].
		if (j > s && (home <= s || home > j)) || (j < s && home <= s && home > j) {
			x.slots[s], x.slots[j] = x.slots[j], 0
			s = j
		}
	}
}

// move makes k, indexed at element from, indexed at element to.
func (x *slotIndex[K]) move(keyAt func(int) K, k K, to int) {
	if s := x.find(keyAt, k); s >= 0 {
		x.slots[s] = int32(to + 1)
	}
}
