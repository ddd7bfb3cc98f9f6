package render

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tfkit/tfkit/internal/growth"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// hostile is text a daemon could send: colour and cursor sequences, a
// window-title OSC, a carriage return that overwrites the line, NUL, DEL,
// a C1 CSI (U+009B), and bytes that are not UTF-8.
const hostile = "\x1b[31mred\x1b[0m\x1b]0;pwned\x07\rover\x00nul\x7f\u009b2J\xff\xfe end"

// hostileDoc is an answer with hostile text in a cell, a list item and an
// element name (names are only checked for XML's delimiters).
func hostileDoc() string {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(hostile)
	return `<R type="sandesh"><ItfSandeshData><name type="string" identifier="1">` + esc + `</name>` +
		`<fip_list type="list" identifier="2"><list type="string" size="1"><element>` + esc + `</element></list></fip_list>` +
		"<bad\x1b[2Jname type=\"string\">x</bad\x1b[2Jname></ItfSandeshData></R>"
}

// terminalSafe fails t when out holds a byte that could drive a terminal.
func terminalSafe(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: invalid UTF-8:\n%q", what, out)
	}
	for _, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) {
			t.Fatalf("%s: control character %U reaches the terminal:\n%q", what, r, out)
		}
	}
}

func TestHostileTextEscaped(t *testing.T) {
	root := parseString(t, hostileDoc())
	recs := Records("h", root.All("ItfSandeshData"))
	for _, opt := range []Options{{}, {MaxWidth: 200}, {NoWrap: true}, {Format: FormatText}, {ShowHost: true, MaxWidth: 200}} {
		out := render(t, recs, opt)
		terminalSafe(t, opt.Format, out)
		for _, want := range []string{`\x1b[31mred`, `\x1b]0;pwned\x07\x0dover\x00nul\x7f\u009b2J`, "\uFFFD\uFFFD end", `bad\x1b[2Jname`} {
			if opt.MaxWidth == 0 && opt.Format == "" && !opt.NoWrap {
				break // wrapped at 36: only safety and alignment are checked
			}
			if !strings.Contains(out, want) {
				t.Errorf("%+v: %q not shown:\n%s", opt, want, out)
			}
		}
		if opt.Format == "" && !opt.NoWrap {
			// The frame stays aligned: escapes are measured as printed.
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			for _, l := range lines {
				if utf8.RuneCountInString(l) != utf8.RuneCountInString(lines[0]) {
					t.Fatalf("misaligned table:\n%s", out)
				}
			}
		}
	}
	// JSON keeps the text (invalid bytes as U+FFFD), escaped by JSON's rules.
	js := render(t, recs, Options{Format: FormatJSON})
	terminalSafe(t, "json", js)
	var got []map[string]any
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, js)
	}
	if want := strings.ReplaceAll(hostile, "\xff\xfe", "\uFFFD\uFFFD"); got[0]["name"] != want {
		t.Fatalf("JSON name %q, want %q", got[0]["name"], want)
	}
}

func TestSafe(t *testing.T) {
	clean := "plain | text\twith tab\nand é ☺ 世界"
	if Safe(clean) != clean || string(SafeBytes([]byte(clean))) != clean {
		t.Fatal("clean text changed")
	}
	b := []byte(clean)
	if &SafeBytes(b)[0] != &b[0] {
		t.Fatal("clean bytes copied")
	}
	once := Safe(hostile)
	if Safe(once) != once {
		t.Fatalf("not idempotent: %q → %q", once, Safe(once))
	}
	if want := `\x1b[31mred\x1b[0m\x1b]0;pwned\x07\x0dover\x00nul\x7f\u009b2J` + "\uFFFD\uFFFD end"; once != want {
		t.Fatalf("Safe = %q, want %q", once, want)
	}
}

// Nesting up to the parser's limit: the text and table renderings indent
// by depth, so their size is bounded by a constant per element and they
// grow linearly with the records (issue 16: 10k nested elements took
// 2.4 s and 288 MB, 100k crashed).
func TestDeepRecordsRenderLinear(t *testing.T) {
	deep := strings.Repeat("<a>", sandesh.MaxDepth-3) + "x" + strings.Repeat("</a>", sandesh.MaxDepth-3)
	rec := "<r><c>" + deep + "</c></r>"
	for _, opt := range []Options{{Format: FormatText}, {}, {Format: FormatJSON}} {
		t.Run(opt.Format, func(t *testing.T) {
			growth.Linear(t, 20, func(k int) {
				root := parseString(t, "<R>"+strings.Repeat(rec, k)+"</R>")
				if _, err := Append(nil, Records("", root.Children), opt); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}
