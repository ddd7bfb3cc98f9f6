package exitinfo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// failReader fails the test if anything reads it: stdin must be left
// alone unless "-" asks for it.
type failReader struct{ t *testing.T }

func (f failReader) Read([]byte) (int, error) {
	f.t.Error("stdin was read without - or --from-json -")
	return 0, os.ErrClosed
}

func TestArgsReadStdinOnlyWhenAsked(t *testing.T) {
	a, err := ParseArgs([]string{"web-0"}, "")
	if err != nil || a.Name != "web-0" || a.JSON != "" {
		t.Fatalf("%+v %v", a, err)
	}
	if b, err := a.ReadJSON(failReader{t}); b != nil || err != nil {
		t.Errorf("no JSON asked: %q %v", b, err)
	}
	a, err = ParseArgs([]string{"web-0", "-"}, "")
	if err != nil || a.JSON != "-" {
		t.Fatalf("%+v %v", a, err)
	}
	if b, err := a.ReadJSON(strings.NewReader(`{"kind":"Pod"}`)); string(b) != `{"kind":"Pod"}` || err != nil {
		t.Errorf("stdin: %q %v", b, err)
	}
	if _, err := a.ReadJSON(strings.NewReader(" \n")); err == nil || !strings.Contains(err.Error(), "kubectl JSON on stdin is empty") {
		t.Errorf("empty stdin: %v", err)
	}
	file := filepath.Join(t.TempDir(), "pod.json")
	os.WriteFile(file, []byte(`{}`), 0o644)
	a, err = ParseArgs(nil, file)
	if err != nil || a.Name != "" {
		t.Fatalf("%+v %v", a, err)
	}
	if b, err := a.ReadJSON(failReader{t}); string(b) != "{}" || err != nil {
		t.Errorf("file: %q %v", b, err)
	}
	for _, bad := range []struct {
		args []string
		from string
		want string
	}{
		{nil, "", "give a pod or container name, or kubectl pod JSON"},
		{[]string{"a", "b"}, "", "give one pod or container name, got a and b"},
		{[]string{"-"}, file, "kubectl JSON given twice"},
	} {
		if _, err := ParseArgs(bad.args, bad.from); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q %q: %v", bad.args, bad.from, err)
		}
	}
	if _, err := (Args{JSON: "/nonexistent.json"}).ReadJSON(nil); err == nil || !strings.Contains(err.Error(), "kubectl get pod NAME -o json") {
		t.Errorf("missing file: %v", err)
	}
}
