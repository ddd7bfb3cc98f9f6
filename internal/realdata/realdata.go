// Package realdata gives tests the answers captured from real daemons in
// ../shared/testdata-real (beside the checkout; never copied into it).
// Tests skip cleanly when that folder is absent.
package realdata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir is ../shared/testdata-real from the module root, found from this
// file's own location so it does not depend on the test's directory.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "testdata-real")
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file))) // internal/realdata/realdata.go
	return filepath.Join(root, "..", "shared", "testdata-real")
}

// Read returns one sample, or skips the test when the shared folder or the
// file is absent.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(), name))
	if os.IsNotExist(err) {
		t.Skipf("real sample %s not present (../shared/testdata-real is beside the checkout)", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}
