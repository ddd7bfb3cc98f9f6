package render

import (
	"strings"
	"unicode"
)

// This file is Python's textwrap.fill(text, width) with TextWrapper's
// default settings (expand_tabs, replace_whitespace, drop_whitespace,
// break_long_words, break_on_hyphens; no indents, no max_lines), as of
// CPython 3.10+, which is what PrettyTable calls for every cell line wider
// than its column. Lengths are counted in code points, as Python does, not
// in display cells. Go's regexp has no look-around, so TextWrapper.wordsep_re
// is implemented by hand in chunkEnd.

// fill wraps one line (no '\n' inside) to lines of at most width code
// points, joined by '\n'.
func fill(text string, width int) string {
	return strings.Join(wrap(text, width), "\n")
}

// wrap is TextWrapper.wrap: munge whitespace, split into chunks, wrap.
func wrap(text string, width int) []string {
	if width < 1 {
		width = 1 // Python raises ValueError; a column is never that narrow
	}
	t := mungeWhitespace(text)
	var chunks [][]rune
	for i := 0; i < len(t); {
		e := chunkEnd(t, i)
		chunks = append(chunks, t[i:e])
		i = e
	}
	return wrapChunks(chunks, width)
}

// mungeWhitespace is str.expandtabs(8) followed by translating each of
// "\t\n\v\f\r" to a space.
func mungeWhitespace(text string) []rune {
	t := make([]rune, 0, len(text))
	col := 0
	for _, r := range text {
		switch r {
		case '\t':
			for n := 8 - col%8; n > 0; n-- {
				t = append(t, ' ')
			}
			col = 0 // a multiple of 8; only col%8 matters
		case '\n', '\r':
			t = append(t, ' ')
			col = 0
		case '\v', '\f':
			t = append(t, ' ')
			col++
		default:
			t = append(t, r)
			col++
		}
	}
	return t
}

// Character classes of wordsep_re (Python str patterns are Unicode-aware).
func isWS(r rune) bool { return r == ' ' } // only space is left after munging

// isWord is Python's \w: alphanumeric (letters, any number) or '_'.
func isWord(r rune) bool {
	if r < 0x80 {
		return r == '_' || (r >= '0' && r <= '9') || (r|0x20 >= 'a' && r|0x20 <= 'z')
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isLetter is wordsep_re's letter, [^\d\W]: \w minus decimal digits.
func isLetter(r rune) bool {
	if r < 0x80 {
		return r == '_' || (r|0x20 >= 'a' && r|0x20 <= 'z')
	}
	return isWord(r) && !unicode.Is(unicode.Nd, r)
}

// isWordPunct is word_punct, [\w!"'&.,?].
func isWordPunct(r rune) bool {
	switch r {
	case '!', '"', '\'', '&', '.', ',', '?':
		return true
	}
	return isWord(r)
}

// dashRunEnd returns the index after the run of '-' starting at i.
func dashRunEnd(t []rune, i int) int {
	for i < len(t) && t[i] == '-' {
		i++
	}
	return i
}

// emDashAt reports whether -{2,}(?=\w) matches at i.
func emDashAt(t []rune, i int) bool {
	k := dashRunEnd(t, i)
	return k-i >= 2 && k < len(t) && isWord(t[k])
}

// chunkEnd returns where the wordsep_re match starting at i ends. The
// alternatives, tried in order: a run of whitespace; an em-dash (two or
// more '-') after word punctuation and before a word character; the
// shortest run of non-whitespace ending (a) just after a hyphen that
// follows two letters (or letter-hyphen-letter) and precedes letter,
// optional hyphen, letter, (b) before whitespace or the end, or (c) before
// an em-dash that follows word punctuation. Look-behinds may see characters
// of the previous chunk, as in Python.
func chunkEnd(t []rune, i int) int {
	n := len(t)
	if isWS(t[i]) {
		j := i
		for j < n && isWS(t[j]) {
			j++
		}
		return j
	}
	if t[i] == '-' && i > 0 && isWordPunct(t[i-1]) && emDashAt(t, i) {
		return dashRunEnd(t, i)
	}
	for j := i + 1; ; j++ {
		if j == n || isWS(t[j]) {
			return j
		}
		if t[j] != '-' {
			continue
		}
		behind := (j >= 2 && isLetter(t[j-2]) && isLetter(t[j-1])) ||
			(j >= 3 && isLetter(t[j-3]) && t[j-2] == '-' && isLetter(t[j-1]))
		if behind && j+1 < n && isLetter(t[j+1]) &&
			((j+2 < n && isLetter(t[j+2])) || (j+3 < n && t[j+2] == '-' && isLetter(t[j+3]))) {
			return j + 1
		}
		if isWordPunct(t[j-1]) && emDashAt(t, j) {
			return j
		}
	}
}

// isBlank is chunk.strip() == ” (Python's str.isspace set).
func isBlank(c []rune) bool {
	for _, r := range c {
		if !pyIsSpace(r) {
			return false
		}
	}
	return true
}

// wrapChunks is TextWrapper._wrap_chunks for the default settings.
func wrapChunks(chunks [][]rune, width int) []string {
	var lines []string
	var cur [][]rune
	k := 0
	for k < len(chunks) {
		cur = cur[:0]
		curLen := 0
		if len(lines) > 0 && isBlank(chunks[k]) {
			k++ // whitespace at the start of a continuation line is dropped
		}
		for k < len(chunks) && curLen+len(chunks[k]) <= width {
			cur = append(cur, chunks[k])
			curLen += len(chunks[k])
			k++
		}
		if k < len(chunks) && len(chunks[k]) > width {
			// _handle_long_word: cut the word, preferably after a hyphen
			// that is not part of a leading run of hyphens.
			c := chunks[k]
			end := width - curLen
			if h := lastDash(c[:end]); h > 0 && !allDash(c[:h]) {
				end = h + 1
			}
			cur = append(cur, c[:end])
			chunks[k] = c[end:]
			curLen += end
		}
		if len(cur) > 0 && isBlank(cur[len(cur)-1]) {
			curLen -= len(cur[len(cur)-1])
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			var b strings.Builder
			for _, c := range cur {
				for _, r := range c {
					b.WriteRune(r)
				}
			}
			lines = append(lines, b.String())
		}
	}
	return lines
}

func lastDash(c []rune) int {
	for i := len(c) - 1; i >= 0; i-- {
		if c[i] == '-' {
			return i
		}
	}
	return -1
}

func allDash(c []rune) bool {
	for _, r := range c {
		if r != '-' {
			return false
		}
	}
	return true
}
