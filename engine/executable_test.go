package engine

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExecutableFiles packs this test binary (dynamically linked when
// cgo is on) and a static build, and checks what each image gets.
func TestExecutableFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\nimport \"net\"\nfunc main() { net.LookupHost(\"localhost\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(name, cgo string) string {
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", "build", "-o", out, src)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "CGO_ENABLED="+cgo)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build (CGO_ENABLED=%s): %v\n%s", cgo, err, b)
		}
		return out
	}
	static := build("static", "0")
	files, env, err := ExecutableFiles(static, "/app")
	if err != nil || len(files) != 1 || files[0].Path != "/app" || env != nil {
		t.Errorf("static: %d files %v env %v err %v, want the binary alone", len(files), paths(files), env, err)
	}

	dynamic := build("dynamic", "1")
	files, env, err = ExecutableFiles(dynamic, "/app")
	if err != nil {
		t.Fatal(err)
	}
	got := paths(files)
	if len(files) < 3 || got[0] != "/app" || !strings.Contains(got[1], "ld-linux") {
		t.Fatalf("dynamic: files %v, want the binary, the interpreter, then libc", got)
	}
	libc := ""
	for _, p := range got {
		if filepath.Base(p) == "libc.so.6" {
			libc = p
		}
	}
	if libc == "" || len(env) != 1 || !strings.Contains(env[0], "LD_LIBRARY_PATH="+filepath.Dir(libc)) {
		t.Errorf("dynamic: files %v env %v, want libc.so.6 and its directory in LD_LIBRARY_PATH", got, env)
	}
	for _, f := range files {
		if len(f.Data) == 0 {
			t.Errorf("%s is empty (a symlink copied instead of its target?)", f.Path)
		}
	}
	if _, _, err := ExecutableFiles(src, "/app"); err == nil || !strings.Contains(err.Error(), "not an ELF executable") {
		t.Errorf("a Go source file: %v, want 'not an ELF executable'", err)
	}
}

func TestLdConfDirs(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "conf.d"), 0o755)
	os.WriteFile(filepath.Join(dir, "ld.so.conf"), []byte("include conf.d/*.conf\n/opt/lib # comment\nhwcap 0 nosegneg\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "conf.d", "a.conf"), []byte("# multiarch\n/lib/x86_64-linux-gnu\n\n"), 0o644)
	got := ldConfDirs(filepath.Join(dir, "ld.so.conf"))
	if strings.Join(got, ",") != "/lib/x86_64-linux-gnu,/opt/lib" {
		t.Errorf("ldConfDirs = %v", got)
	}
}

func paths(fs []ImageFile) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path)
	}
	return out
}
