package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// escapeAnswer is a BgpNeighborResp whose text carries terminal control
// sequences (title, clear screen, colours, a carriage return), NUL and
// bytes that are not UTF-8.
const escapeAnswer = `<BgpNeighborListResp type="sandesh"><neighbors type="list" identifier="1"><list type="struct" size="1">` +
	"<BgpNeighborResp><peer type=\"string\" identifier=\"1\">ctl\x1b]0;owned\x07\x1b[2J\x1b[31m\rX\x00\xff</peer>" +
	`<encoding type="string" identifier="2">BGP</encoding><state type="string" identifier="3">Established</state></BgpNeighborResp>` +
	`</list></neighbors><more type="bool" identifier="0">false</more></BgpNeighborListResp>`

// An answer full of escape sequences reaches the terminal escaped in
// table and text output, and as valid JSON with -f json.
func TestEscapeSequencesEscaped(t *testing.T) {
	host := serve(t, map[string]string{neiPath: escapeAnswer})
	for _, f := range []string{"table", "text", "json"} {
		out, err := runIst(t, "--host", host, "ctr", "nei", "-f", f, "--max_width", "100")
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(out) || strings.ContainsAny(out, "\x1b\x07\r\x00") {
			t.Fatalf("-f %s: raw control characters:\n%q", f, out)
		}
		want := `ctl\x1b]0;owned\x07\x1b[2J\x1b[31m\x0dX\x00` + "\uFFFD"
		if f == "json" {
			var recs []map[string]any
			if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 1 {
				t.Fatalf("-f json: %v\n%s", err, out)
			}
			want = "ctl\x1b]0;owned\x07\x1b[2J\x1b[31m\rX\x00\uFFFD"
			if recs[0]["peer"] != want {
				t.Fatalf("-f json: peer %q, want %q", recs[0]["peer"], want)
			}
			continue
		}
		if !strings.Contains(out, want) {
			t.Fatalf("-f %s: %q not shown:\n%s", f, want, out)
		}
	}
}

// The limits are global flags, sizes with units; a bad value is a usage
// error; passing a limit is exit 5 naming the flag.
func TestLimitFlags(t *testing.T) {
	host := serve(t, map[string]string{neiPath: fixture(t, "BgpNeighborReq.xml")})
	if _, err := runIst(t, "ctr", "nei", "--host", host, "--max-bytes", "100"); exitCode(err) != 5 || !strings.Contains(err.Error(), "--max-bytes") {
		t.Fatalf("--max-bytes 100: %v (exit %d)", err, exitCode(err))
	}
	if _, err := runIst(t, "--max-cell-bytes", "4", "ctr", "nei", "--host", host); exitCode(err) != 5 || !strings.Contains(err.Error(), "--max-cell-bytes") {
		t.Fatalf("--max-cell-bytes 4: %v (exit %d)", err, exitCode(err))
	}
	if out, err := runIst(t, "ctr", "nei", "--host", host, "--max-bytes", "1M", "--max-cell-bytes", "64K", "--max-pages", "1"); err != nil || !strings.Contains(out, "Established") {
		t.Fatalf("within the limits: %v\n%s", err, out)
	}
	for _, bad := range [][]string{{"--max-bytes", "0"}, {"--max-bytes", "1X"}, {"--max-cell-bytes", "-1"}} {
		if _, err := runIst(t, append([]string{"ctr", "nei", "--host", host}, bad...)...); exitCode(err) != 2 {
			t.Fatalf("%v: %v (exit %d), want a usage error", bad, err, exitCode(err))
		}
	}
}

// `ist --file /dev/zero` is exit 5 at once.
func TestFileDevZero(t *testing.T) {
	if _, err := runIst(t, "--file", "/dev/zero", "ctr", "nei"); exitCode(err) != 5 || !strings.Contains(err.Error(), "not XML") {
		t.Fatalf("--file /dev/zero: %v (exit %d)", err, exitCode(err))
	}
}
