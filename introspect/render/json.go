package render

import (
	"strconv"
	"unicode/utf8"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// JSON output is one array with one record object per line. A record
// object has the record's fields (or the selected columns, a missing one
// as null) in order, `more` left out, and with ShowHost a leading "host".
// Values follow the Sandesh wire types (spec §2.3–2.5): numbers and bools
// as JSON numbers and booleans when their text is one, structs as objects,
// lists and sets as arrays, maps as objects keyed by the key text, all
// else as strings.

func appendJSONRecords(b []byte, recs []Record, opt Options) []byte {
	b = append(b, '[')
	var cols []string
	if len(recs) > 0 && len(opt.Columns) > 0 {
		cols = opt.Columns
	}
	for i, r := range recs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, '{')
		first := true
		key := func(k string) {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendJSONString(b, k)
			b = append(b, ':')
		}
		if opt.ShowHost {
			key("host")
			b = appendJSONString(b, r.Host)
		}
		if cols != nil {
			for _, c := range cols {
				key(c)
				if f := findPath(r.Node, c); f != nil {
					b = appendFieldJSON(b, f)
				} else {
					b = append(b, "null"...)
				}
			}
		} else {
			for _, f := range r.Node.Children {
				if f.Name == "more" {
					continue
				}
				key(f.Name)
				b = appendFieldJSON(b, f)
			}
		}
		b = append(b, '}')
	}
	if len(recs) > 0 {
		b = append(b, '\n')
	}
	return append(b, "]\n"...)
}

// appendFieldJSON writes the value of a field element (one with a type
// attribute), or of an untyped element: an object of its children when it
// has any, else its text.
func appendFieldJSON(b []byte, f *sandesh.Node) []byte {
	switch t := f.Type(); t {
	case "struct":
		if len(f.Children) == 1 {
			return appendObjectJSON(b, f.Children[0])
		}
		return appendObjectJSON(b, f)
	case "list", "set", "map":
		if len(f.Children) == 1 {
			return appendContainerJSON(b, f.Children[0])
		}
		return append(b, "null"...)
	case "":
		if len(f.Children) > 0 {
			return appendObjectJSON(b, f)
		}
		return appendJSONString(b, f.Text)
	default:
		return appendScalarJSON(b, t, f.Text)
	}
}

// appendObjectJSON writes a struct element as an object of its fields.
func appendObjectJSON(b []byte, s *sandesh.Node) []byte {
	b = append(b, '{')
	n := 0
	for _, f := range s.Children {
		if f.Name == "more" {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = appendJSONString(b, f.Name)
		b = append(b, ':')
		b = appendFieldJSON(b, f)
	}
	return append(b, '}')
}

// appendContainerJSON writes a <list>/<set> as an array and a <map> as an
// object; items are <element> scalars of the container's type, bare
// structs, or nested containers.
func appendContainerJSON(b []byte, c *sandesh.Node) []byte {
	if c.Name == "map" {
		b = append(b, '{')
		for i := 0; i+1 < len(c.Children); i += 2 {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, c.Children[i].Text)
			b = append(b, ':')
			b = appendItemJSON(b, c.Attr("value"), c.Children[i+1])
		}
		return append(b, '}')
	}
	b = append(b, '[')
	for i, it := range c.Children {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendItemJSON(b, c.Attr("type"), it)
	}
	return append(b, ']')
}

func appendItemJSON(b []byte, typ string, it *sandesh.Node) []byte {
	switch it.Name {
	case "element":
		return appendScalarJSON(b, typ, it.Text)
	case "list", "set", "map":
		return appendContainerJSON(b, it)
	}
	return appendObjectJSON(b, it)
}

func appendScalarJSON(b []byte, typ, text string) []byte {
	switch typ {
	case "bool":
		if text == "true" || text == "false" {
			return append(b, text...)
		}
	case "byte", "i16", "i32", "i64", "u16", "u32", "u64", "double":
		if isJSONNumber(text) {
			return append(b, text...)
		}
	}
	return appendJSONString(b, text)
}

// isJSONNumber checks s against JSON's number grammar.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// appendJSONString writes s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			b = append(b, `\u00`...)
			b = strconv.AppendUint(append(b, "0123456789abcdef"[c>>4]), uint64(c&0xf), 16)
		}
		i++
	}
	return append(b, '"')
}
