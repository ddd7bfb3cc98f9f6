package sandesh

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"strings"
)

// reply is a complete answer: status line fields, content type and either
// one body (Content-Length) or chunks (Transfer-Encoding: chunked).
type reply struct {
	status int
	ctype  string
	body   []byte
	chunks [][]byte
}

// notFoundBody is the C++ server's 404 body: 45 bytes and a NUL, declared
// as Content-Length 46 (spec §1.5).
const notFoundBody = "<html>\n<title>404 Not Found</title>\n</html>\r\n\x00"

func (s *Server) notFound(path string) reply {
	if s.Python {
		// bottle's default error page
		page := `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">` + "\n<html>\n    <head>\n        <title>Error: 404 Not Found</title>\n    </head>\n    <body>\n        <h1>Error: 404 Not Found</h1>\n        <p>Sorry, the requested URL <tt>&#039;" +
			htmlEscape(path) + "&#039;</tt>\n           caused an error:</p>\n        <pre>Not found: &#039;" + htmlEscape(path) + "&#039;</pre>\n    </body>\n</html>\n"
		return reply{status: 404, ctype: "text/html; charset=UTF-8", body: []byte(page)}
	}
	return reply{status: 404, ctype: "text/html; charset=UTF-8", body: []byte(notFoundBody)}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;").Replace(s)
}

// serveConn answers requests on one connection (HTTP/1.1 keep-alive).
func (s *Server) serveConn(c net.Conn) {
	br := bufio.NewReader(c)
	bw := bufio.NewWriterSize(c, 32<<10)
	for {
		if !s.waitRunning() {
			return
		}
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
		if !s.waitRunning() {
			return
		}
		rep := s.answer(req.URL.Path, req.URL.RawQuery)
		if writeReply(bw, rep) != nil || bw.Flush() != nil {
			return
		}
		if req.Close {
			return
		}
	}
}

// writeReply writes the exact C++ framing (spec §1.4): header order
// Content-Type then Content-Length / Transfer-Encoding, no Date.
func writeReply(w *bufio.Writer, r reply) error {
	fmt.Fprintf(w, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n", r.status, http.StatusText(r.status), r.ctype)
	if r.chunks == nil {
		fmt.Fprintf(w, "Content-Length: %d\r\n\r\n", len(r.body))
		_, err := w.Write(r.body)
		return err
	}
	w.WriteString("Transfer-Encoding: chunked\r\n\r\n")
	for _, ch := range r.chunks {
		fmt.Fprintf(w, "%x\r\n", len(ch))
		w.Write(ch)
		w.WriteString("\r\n")
	}
	_, err := w.WriteString("0\r\n\r\n")
	return err
}

// answer routes one request path.
func (s *Server) answer(path, rawQuery string) reply {
	switch {
	case path == "/" || path == "/index.html":
		return reply{status: 200, ctype: "text/html", body: s.indexPage()}
	case strings.HasPrefix(path, "/Snh_"):
		s.mu.Lock()
		e := s.reqs[path[len("/Snh_"):]]
		s.mu.Unlock()
		if e == nil {
			return s.notFound(path)
		}
		return s.runRequest(e, rawQuery)
	case strings.HasSuffix(path, ".xml") && strings.Count(path, "/") == 1:
		if page := s.modulePage(path[1 : len(path)-len(".xml")]); page != nil {
			return reply{status: 200, ctype: "text/xml", body: page}
		}
	}
	return s.notFound(path)
}

// runRequest decodes the query into a fresh request and frames the parts.
func (s *Server) runRequest(e *reqEntry, rawQuery string) reply {
	rv := reflect.New(e.typ)
	if d, ok := rv.Interface().(Defaulter); ok {
		d.SetDefaults()
	}
	if s.Python {
		if msg := decodeByName(rawQuery, rv.Elem(), e.plan); msg != "" {
			return reply{status: 200, ctype: "text/html", body: []byte("<h3>" + msg + "</h3>")}
		}
	} else {
		decodePositional(rawQuery, rv.Elem(), e.plan)
	}
	parts, err := callHandler(e, rv)
	if err != nil {
		return reply{status: 500, ctype: "text/plain", body: []byte(err.Error() + "\n")}
	}
	return s.frame(parts)
}

// callHandler runs a handler, turning a panic (in the handler or from a
// type that cannot be encoded) or an empty answer into an error: a refnode
// bug is answered with a 500 naming it instead of taking the whole
// in-process cluster down or leaving the client hanging.
func callHandler(e *reqEntry, rv reflect.Value) (parts []Part, err error) {
	defer func() {
		if r := recover(); r != nil {
			if ee, ok := r.(encodeError); ok {
				err = ee.err
				return
			}
			err = fmt.Errorf("sandesh: handler for %s panicked: %v", e.name, r)
		}
	}()
	raw := e.call(rv)
	if len(raw) == 0 {
		return nil, fmt.Errorf("sandesh: handler for %s returned no parts", e.name)
	}
	parts = make([]Part, len(raw))
	for i, p := range raw {
		parts[i] = AsPart(p)
		parts[i].Name() // fails early (panics) on a bad type
	}
	return parts, nil
}

// frame builds the HTTP answer for parts: C++ single part with
// Content-Length, C++ multi-part chunked (prefix+wrapper start, one chunk
// per part, wrapper end), or the Python single body.
func (s *Server) frame(parts []Part) reply {
	if s.Python {
		for i, p := range parts {
			if pp, ok := p.(part); ok && pp.kind == kindResponse {
				pp.kind = kindPlain // pysandesh leaves `more` unset
				parts[i] = pp
			}
		}
		anys := make([]any, len(parts))
		for i, p := range parts {
			anys[i] = p
		}
		return reply{status: 200, ctype: "text/xsl", body: AppendParts(nil, anys...)}
	}
	if len(parts) == 1 {
		body := append([]byte(XMLPrefix), parts[0].AppendTo(nil, false)...)
		return reply{status: 200, ctype: "text/xml", body: body}
	}
	first := parts[0].Name()
	chunks := make([][]byte, 0, len(parts)+2)
	chunks = append(chunks, []byte(XMLPrefix+"<__"+first+`_list type="slist">`))
	for i, p := range parts {
		chunks = append(chunks, p.AppendTo(nil, i < len(parts)-1))
	}
	chunks = append(chunks, []byte("</__"+first+"_list>"))
	return reply{status: 200, ctype: "text/xml", chunks: chunks}
}

// indexPage is the / page: one link per module page (spec §1.2).
func (s *Server) indexPage() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<html>\n<head>\n<title>%s</title>\n</head>\n<body>\n<h1>Modules for %s</h1>\n", s.Module, s.Module)
	for _, m := range s.moduleNames() {
		if s.Python {
			fmt.Fprintf(&b, "<a href=\"%s.xml\">%s</a><br/>\n", m, m)
		} else {
			fmt.Fprintf(&b, "<a href=\"%s.xml\">%s.xml</a><br/>\n", m, m)
		}
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes()
}

// modulePage is the /<module>.xml request list (spec §1.7), or nil.
func (s *Server) modulePage(module string) []byte {
	s.mu.Lock()
	reqs := s.modules[module]
	s.mu.Unlock()
	if reqs == nil {
		return nil
	}
	b := []byte(XMLPrefix + "\n<" + module + ` type="rlist">` + "\n")
	for _, e := range reqs {
		b = append(b, "<"+e.name+` type="sandesh">`+"\n"...)
		b = appendFormFields(b, e.plan)
		b = append(b, "</"+e.name+">\n"...)
	}
	return append(b, "</"+module+">\n"...)
}

// appendFormFields writes `<f type="T">0</f>` per field; structs nest,
// lists and maps are left out.
func appendFormFields(b []byte, sp *structPlan) []byte {
	for _, f := range sp.fields {
		v := f.val
		for v.ptr != nil {
			v = v.ptr
		}
		switch v.kind {
		case reflect.Slice, reflect.Array, reflect.Map:
			continue
		case reflect.Struct:
			b = append(b, "<"+f.name+` type="struct"><`+v.st.name+">"...)
			b = appendFormFields(b, v.st)
			b = append(b, "</"+v.st.name+"></"+f.name+">"...)
			continue
		}
		b = append(b, "<"+f.name+` type="`+v.wire+`">0</`+f.name+">"...)
	}
	return b
}

// Query answers target ("/Snh_ItfReq?x=..", "/", "/agent.xml") without a
// network round trip: status, content type and the (de-chunked) body.
// Handy in tests of code that consumes introspect answers.
func (s *Server) Query(target string) (status int, contentType string, body []byte) {
	path, raw, _ := strings.Cut(target, "?")
	r := s.answer(path, raw)
	if r.chunks != nil {
		return r.status, r.ctype, bytes.Join(r.chunks, nil)
	}
	return r.status, r.ctype, r.body
}
