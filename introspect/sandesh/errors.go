package sandesh

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// SyntaxError is malformed or truncated XML.
type SyntaxError struct {
	Offset int64  // byte offset in the document
	Path   string // open elements, e.g. "<ShowRouteResp><tables>"
	Msg    string
	Err    error // underlying cause (io.ErrUnexpectedEOF, a read error) or nil
}

func (e *SyntaxError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("malformed XML at byte %d: %s", e.Offset, e.Msg)
	}
	return fmt.Sprintf("malformed XML at byte %d in %s: %s", e.Offset, e.Path, e.Msg)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// HTMLError is an HTML body where Sandesh XML was expected: the C++ 404
// page, bottle's error page, or a pysandesh "<h3>…</h3>" message.
type HTMLError struct {
	Text string // the page's visible text, whitespace collapsed, shortened
}

func (e *HTMLError) Error() string {
	return "got an HTML page instead of Sandesh XML: " + strconv.Quote(e.Text)
}

var htmlTags = []string{"html", "head", "body", "title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "pre", "div"}

func isHTMLTag(name []byte) bool {
	for _, t := range htmlTags {
		if bytes.EqualFold(name, []byte(t)) {
			return true
		}
	}
	return false
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

const htmlReadLimit = 64 << 10

// htmlError reads (a bounded part of) the rest of an HTML body and returns
// its visible text as an *HTMLError.
func (p *parser) htmlError() error {
	for p.end-p.pos < htmlReadLimit && p.fill() {
	}
	b := p.buf[p.pos:min(p.end, p.pos+htmlReadLimit)]
	return &HTMLError{Text: htmlText(b)}
}

// htmlText strips tags, style and script blocks and entities from an HTML
// fragment and collapses whitespace.
func htmlText(b []byte) string {
	var out []byte
	for len(b) > 0 {
		lt := bytes.IndexByte(b, '<')
		if lt < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:lt]...)
		b = b[lt:]
		for _, blk := range []string{"style", "script"} {
			if hasPrefixFold(b, "<"+blk) {
				if i := bytes.Index(bytes.ToLower(b), []byte("</"+blk)); i >= 0 {
					b = b[i:]
				}
			}
		}
		gt := bytes.IndexByte(b, '>')
		if gt < 0 {
			break
		}
		out = append(out, ' ')
		b = b[gt+1:]
	}
	s := string(out)
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&apos;", "'", "&#039;", "'", "&#39;", "'", "&nbsp;", " ").Replace(s)
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r <= ' ' }), " ")
	return shorten(s, 200)
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// quoteSnippet quotes the start of b for an error message.
func quoteSnippet(b []byte) string {
	return strconv.Quote(shorten(string(b), 40))
}
