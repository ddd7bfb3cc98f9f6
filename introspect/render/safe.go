package render

import (
	"unicode/utf8"
	"unsafe"
)

// Bytes from a daemon must not drive the terminal: an answer can carry
// ANSI escape sequences (colour, cursor moves, window title, clipboard
// writes), a carriage return that overwrites a line, NUL, or bytes that
// are not UTF-8. Table and text output therefore show them visibly:
//   - C0 control characters except tab and newline, and DEL, become
//     \xHH (\x1b for ESC, \x0d for a carriage return);
//   - C1 control characters (U+0080..U+009F, which some terminals obey
//     like ESC sequences) become \u00HH;
//   - every byte that is not part of valid UTF-8 becomes U+FFFD (�).
// Tab and newline are kept: cells and text blocks are laid out with them,
// as ist.py does. Printable text is unchanged, so normal answers print
// byte for byte like ist.py. Escaping is idempotent. JSON is escaped by
// its own rules (sandesh.AppendJSON) and stays valid JSON.

// Safe returns s with control characters and invalid UTF-8 made visible.
func Safe(s string) string {
	i := unsafeAt(s)
	if i == len(s) {
		return s
	}
	return string(appendSafe(make([]byte, 0, len(s)+16), s[:i], s[i:]))
}

// SafeBytes is Safe for a byte slice; b itself is returned when it needs
// no change.
func SafeBytes(b []byte) []byte {
	s := unsafe.String(unsafe.SliceData(b), len(b))
	i := unsafeAt(s)
	if i == len(s) {
		return b
	}
	return appendSafe(make([]byte, 0, len(b)+16), s[:i], s[i:])
}

// unsafeAt is the offset of the first character Safe changes, or len(s).
func unsafeAt(s string) int {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
			continue
		}
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r < 0xa0 {
			return i
		}
		i += size
	}
	return len(s)
}

// plain8 reports whether the 8 bytes of s are all printable ASCII
// (0x20..0x7e), tested at once in a word: a byte below 0x20 borrows in
// x-0x20 where x had no high bit, a byte of 0x7f or more has the high bit
// in x+1 or x. A false answer only sends the bytes to the byte loop
// (tab and newline among them), so the test need not say which byte.
func plain8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return ((x-0x20*ones)&^x|x|(x+ones))&highs == 0
}

// appendSafe appends clean (already checked) and the escaped form of rest.
func appendSafe(b []byte, clean, rest string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, clean...)
	for i := 0; i < len(rest); {
		c := rest[i]
		switch {
		case c >= 0x20 && c < 0x7f || c == '\t' || c == '\n':
			b = append(b, c)
			i++
		case c < utf8.RuneSelf:
			b = append(b, '\\', 'x', hex[c>>4], hex[c&15])
			i++
		default:
			r, size := utf8.DecodeRuneInString(rest[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = append(b, "\uFFFD"...)
			case r < 0xa0:
				b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&15])
			default:
				b = append(b, rest[i:i+size]...)
			}
			i += size
		}
	}
	return b
}
