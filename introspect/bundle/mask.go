package bundle

import (
	"bytes"
	"regexp"
	"sync"

	"github.com/tfkit/tfkit/internal/redact"
)

// Secrets never enter a bundle: URLs, errors and the command line go
// through redact.Text, and every text of a page through redact.Value
// with its element's name: the rule tf-status -f json applies to
// container env, so a <password> element is masked whole and a
// "token=…" inside any text loses its value.

// maskText masks secrets in a URL, error or command line.
func maskText(s string) string { return redact.Text(s) }

// hint finds pages that may hold a secret: a secret name's part, in any
// case. A page without one (most) is kept as it is, unparsed.
var hint = regexp.MustCompile(`(?i)pass|pwd|pw\b|key|secret|token|credential|authoriz|cookie|signature`)

// secretNames caches redact.SecretName per element name (a page repeats
// few names many times).
var secretNames sync.Map

func secretElement(name []byte) bool {
	if v, ok := secretNames.Load(string(name)); ok {
		return v.(bool)
	}
	s := redact.SecretName(string(name))
	secretNames.Store(string(name), s)
	return s
}

// maskBody masks the secrets of a page's XML: the text of each element
// goes through redact.Value(element name, text). Markup is kept byte
// for byte, so a page without secrets replays exactly as it was served.
func maskBody(b []byte) []byte {
	if !hint.Match(b) {
		return b
	}
	var out bytes.Buffer
	var elem []byte // the element whose text follows
	last := 0
	for i := 0; i < len(b); {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		if text := b[i:lt]; len(bytes.TrimSpace(text)) > 0 && elem != nil {
			var masked string
			if secretElement(elem) {
				masked = redact.Mask
			} else if hint.Match(text) {
				masked = redact.Text(string(text))
			} else {
				masked = string(text)
			}
			if masked != string(text) {
				out.Write(b[last:i])
				out.WriteString(masked)
				last = lt
			}
		}
		gt := bytes.IndexByte(b[lt:], '>')
		if gt < 0 {
			break
		}
		gt += lt
		tag := b[lt+1 : gt]
		elem = nil
		if len(tag) > 0 && tag[0] != '/' && tag[0] != '?' && tag[0] != '!' && tag[len(tag)-1] != '/' {
			end := bytes.IndexAny(tag, " \t\r\n")
			if end < 0 {
				end = len(tag)
			}
			elem = tag[:end]
		}
		i = gt + 1
	}
	if last == 0 {
		return b
	}
	out.Write(b[last:])
	return out.Bytes()
}
