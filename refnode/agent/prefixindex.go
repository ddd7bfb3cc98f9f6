package agent

import "encoding/binary"

// prefixIndex finds a VRF's route record by prefix: an open-addressing
// hash table of record indexes with linear probing. A Go map from prefix
// key to index took 50 bytes a route in the 980-vRouter run (24-byte
// slots, tables doubling at 7/8 load); this takes 4 bytes a slot and
// keeps the keys only in the records.
type prefixIndex struct {
	slots []int32 // record index + 1; 0: empty. Length: a power of two.
	n     int
}

// hash mixes a prefix key (splitmix64's finalizer over its two halves).
func (k *pfxKey) hash() uint64 {
	h := binary.LittleEndian.Uint64(k.addr[:8])*0x9e3779b97f4a7c15 ^ binary.LittleEndian.Uint64(k.addr[8:]) ^
		uint64(k.bits)<<56 ^ uint64(k.fam)<<48
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// find returns the slot holding k's record, or -1.
func (x *prefixIndex) find(recs []routeRec, k *pfxKey) int {
	if len(x.slots) == 0 {
		return -1
	}
	mask := len(x.slots) - 1
	for s := int(k.hash()) & mask; ; s = (s + 1) & mask {
		switch r := x.slots[s]; {
		case r == 0:
			return -1
		case recs[r-1].key == *k:
			return s
		}
	}
}

// get returns the index of k's record.
func (x *prefixIndex) get(recs []routeRec, k *pfxKey) (int, bool) {
	s := x.find(recs, k)
	if s < 0 {
		return 0, false
	}
	return int(x.slots[s] - 1), true
}

// add indexes recs[i] (its key not indexed yet).
func (x *prefixIndex) add(recs []routeRec, i int) {
	if (x.n+1)*4 > len(x.slots)*3 {
		x.grow(recs)
	}
	x.place(recs, i)
	x.n++
}

func (x *prefixIndex) place(recs []routeRec, i int) {
	mask := len(x.slots) - 1
	s := int(recs[i].key.hash()) & mask
	for x.slots[s] != 0 {
		s = (s + 1) & mask
	}
	x.slots[s] = int32(i + 1)
}

func (x *prefixIndex) grow(recs []routeRec) {
	size := max(8, 2*len(x.slots))
	old := x.slots
	x.slots = make([]int32, size)
	for _, r := range old {
		if r != 0 {
			x.place(recs, int(r-1))
		}
	}
}

// drop removes slot s, moving later entries of its probe run back so
// that no lookup stops early at the hole (deletion without tombstones).
func (x *prefixIndex) drop(recs []routeRec, s int) {
	mask := len(x.slots) - 1
	x.slots[s] = 0
	x.n--
	for j := (s + 1) & mask; x.slots[j] != 0; j = (j + 1) & mask {
		home := int(recs[x.slots[j]-1].key.hash()) & mask
		// The entry at j may move to the hole at s unless its home lies
		// cyclically in (s, j].
		if (j > s && (home <= s || home > j)) || (j < s && home <= s && home > j) {
			x.slots[s], x.slots[j] = x.slots[j], 0
			s = j
		}
	}
}
