package render

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// cellWidth is PrettyTable's _str_block_width: wcwidth.wcswidth of the text
// with ANSI colour sequences removed. Like wcswidth it is -1 when the text
// holds a C0/C1 control character (a tab, say); PrettyTable then never
// wraps that line and pads it one space too far. We keep that on purpose:
// the goal is the same bytes as ist.py.
func cellWidth(s string) int {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		return len(s)
	}
	n := 0
	for i := 0; i < len(s); {
		if k := ansiLen(s[i:]); k > 0 {
			i += k
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		w := runeWidth(r)
		if w < 0 {
			return -1
		}
		n += w
	}
	return n
}

// ansiLen is the length of the colour sequence (`ESC [ digits/; m` or
// `ESC ( B`) at the start of s, or 0; PrettyTable strips those before
// measuring.
func ansiLen(s string) int {
	if len(s) < 2 || s[0] != 0x1b {
		return 0
	}
	if s[1] == '(' {
		if len(s) >= 3 && s[2] == 'B' {
			return 3
		}
		return 0
	}
	if s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 'm':
			return i + 1
		case c == ';' || (c >= '0' && c <= '9'):
		default:
			return 0
		}
	}
	return 0
}

// runeWidth is wcwidth.wcwidth (python-wcwidth 0.2.x, which PrettyTable
// uses): 0 for NUL, a few format characters and combining marks (Mn, Me);
// -1 for C0/C1 controls; 2 for East Asian Wide and Fullwidth; else 1.
func runeWidth(r rune) int {
	switch {
	case r == 0 || r == 0x034f || (r >= 0x200b && r <= 0x200f) || r == 0x2028 || r == 0x2029 ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2060 && r <= 0x2063):
		return 0
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return -1
	case r < 0x300:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
