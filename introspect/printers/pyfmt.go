package printers

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// ptimeLayout reads the control node's Boost ptime text
// ("2020-Aug-17 02:35:10.123456"); Go accepts the fraction with or without
// digits, where ist.py's strptime crashes without them.
const ptimeLayout = "2006-Jan-02 15:04:05"

func parsePtime(s string) (time.Time, bool) {
	t, err := time.Parse(ptimeLayout, s)
	return t, err == nil
}

// pyTimedelta is str(datetime.timedelta): "[-]D day[s], H:MM:SS[.ffffff]",
// here with the comma removed as ist.py does.
func pyTimedelta(d time.Duration) string {
	us := d.Microseconds()
	const day = int64(86400e6)
	days := us / day
	rem := us % day
	if rem < 0 {
		rem += day
		days--
	}
	secs, frac := rem/1e6, rem%1e6
	b := make([]byte, 0, 32)
	if days != 0 {
		b = strconv.AppendInt(b, days, 10)
		if days == 1 || days == -1 {
			b = append(b, " day "...)
		} else {
			b = append(b, " days "...)
		}
	}
	b = strconv.AppendInt(b, secs/3600, 10)
	b = append(b, ':', byte('0'+secs/60%60/10), byte('0'+secs/60%10), ':', byte('0'+secs%60/10), byte('0'+secs%10))
	if frac != 0 {
		b = append(b, '.')
		for d := int64(100000); d > 0; d /= 10 {
			b = append(b, byte('0'+frac/d%10))
		}
	}
	return string(b)
}

// age is ist.py's str(now - strptime(text)) with commas removed; text that
// is not a time gives "None".
func age(now time.Time, text string) (string, time.Duration, bool) {
	t, ok := parsePtime(text)
	if !ok {
		return "None", 0, false
	}
	d := now.Sub(t)
	return pyTimedelta(d), d, true
}

// ager is age with a memory of the last text: routes learned together
// carry the same last_modified.
type ager struct {
	now       time.Time
	text, age string
	d         time.Duration
	ok        bool
}

func (a *ager) of(text string) (string, time.Duration, bool) {
	if text != a.text || a.age == "" {
		a.text = text
		a.age, a.d, a.ok = age(a.now, text)
	}
	return a.age, a.d, a.ok
}

// pyText is Python's str() of an lxml element's .text: "None" when empty.
func pyText(n *sandesh.Node) string {
	if n == nil || n.Text == "" {
		return "None"
	}
	return n.Text
}

// childText is pyText of the first child called name.
func childText(n *sandesh.Node, name string) string { return pyText(n.Child(name)) }

// pyListRepr is str() of a Python list of strings: ['gre', 'udp'].
func pyListRepr(items []string) string { return string(appendPyListRepr(nil, items)) }

// appendPyListRepr appends pyListRepr(items) to b.
func appendPyListRepr(b []byte, items []string) []byte {
	b = append(b, '[')
	for i, s := range items {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendPyRepr(b, s)
	}
	return append(b, ']')
}

// appendListRepr appends pyListRepr(listTexts(n, field)) to b without
// allocating for short lists (the route printers call it per path).
func appendListRepr(b []byte, n *sandesh.Node, field string) []byte {
	var buf [8]string
	return appendPyListRepr(b, appendListTexts(buf[:0], n, field))
}

// appendPyRepr appends repr() of a Python 3 str to b.
func appendPyRepr(b []byte, s string) []byte {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	if plainRepr(s, q) {
		b = append(b, q)
		b = append(b, s...)
		return append(b, q)
	}
	b = append(b, q)
	for _, r := range s {
		switch {
		case r == '\\':
			b = append(b, `\\`...)
		case r == rune(q):
			b = append(b, '\\', q)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20 || r == 0x7f:
			b = fmt.Appendf(b, `\x%02x`, r)
		case r > 0x7f && !unicode.IsPrint(r):
			switch {
			case r <= 0xff:
				b = fmt.Appendf(b, `\x%02x`, r)
			case r <= 0xffff:
				b = fmt.Appendf(b, `\u%04x`, r)
			default:
				b = fmt.Appendf(b, `\U%08x`, r)
			}
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, q)
}

// plainRepr reports whether repr(s) is s between quotes q: printable
// ASCII without a backslash or q.
func plainRepr(s string, q byte) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '\\' || c == q {
			return false
		}
	}
	return true
}

// appendListTexts appends xpath "<field>/list/element/text()" to out: the
// non-empty texts of the items of a list field.
func appendListTexts(out []string, n *sandesh.Node, field string) []string {
	for _, f := range n.Children {
		if f.Name == field {
			out = appendFieldTexts(out, f)
		}
	}
	return out
}

// appendFieldTexts appends the non-empty texts of the items of one list
// field node f ("list/element/text()").
func appendFieldTexts(out []string, f *sandesh.Node) []string {
	for _, l := range f.Children {
		if l.Name != "list" {
			continue
		}
		for _, e := range l.Children {
			if e.Name == "element" && e.Text != "" {
				out = append(out, e.Text)
			}
		}
	}
	return out
}
