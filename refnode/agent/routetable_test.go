package agent

import (
	"math/rand"
	"net/netip"
	"testing"
)

// The route index agrees with a Go map through random adds and removes
// (removes shift probe runs back and move the last record): every
// present prefix is found at its own record, no absent one is found.
func TestRouteIndexAgreesWithMap(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	// A small pool: long probe runs, wrapping ones, re-adds after removes.
	var pool []netip.Prefix
	for i := range 300 {
		a := netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 1})
		pool = append(pool, netip.PrefixFrom(a, 32), netip.PrefixFrom(a, 24))
		pool = append(pool, netip.PrefixFrom(netip.AddrFrom16([16]byte{0xfd, 15: byte(i)}), 128))
	}
	var rt routeTable
	want := map[netip.Prefix]bool{}
	for op := range 20000 {
		p := pool[rng.Intn(len(pool))]
		k := keyOfPrefix(p)
		i, found := rt.get(k)
		if found != want[p] {
			t.Fatalf("op %d: %s found=%v, want %v", op, p, found, want[p])
		}
		if found {
			if rt.recs[i].key.prefix() != p {
				t.Fatalf("op %d: %s found at the record of %s", op, p, rt.recs[i].key.prefix())
			}
			rt.remove(i)
			delete(want, p)
		} else {
			rt.recs = append(rt.recs, routeRec{key: k})
			rt.idx.add(rt.keyAt, len(rt.recs)-1)
			want[p] = true
		}
		if rt.len() != len(want) || rt.idx.n != len(want) {
			t.Fatalf("op %d: %d records, %d indexed, want %d", op, rt.len(), rt.idx.n, len(want))
		}
	}
	for p := range want {
		k := keyOfPrefix(p)
		if i, ok := rt.get(k); !ok || rt.recs[i].key != k {
			t.Fatalf("%s lost at the end", p)
		}
	}
}

// Keys give back the prefixes they were made of, v4, v6 /128 and invalid.
func TestPrefixKeyRoundTrip(t *testing.T) {
	for _, s := range []string{"10.1.2.3/32", "0.0.0.0/0", "fd00::3/128", "::/0", "::ffff:10.0.0.1/128"} {
		p := netip.MustParsePrefix(s)
		if got := keyOfPrefix(p).prefix(); got != p {
			t.Errorf("%s came back as %s", p, got)
		}
	}
	if got := keyOfPrefix(netip.Prefix{}).prefix(); got.IsValid() {
		t.Errorf("the invalid prefix came back as %s", got)
	}
}
