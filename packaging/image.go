// Package packaging builds what tfkit ships besides the binaries: the
// tools image (ist, tf-status, tf-capture with tf-capture-engines, and tf-exporter once it is
// built) FROM scratch, without a registry, and holds the Kubernetes
// manifests that run it (k8s/). Completion scripts and man pages come
// from the binaries themselves (scripts/gen-docs.sh).
package packaging

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tfkit/tfkit/engine"
)

// ImageRef is the tools image's default reference.
const ImageRef = "tfkit:latest"

// BinDir is where the image holds the binaries (on its PATH).
const BinDir = "/usr/local/bin"

// Tools are the binaries the image must hold (tf-capture-engines is
// tf-capture's name lookups and why, found beside it); Optional ones are
// added when built (tf-exporter, once it exists).
var (
	Tools    = []string{"ist", "tf-status", "tf-capture", "tf-capture-engines"}
	Optional = []string{"tf-exporter"}
)

// ToolsImage is the tools image FROM scratch: each binary (name → host
// path) in BinDir with, when it is dynamically linked, its loader and
// libraries (engine.ExecutableFiles; tf-capture's libpcap), /var/run as
// a link to /run (mount the host's /run there: the engines' sockets and
// the pods' network namespaces resolve at their host paths), and tf-status
// as the default command.
func ToolsImage(ref string, binaries map[string]string) (engine.ScratchImage, error) {
	if ref == "" {
		ref = ImageRef
	}
	names := make([]string, 0, len(binaries))
	for n := range binaries {
		names = append(names, n)
	}
	slices.Sort(names)
	byPath := map[string]bool{}
	var files []engine.ImageFile
	var libDirs []string
	for _, n := range names {
		fs, env, err := engine.ExecutableFiles(binaries[n], BinDir+"/"+n)
		if err != nil {
			return engine.ScratchImage{}, err
		}
		for _, f := range fs {
			if !byPath[f.Path] {
				byPath[f.Path] = true
				files = append(files, f)
			}
		}
		for _, e := range env {
			for _, d := range strings.Split(strings.TrimPrefix(e, "LD_LIBRARY_PATH="), ":") {
				if !slices.Contains(libDirs, d) {
					libDirs = append(libDirs, d)
				}
			}
		}
	}
	files = append(files, engine.ImageFile{Path: "/var/run", Link: "/run"})
	env := []string{"PATH=" + BinDir}
	if len(libDirs) > 0 {
		env = append(env, "LD_LIBRARY_PATH="+strings.Join(libDirs, ":"))
	}
	return engine.ScratchImage{
		Ref: ref, Files: files, Env: env, Cmd: []string{"tf-status"},
		Labels: map[string]string{
			"org.opencontainers.image.title":       "tfkit",
			"org.opencontainers.image.description": "Tungsten Fabric / OpenSDN troubleshooting tools: " + strings.Join(names, ", "),
		},
	}, nil
}

// FindTools returns the binaries of dir by name: every one of Tools (an
// error names those missing), and those of Optional that are there.
func FindTools(dir string) (map[string]string, error) {
	out := map[string]string{}
	var missing []string
	for _, n := range append(append([]string{}, Tools...), Optional...) {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err != nil {
			if slices.Contains(Tools, n) {
				missing = append(missing, n)
			}
			continue
		}
		out[n] = p
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s lacks %s: build them there with go build (cmd/ist, cmd/tf-status, cmd/tf-capture, cmd/tf-capture-engines)", dir, strings.Join(missing, ", "))
	}
	return out, nil
}

// BuildTools builds the tools with `go build` into dir (plain builds: cgo
// on where a C compiler is, as tf-capture needs for libpcap), tf-exporter
// too when this module has its command. It runs inside the module (any
// directory of the checkout).
func BuildTools(dir string) (map[string]string, error) {
	const module = "github.com/tfkit/tfkit/cmd/"
	var pkgs []string
	for _, n := range Tools {
		pkgs = append(pkgs, module+n)
	}
	for _, n := range Optional {
		if exec.Command("go", "list", module+n).Run() == nil {
			pkgs = append(pkgs, module+n)
		}
	}
	cmd := exec.Command("go", append([]string{"build", "-trimpath", "-ldflags=-s -w", "-o", dir + string(filepath.Separator)}, pkgs...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build %s: %v: %s", strings.Join(pkgs, " "), err, out)
	}
	return FindTools(dir)
}
