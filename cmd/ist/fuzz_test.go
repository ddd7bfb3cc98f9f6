package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// fuzzServer answers every request with the body of the current fuzz
// input; one per process, its users serialised by fuzzMu.
var (
	fuzzMu   sync.Mutex
	fuzzBody []byte
	fuzzHost = sync.OnceValue(func() string {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			w.Write(fuzzBody)
		}))
		return strings.TrimPrefix(s.URL, "http://")
	})
)

// fuzzCommands cover each kind of printer: the default table/text/JSON,
// the streaming ones (ctr route show, vr route) and status.
var fuzzCommands = [][]string{
	{"ctr", "nei"}, {"ctr", "nei", "--format", "text"}, {"ctr", "nei", "--format", "json"},
	{"ctr", "route", "show"}, {"ctr", "route", "show", "--format", "json"},
	{"vr", "route", "-v", "1"}, {"ctr", "status"}, {"vr", "intf", "--no-wrap"},
}

// FuzzFetchParseRender feeds any bytes as a daemon's answer through the
// whole ist path (HTTP fetch, continuation, parse, printers, render):
// nothing may panic; a failure is one line of exit 4 (HTML) or 5
// (malformed, or past a limit); table and text output carry no control
// character but tab and newline and are valid UTF-8; JSON is valid JSON.
func FuzzFetchParseRender(f *testing.F) {
	for _, dir := range []string{filepath.Join("..", "..", "testdata", "ctr"), filepath.Join("..", "..", "testdata", "vr"), realDir} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(escapeAnswer))
	f.Add([]byte("<R>" + strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300) + "</R>"))
	f.Add([]byte("\x00<R/>"))
	host := fuzzHost()
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzMu.Lock()
		defer fuzzMu.Unlock()
		fuzzBody = body
		for _, cmd := range fuzzCommands {
			out, err := runIst(t, append([]string{"--host", host, "--timeout", "5s", "--max-bytes", "16M"}, cmd...)...)
			if err != nil {
				if code := exitCode(err); (code != 4 && code != 5) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("ist %v: exit %d: %v", cmd, code, err)
				}
				if out != "" {
					t.Fatalf("ist %v failed (%v) but printed:\n%s", cmd, err, out)
				}
				continue
			}
			if cmd[len(cmd)-1] == "json" {
				if !json.Valid([]byte(out)) {
					t.Fatalf("ist %v: invalid JSON:\n%s", cmd, out)
				}
				continue
			}
			if !utf8.ValidString(out) {
				t.Fatalf("ist %v: invalid UTF-8:\n%q", cmd, out)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) {
					t.Fatalf("ist %v: control character %U in the output:\n%q", cmd, r, out)
				}
			}
		}
	})
}
