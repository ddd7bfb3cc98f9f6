// Package redact hides secrets in what tfkit prints: container env
// (tf-status -f json), URLs, HTTP headers, command lines and log text (a
// support bundle). Every printer of such data goes through it, so there
// is one rule for what a secret is (SecretName) and one mask (Mask).
package redact

import (
	"net/http"
	"regexp"
	"strings"
	"unicode"
)

// Mask replaces a secret value.
const Mask = "***"

// secretParts mark a secret anywhere in a word of a name
// (KEYSTONE_AUTH_ADMIN_PASSWORD, X-Auth-Token, apiKey, Set-Cookie).
var secretParts = []string{"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "CREDENTIAL",
	"AUTHORIZATION", "COOKIE", "SIGNATURE", "PRIVATEKEY", "APIKEY", "ACCESSKEY"}

// secretWords are secrets only as a whole word (PASS, but not BYPASS;
// KEY, but not KEYSTONE or KEYFILE).
var secretWords = map[string]bool{"PASS": true, "PWD": true, "PW": true, "KEY": true, "KEYS": true}

// SecretName reports whether a variable, header, query parameter or flag
// of that name holds a secret. The name is cut into words (at
// punctuation and lower-to-upper case changes); it is secret when a word
// contains PASSWORD, SECRET, TOKEN, CREDENTIAL, … or is PASS, PWD, KEY.
func SecretName(name string) bool {
	for _, w := range words(name) {
		if secretWords[w] {
			return true
		}
		for _, p := range secretParts {
			if strings.Contains(w, p) {
				return true
			}
		}
	}
	return false
}

// words splits a name into upper-cased words.
func words(name string) []string {
	var out []string
	var cur []rune
	prev := rune(0)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToUpper(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range name {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return out
}

// Value is the one redaction rule: the value of a secret name is masked;
// any other value keeps its text with the secrets inside it masked (a URL
// with a password, a name=value pair; see Text). An empty value stays
// empty.
func Value(name, value string) string {
	if value == "" {
		return ""
	}
	if SecretName(name) {
		return Mask
	}
	return Text(value)
}

// Env redacts "NAME=value" entries (a container's env).
func Env(env []string) []string {
	out := make([]string, len(env))
	for i, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			out[i] = Text(kv)
			continue
		}
		out[i] = k + "=" + Value(k, v)
	}
	return out
}

// Header returns a copy of h with the values of secret headers
// (Authorization, Cookie, X-Auth-Token, …) masked and the others through
// Text.
func Header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		c := make([]string, len(vs))
		for i, v := range vs {
			c[i] = Value(k, v)
		}
		out[k] = c
	}
	return out
}

var (
	// userinfo of a URL: scheme://user:password@
	urlPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*:)([^/\s@]*)@`)
	// name=value: query parameters, env assignments, --flag=value.
	assignment = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.\-]*)=([^&#\s"',;]*)`)
	// --flag value, "Name: value" header lines and "name: value" YAML.
	flagValue  = regexp.MustCompile(`(--?[A-Za-z][A-Za-z0-9_\-]*)(\s+)([^\s-][^\s]*)`)
	headerLine = regexp.MustCompile(`(?m)^(\s*[A-Za-z][A-Za-z0-9_\-]*)(:[ \t]*)(\S.*?)[ \t]*$`)
)

// Text masks the secrets found in free text: the password of a URL
// (scheme://user:***@host), the value of a name=value pair, of a
// "--flag value" and of a "Name: value" line whose name is secret
// (token=***, --password ***, Authorization: ***).
func Text(s string) string {
	s = urlPassword.ReplaceAllString(s, "${1}"+Mask+"@")
	s = replaceSecret(assignment, s, 1, 2)
	s = replaceSecret(flagValue, s, 1, 3)
	return replaceSecret(headerLine, s, 1, 3)
}

// replaceSecret masks submatch val of every match of re whose submatch
// name is a secret name.
func replaceSecret(re *regexp.Regexp, s string, name, val int) string {
	idx := re.FindAllStringSubmatchIndex(s, -1)
	if idx == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range idx {
		if !SecretName(s[m[2*name]:m[2*name+1]]) || s[m[2*val]:m[2*val+1]] == Mask {
			continue
		}
		b.WriteString(s[last:m[2*val]])
		b.WriteString(Mask)
		last = m[2*val+1]
	}
	b.WriteString(s[last:])
	return b.String()
}
