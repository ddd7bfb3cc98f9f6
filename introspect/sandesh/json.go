package sandesh

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends compact JSON for n, typed by the Sandesh type
// attributes:
//
//   - a sandesh element (type="sandesh") or a struct element → object of
//     its fields in document order; the auto field `more` is left out;
//   - an slist wrapper (multi-part answer) → array of its parts' objects;
//   - a field element → its value: bool → true/false; byte, i16…u64, ipv4
//     → number; double → number (nan/inf → string); string, uuid_t,
//     ipaddr, xml → string; struct → object (null when absent);
//     list/set → array; map → object keyed by the key text;
//   - a <list>/<set>/<map> element → array/object; any other leaf → string.
//
// Values that do not parse as their type (e.g. an empty i32) are written as
// strings rather than invented numbers.
func AppendJSON(dst []byte, n *Node) []byte {
	if isContainer(n) {
		if n.Name == "map" {
			return appendJSONMap(dst, n)
		}
		return appendJSONList(dst, n)
	}
	switch n.Type() {
	case "sandesh":
		return appendJSONObject(dst, n)
	case "slist":
		dst = append(dst, '[')
		for i, c := range n.Children {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendJSON(dst, c)
		}
		return append(dst, ']')
	case "":
		if len(n.Children) > 0 {
			return appendJSONObject(dst, n)
		}
		return appendJSONString(dst, n.Text)
	}
	return appendJSONField(dst, n)
}

// appendJSONObject writes the field children of a struct or sandesh.
func appendJSONObject(dst []byte, n *Node) []byte {
	dst = append(dst, '{')
	first := true
	for _, c := range n.Children {
		if c.Name == "more" && c.Attr("identifier") == "0" {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = appendJSONString(dst, c.Name)
		dst = append(dst, ':')
		dst = AppendJSON(dst, c)
	}
	return append(dst, '}')
}

// appendJSONField writes the value of a field element.
func appendJSONField(dst []byte, n *Node) []byte {
	switch t := n.Type(); t {
	case "struct":
		if len(n.Children) == 0 {
			return append(dst, "null"...)
		}
		return appendJSONObject(dst, n.Children[0])
	case "list", "set", "map":
		if len(n.Children) == 0 {
			if t == "map" {
				return append(dst, "{}"...)
			}
			return append(dst, "[]"...)
		}
		return AppendJSON(dst, n.Children[0])
	default:
		return appendJSONScalar(dst, t, n)
	}
}

// appendJSONScalar writes leaf text typed by the wire type; items of
// containers (structs, nested containers) are handled too.
func appendJSONScalar(dst []byte, wire string, n *Node) []byte {
	if isContainer(n) {
		return AppendJSON(dst, n)
	}
	if len(n.Children) > 0 {
		return appendJSONObject(dst, n) // a struct item, or a field of unknown type
	}
	if wire == "struct" {
		return append(dst, "{}"...) // an empty struct item
	}
	s := n.Text
	switch wire {
	case "bool":
		switch s {
		case "true":
			return append(dst, "true"...)
		case "false":
			return append(dst, "false"...)
		}
	case "byte", "i16", "i32", "i64", "u16", "u32", "u64", "ipv4":
		if isJSONInt(s) {
			return append(dst, s...)
		}
	case "double":
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return strconv.AppendFloat(dst, f, 'g', -1, 64)
		}
	}
	return appendJSONString(dst, s)
}

func appendJSONList(dst []byte, l *Node) []byte {
	wire := l.Attr("type")
	dst = append(dst, '[')
	for i, it := range l.Children {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONScalar(dst, wire, it)
	}
	return append(dst, ']')
}

func appendJSONMap(dst []byte, m *Node) []byte {
	vwire := m.Attr("value")
	dst = append(dst, '{')
	for i := 0; i+1 < len(m.Children); i += 2 {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, m.Children[i].Text)
		dst = append(dst, ':')
		dst = appendJSONScalar(dst, vwire, m.Children[i+1])
	}
	return append(dst, '}')
}

// isContainer reports whether n is a <list>, <set> or <map> element
// (they carry a size attribute, field elements do not).
func isContainer(n *Node) bool {
	return (n.Name == "list" || n.Name == "set" || n.Name == "map") && n.Attr("size") != ""
}

// isJSONInt reports whether s is an integer in JSON number syntax.
func isJSONInt(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string; invalid UTF-8 becomes U+FFFD,
// and every control character (C0, DEL, C1) is escaped, so that JSON shown
// on a terminal cannot drive it either.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x7f {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r >= 0xa0 && (r != utf8.RuneError || size != 1) {
				i += size
				continue
			}
			dst = append(dst, s[last:i]...)
			if size == 1 {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xF])
			}
			i += size
			last = i
			continue
		}
		dst = append(dst, s[last:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		last = i
	}
	dst = append(dst, s[last:]...)
	return append(dst, '"')
}
