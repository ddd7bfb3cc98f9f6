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

// lookupFields are Sandesh fields whose names redact.SecretName reads
// as secret (a KEY, COOKIE or TOKEN word) but that hold lookup keys and
// counters: a flow's key (the agent's flow paging continues from it),
// the NH index of a flow key, the UVE and page keys, the DHCP magic
// cookie, a count of bad XML tokens. Masking them would break replay
// and hide nothing; auth_keys (BGP MD5 keys) stays masked.
var lookupFields = map[string]bool{"flow_key": true, "flow_key_idx": true, "inet_route_flow_mgmt_key": true, "inet_rt_keys": true,
	"key": true, "cookie": true, "bad_inet6_xml_token_count": true}

func secretElement(name []byte) bool {
	if v, ok := secretNames.Load(string(name)); ok {
		return v.(bool)
	}
	s := redact.SecretName(string(name)) && !lookupFields[string(name)]
	secretNames.Store(string(name), s)
	return s
}

// maskBody masks the secrets of a page's XML: the text inside an element
// whose name is secret (at any depth: <auth_keys><list><element>) is
// masked whole, any other text goes through redact.Text. Markup is kept
// byte for byte, so a page without secrets replays exactly as served.
func maskBody(b []byte) []byte {
	if !hint.Match(b) {
		return b
	}
	var out bytes.Buffer
	var open []bool // per open element: is it secret
	secret := 0     // open secret elements
	last := 0
	for i := 0; i < len(b); {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		if text := b[i:lt]; len(open) > 0 && len(bytes.TrimSpace(text)) > 0 {
			masked := string(text)
			switch {
			case secret > 0:
				masked = redact.Mask
			case hint.Match(text):
				masked = redact.Text(masked)
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
		switch {
		case len(tag) == 0 || tag[0] == '?' || tag[0] == '!' || tag[len(tag)-1] == '/':
		case tag[0] == '/':
			if n := len(open); n > 0 {
				if open[n-1] {
					secret--
				}
				open = open[:n-1]
			}
		default:
			end := bytes.IndexAny(tag, " \t\r\n")
			if end < 0 {
				end = len(tag)
			}
			s := secretElement(tag[:end])
			open = append(open, s)
			if s {
				secret++
			}
		}
		i = gt + 1
	}
	if last == 0 {
		return b
	}
	out.Write(b[last:])
	return out.Bytes()
}
