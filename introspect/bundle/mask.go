package bundle

import (
	"bytes"

	"github.com/tfkit/tfkit/internal/redact"
)

// Secrets never enter a bundle: URLs, errors and the command line go
// through redact.Text, and every text of a page through redact.Value
// with its element's name: the rule tf-status -f json applies to
// container env, so a <password> element is masked whole and a
// "token=…" inside any text loses its value.

// maskText masks secrets in a URL, error or command line.
func maskText(s string) string { return redact.Text(s) }

// hints are the parts of the names redact.SecretName calls secret
// (PASSWORD, PWD, PW, KEY, SECRET, TOKEN, CREDENTIAL, AUTHORIZATION,
// COOKIE, SIGNATURE, …), lower case: a text without one of them, in any
// case, holds no secret for redact.Text, and a page without one is kept
// as it is, unparsed. A byte scan: pages are hundreds of MB per bundle.
var hints = []string{"pass", "pw", "key", "secret", "token", "credential", "authoriz", "cookie", "signature"}

// hintsAt lists, by a byte in either case, the hints starting with it.
var hintsAt = func() (t [256][]string) {
	for _, h := range hints {
		t[h[0]] = append(t[h[0]], h)
		t[h[0]-'a'+'A'] = append(t[h[0]-'a'+'A'], h)
	}
	return t
}()

// mayHoldSecret reports whether b holds a hint, in any case.
func mayHoldSecret(b []byte) bool {
	for i, c := range b {
		for _, h := range hintsAt[c] {
			if hasFold(b[i:], h) {
				return true
			}
		}
	}
	return false
}

// hasFold reports whether b starts with lower-case ASCII h, in any case.
func hasFold(b []byte, h string) bool {
	if len(b) < len(h) {
		return false
	}
	for j := 1; j < len(h); j++ {
		if b[j]|0x20 != h[j] {
			return false
		}
	}
	return true
}

// lookupFields are Sandesh fields whose names redact.SecretName reads
// as secret (a KEY, COOKIE or TOKEN word) but that hold lookup keys and
// counters: a flow's key (the agent's flow paging continues from it),
// the NH index of a flow key, the UVE and page keys, the DHCP magic
// cookie, a count of bad XML tokens. Masking them would break replay
// and hide nothing; auth_keys (BGP MD5 keys) stays masked.
var lookupFields = map[string]bool{"flow_key": true, "flow_key_idx": true, "inet_route_flow_mgmt_key": true, "inet_rt_keys": true,
	"key": true, "cookie": true, "bad_inet6_xml_token_count": true}

// secretElement is redact.SecretName for an element, cached per page (a
// page repeats few names many times).
func secretElement(name []byte, cache map[string]bool) bool {
	if v, ok := cache[string(name)]; ok {
		return v
	}
	s := redact.SecretName(string(name)) && !lookupFields[string(name)]
	cache[string(name)] = s
	return s
}

// maskBody masks the secrets of a page's XML: the text inside an element
// whose name is secret (at any depth: <auth_keys><list><element>) is
// masked whole, any other text goes through redact.Text. Markup is kept
// byte for byte, so a page without secrets replays exactly as served.
func maskBody(b []byte) []byte {
	if !mayHoldSecret(b) {
		return b
	}
	cache := map[string]bool{}
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
			case mayHoldSecret(text):
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
			s := secretElement(tag[:end], cache)
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
