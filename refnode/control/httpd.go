package control

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// This file is the HTTP framing of contrail-control's introspect: C++
// positional query arguments and single/multi-part XML answers (spec
// §1.3–§1.5). It stands in until introspect/sandesh grows its own server.

// handlerFunc answers one request from its positional string arguments
// with one or more response parts.
type handlerFunc func(args []string) []any

// positionalArgs splits a raw query the way the C++ RequestFromHttp does:
// tokens split on '&' (empty ones dropped), the name before '=' ignored,
// the value up to a second '=' percent-decoded (%XX only; '+' stays).
func positionalArgs(rawQuery string) []string {
	var out []string
	for _, tok := range strings.Split(rawQuery, "&") {
		if tok == "" {
			continue
		}
		_, v, ok := strings.Cut(tok, "=")
		if !ok {
			out = append(out, "")
			continue
		}
		if i := strings.IndexByte(v, '='); i >= 0 {
			v = v[:i]
		}
		out = append(out, percentDecode(v))
	}
	return out
}

func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// argBool is strtoul(value) != 0, as the C++ parser reads a bool.
func argBool(args []string, i int) bool { return argUint(args, i) != 0 }

func argUint(args []string, i int) uint64 {
	s := arg(args, i)
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	v, _ := strconv.ParseUint(s[:end], 10, 64)
	return v
}

// notFound is the C++ server's 404 (spec §1.5), NUL byte included.
const notFoundBody = "<html>\n<title>404 Not Found</title>\n</html>\r\n\x00"

// Handler serves /Snh_<Request> for this node's introspect.
func (n *Node) Handler() http.Handler {
	routes := n.introspectRoutes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !n.waitRunning(r.Context()) {
			return
		}
		name, ok := strings.CutPrefix(r.URL.Path, "/Snh_")
		h := routes[name]
		if !ok || h == nil {
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.Header().Set("Content-Length", strconv.Itoa(len(notFoundBody)))
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(notFoundBody))
			return
		}
		body, err := sandesh.MarshalParts(h(positionalArgs(r.URL.RawQuery))...)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	})
}
