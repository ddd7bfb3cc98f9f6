package sandesh

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// hasPrefix agrees with bytes.HasPrefix for every length and every place
// of a difference (the word loads cover the head, the middle and the
// overlapping last word).
func TestHasPrefix(t *testing.T) {
	for n := 0; n <= 40; n++ {
		s := make([]byte, n)
		for i := range s {
			s[i] = byte('a' + i%26)
		}
		for extra := 0; extra <= 9; extra++ {
			b := append(append([]byte{}, s...), bytes.Repeat([]byte{'>'}, extra)...)
			if !hasPrefix(b, string(s)) {
				t.Fatalf("hasPrefix(%q, %q) = false", b, s)
			}
			for i := 0; i < n; i++ {
				c := append([]byte{}, b...)
				c[i] ^= 0x20
				if hasPrefix(c, string(s)) {
					t.Fatalf("hasPrefix(%q, %q) = true", c, s)
				}
			}
		}
		if n > 0 && hasPrefix(s[:n-1], string(s)) {
			t.Fatalf("hasPrefix of a shorter b (%d bytes) = true", n-1)
		}
	}
}

// textEnd finds the first '<' or '&' as a plain loop does, in short and
// long texts (past textInline bytes bytes.IndexByte takes over).
func TestTextEnd(t *testing.T) {
	want := func(b []byte) int {
		for i, c := range b {
			if c == '<' || c == '&' {
				return i
			}
		}
		return -1
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab<&;\x00\x80\xff=")
	for n := 0; n < 3*textInline; n++ {
		for range 40 {
			b := make([]byte, n)
			for i := range b {
				b[i] = 'x'
			}
			// zero, one or two stops at random places, of random kinds
			for range r.IntN(3) {
				if n > 0 {
					b[r.IntN(n)] = alphabet[r.IntN(len(alphabet))]
				}
			}
			if got := textEnd(b); got != want(b) {
				t.Fatalf("textEnd(%q) = %d, want %d", b, got, want(b))
			}
		}
	}
}
