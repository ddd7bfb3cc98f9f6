package render

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// plain8 accepts 8 bytes exactly when each is printable ASCII, whatever
// byte stands where (a borrow or carry between bytes must not hide one).
func TestPlain8(t *testing.T) {
	for c := range 256 {
		for pos := range 8 {
			for _, fill := range []byte{' ', '~', 'a'} {
				b := []byte(strings.Repeat(string(fill), 8))
				b[pos] = byte(c)
				if got, want := plain8(string(b)), c >= 0x20 && c <= 0x7e; got != want {
					t.Fatalf("plain8(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// unsafeAt finds the same offset as a byte-by-byte scan, on random text
// mixing printable ASCII, tab, newline, controls, DEL, C1, valid and
// invalid UTF-8.
func TestUnsafeAtRandom(t *testing.T) {
	ref := func(s string) int {
		for i := 0; i < len(s); {
			c := s[i]
			if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if c < utf8.RuneSelf || (r == utf8.RuneError && size == 1) || r < 0xa0 {
				return i
			}
			i += size
		}
		return len(s)
	}
	pieces := []string{"a", "route ", "\t", "\n", "\x1b", "\x7f", "\x00", "\u0085", "é", "日本", "\xff", "\xe6\x97", "~", " "}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(4) > 0 { // mostly clean text, so the word path is taken
				p = pieces[rng.IntN(2)]
			}
			b.WriteString(p)
		}
		if s := b.String(); unsafeAt(s) != ref(s) {
			t.Fatalf("unsafeAt(%q) = %d, want %d", s, unsafeAt(s), ref(s))
		}
	}
}
