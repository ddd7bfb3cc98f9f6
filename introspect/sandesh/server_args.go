package sandesh

import (
	"math"
	"net/netip"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// decodePositional applies a query the C++ way (spec §1.3): non-empty
// '&'-separated tokens go to the fields in declaration order, the name
// before '=' is ignored, a missing value keeps the default, strings are
// curl-unescaped, numbers and bools go through strtoul.
func decodePositional(raw string, rv reflect.Value, sp *structPlan) {
	var tokens []string
	for _, t := range strings.Split(raw, "&") {
		if t != "" {
			tokens = append(tokens, t)
		}
	}
	for i, f := range sp.fields {
		if i >= len(tokens) {
			break
		}
		_, val, ok := strings.Cut(tokens[i], "=")
		if !ok {
			continue
		}
		if j := strings.IndexByte(val, '='); j >= 0 {
			val = val[:j] // text after a second '=' is lost
		}
		if val == "" {
			continue
		}
		setPositional(rv.Field(f.index), f.val, val)
	}
}

func setPositional(v reflect.Value, p *valPlan, val string) {
	if p.ptr != nil {
		if v.IsNil() {
			v.Set(reflect.New(p.ptr.typ))
		}
		setPositional(v.Elem(), p.ptr, val)
		return
	}
	switch p.kind {
	case reflect.String:
		v.SetString(normalizeText(p.wire, curlUnescape(val)))
	case reflect.Bool:
		v.SetBool(strtoul(val) != 0)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		v.SetInt(int64(strtoul(val))) // wraps: "-1" gives -1
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(strtoul(val))
	case reflect.Float32, reflect.Float64:
		f, _ := strconv.ParseFloat(curlUnescape(val), 64)
		v.SetFloat(f)
	}
	// structs, lists and maps cannot be set from a query
}

// normalizeText applies the C++ parse of ipaddr and uuid_t arguments:
// invalid text becomes the unspecified address / nil uuid.
func normalizeText(wire, s string) string {
	switch wire {
	case "ipaddr":
		a, err := netip.ParseAddr(s)
		if err != nil {
			return "0.0.0.0"
		}
		return a.String()
	case "uuid_t":
		if u, ok := parseUUID(s); ok {
			return u
		}
		return "00000000-0000-0000-0000-000000000000"
	}
	return s
}

// parseUUID accepts the 8-4-4-4-12 hex form and returns it lower-cased.
func parseUUID(s string) (string, bool) {
	if len(s) != 36 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return "", false
			}
			continue
		}
		if !isHex(c) {
			return "", false
		}
	}
	return strings.ToLower(s), true
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// curlUnescape decodes %XX sequences only ('+' stays '+'), like
// curl_easy_unescape.
func curlUnescape(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// strtoul is C strtoul(s, NULL, 10): leading space, optional sign, digits
// up to the first non-digit; no digits gives 0, overflow gives ULONG_MAX,
// a '-' negates in unsigned arithmetic.
func strtoul(s string) uint64 {
	i := 0
	for i < len(s) && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var v uint64
	over := false
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		d := uint64(s[i] - '0')
		if v > (math.MaxUint64-d)/10 {
			over = true
		}
		v = v*10 + d
	}
	if over {
		return math.MaxUint64
	}
	if neg {
		return -v
	}
	return v
}

// decodeByName applies a query the pysandesh way: each field by its own
// name, the field with the lowest identifier also as x. It returns the
// pysandesh error text for a bad value, "" when all is well.
func decodeByName(raw string, rv reflect.Value, sp *structPlan) string {
	q, _ := url.ParseQuery(raw)
	var lowest *fieldPlan
	for _, f := range sp.fields {
		if lowest == nil || f.id < lowest.id {
			lowest = f
		}
	}
	for _, f := range sp.fields {
		vals, ok := q[f.name]
		if !ok && f == lowest {
			vals, ok = q["x"]
		}
		if !ok || len(vals) == 0 {
			continue
		}
		if msg := setByName(rv.Field(f.index), f.val, f.name, vals[0]); msg != "" {
			return msg
		}
	}
	return ""
}

func setByName(v reflect.Value, p *valPlan, name, val string) string {
	if p.ptr != nil {
		if v.IsNil() {
			v.Set(reflect.New(p.ptr.typ))
		}
		return setByName(v.Elem(), p.ptr, name, val)
	}
	bad := "Invalid data provided in Sandesh Request"
	switch p.kind {
	case reflect.String:
		switch p.wire {
		case "ipaddr":
			a, err := netip.ParseAddr(val)
			if err != nil {
				return "Invalid value for " + name + ":" + val
			}
			val = a.String()
		case "uuid_t":
			u, ok := parseUUID(val)
			if !ok {
				return "Invalid value for " + name + ":" + val
			}
			val = u
		}
		v.SetString(val)
	case reflect.Bool:
		switch strings.TrimSpace(val) {
		case "1", "true", "True":
			v.SetBool(true)
		case "0", "false", "False", "":
			v.SetBool(false)
		default:
			return bad
		}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		i, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
		if err != nil {
			return bad
		}
		v.SetInt(i)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		i, err := strconv.ParseUint(strings.TrimSpace(val), 10, 64)
		if err != nil {
			return bad
		}
		v.SetUint(i)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return bad
		}
		v.SetFloat(f)
	}
	return ""
}
