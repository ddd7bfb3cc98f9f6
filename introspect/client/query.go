package client

import "strings"

// Arg is one query argument. C++ daemons read arguments by position (spec
// §1.3), so a request's arguments are sent in declaration order, empty
// values included; Python daemons read them by name.
type Arg struct{ Name, Value string }

// Path builds "Snh_<request>[?name=value&…]" with every value
// percent-encoded. With no args the path has no '?'.
func Path(request string, args ...Arg) string {
	var b strings.Builder
	b.WriteString("Snh_")
	b.WriteString(request)
	for i, a := range args {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(a.Name)
		b.WriteByte('=')
		b.WriteString(Escape(a.Value))
	}
	return b.String()
}

// Escape percent-encodes a query value. Unreserved characters and ':' and
// ',' (frequent in fq names and page cookies, meaningless in a query) stay
// as they are; everything else, '|' '&' '#' '+' '%' '=' '/' and spaces
// included, becomes %XX, which both the C++ server (curl_easy_unescape)
// and bottle decode back to the same bytes.
func Escape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !keepInQuery(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keepInQuery(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	return string(b)
}

func keepInQuery(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~', ':', ',':
		return true
	}
	return false
}

// requestName is the request part of a path ("Snh_X?a=b" → "X"), used in
// messages.
func requestName(path string) string {
	p := strings.TrimPrefix(path, "Snh_")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}
