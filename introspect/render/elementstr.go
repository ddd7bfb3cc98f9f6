package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// ElementToStr renders n the way ist.py's Introspect.elementToStr does
// (spec §6.3): `more` renders as nothing; an <element> with text is
// indent+text; another element with text is indent+"tag: text" (text lines
// after the first indented under the value); an element without text
// prints its tag (the <list> wrapper excepted) and its children two spaces
// deeper, unless it is an empty list field. Every line ends in '\n'.
func ElementToStr(indent string, n *sandesh.Node) string {
	return string(appendElement(nil, indent, 0, n))
}

// ElementText is ist.py's elementToStr with an empty indent, rstripped: the form its
// printers put in cells and lines (Python's rstrip: all trailing
// whitespace, not only spaces and newlines).
func ElementText(n *sandesh.Node) string {
	return rstrip(string(appendElement(nil, "", 0, n)))
}

// appendElement appends ElementToStr(indent + 2*depth spaces, n) to b;
// passing the depth avoids building an indent string per level.
func appendElement(b []byte, indent string, depth int, n *sandesh.Node) []byte {
	if n.Name == "more" {
		return b
	}
	if n.Text != "" {
		b = appendIndent(b, indent, depth)
		if n.Name == "element" {
			b = append(b, n.Text...)
			return append(b, '\n')
		}
		b = append(b, n.Name...)
		b = append(b, ": "...)
		text := n.Text
		for {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				break
			}
			b = append(b, text[:i+1]...)
			b = appendIndent(b, indent, depth)
			b = appendSpaces(b, utf8.RuneCountInString(n.Name)+2)
			text = text[i+1:]
		}
		b = append(b, text...)
		return append(b, '\n')
	}
	if n.Name != "list" {
		b = appendIndent(b, indent, depth)
		b = append(b, n.Name...)
		b = append(b, '\n')
	}
	// An empty list field shows only its name. (ist.py crashes on a list
	// field without the <list> child, or one without size; we print the
	// children, if any.)
	if n.Type() == "list" && len(n.Children) > 0 && n.Children[0].Attr("size") == "0" {
		return b
	}
	for _, c := range n.Children {
		b = appendElement(b, indent, depth+1, c)
	}
	return b
}

func appendIndent(b []byte, indent string, depth int) []byte {
	b = append(b, indent...)
	return appendSpaces(b, 2*depth)
}

const spaces = "                                                                "

func appendSpaces(b []byte, n int) []byte {
	for n > len(spaces) {
		b = append(b, spaces...)
		n -= len(spaces)
	}
	return append(b, spaces[:n]...)
}

// rstrip is Python's str.rstrip(): trailing characters for which
// str.isspace() is true.
func rstrip(s string) string { return strings.TrimRightFunc(s, pyIsSpace) }

// pyIsSpace is str.isspace for one character: Go's unicode.IsSpace plus
// the ASCII separators U+001C..U+001F, which Python counts as whitespace.
func pyIsSpace(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) }
