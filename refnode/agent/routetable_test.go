package agent

import (
	"fmt"
	"math/rand"
	"net/netip"
	"slices"
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

// A route with more paths than the two stored inline (a local path and
// three control nodes) keeps them all in the agent's order through
// replaces and deletes, and releases the tunnel NHs with its last path.
func TestRouteTableManyPaths(t *testing.T) {
	tb := buildTables(&Config{Name: "vrouter-1", Address: netip.MustParseAddr("127.0.2.1")})
	v := tb.vrfs[0]
	pfx := netip.MustParsePrefix("10.47.0.9/32")
	attrs := tb.attrs(FabricVN, nil, 100, 0, "MPLSoUDP", "")
	remote := func(peer string, dip string, label int32) path {
		return path{peer: peer, nh: tb.tunnelNH(netip.MustParseAddr(dip), encUDP), label: label, pathAttrs: attrs}
	}
	tb.setPath(v, pfx, remote("127.0.1.3", "127.0.2.9", 30))
	tb.setPath(v, pfx, remote("127.0.1.1", "127.0.2.9", 10))
	tb.setPath(v, pfx, path{peer: PeerLocal, nh: tb.discard, label: -1, pathAttrs: attrs})
	tb.setPath(v, pfx, remote("127.0.1.2", "127.0.2.8", 20))
	tb.setPath(v, pfx, remote("127.0.1.1", "127.0.2.8", 11)) // replaces
	peers := func() (out []string) {
		r := v.route(pfx)
		if r == nil {
			return nil
		}
		for _, p := range r.paths {
			out = append(out, fmt.Sprintf("%s/%d/%s", p.peer, p.label, p.nh.dip))
		}
		return out
	}
	want := []string{"Local/-1/invalid IP", "127.0.1.1/11/127.0.2.8", "127.0.1.2/20/127.0.2.8", "127.0.1.3/30/127.0.2.9"}
	if got := peers(); !slices.Equal(got, want) {
		t.Fatalf("paths %q, want %q", got, want)
	}
	if !tb.delPath(v, pfx, "127.0.1.2") || tb.delPath(v, pfx, "127.0.1.2") {
		t.Fatal("delPath: want true once, then false")
	}
	want = slices.Delete(want, 2, 3)
	if got := peers(); !slices.Equal(got, want) {
		t.Fatalf("after a delete: paths %q, want %q", got, want)
	}
	tb.delPath(v, pfx, PeerLocal)
	if n := tb.delPeer("127.0.1.1") + tb.delPeer("127.0.1.3"); n != 2 || v.route(pfx) != nil {
		t.Fatalf("delPeer removed %d paths, route left: %v", n, peers())
	}
	if tb.tunnels.n != 0 || len(v.routes.more) != 0 {
		t.Fatalf("%d tunnel NHs and %d overflow lists left", tb.tunnels.n, len(v.routes.more))
	}
}
