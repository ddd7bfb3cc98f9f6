package engine

import (
	"bufio"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ExecutableFiles packs a host executable for a FROM-scratch image: the
// binary at imagePath and, when it is dynamically linked (a plain `go
// build` with cgo: the resolver, libpcap), its program interpreter at the
// path the binary names and every shared library it needs, recursively,
// at the host path the dynamic linker would load it from. env then sets
// LD_LIBRARY_PATH to those directories, since a scratch image has no
// ld.so.cache. A static binary gives itself alone and no env.
//
// Libraries are resolved as ld.so does on this host: DT_RUNPATH/DT_RPATH
// ($ORIGIN expanded), the directories of /etc/ld.so.conf, then the
// default ones, skipping files of another class or machine.
func ExecutableFiles(hostPath, imagePath string) (files []ImageFile, env []string, err error) {
	bin, err := ImageFileFrom(hostPath, imagePath, 0o755)
	if err != nil {
		return nil, nil, err
	}
	f, err := elf.Open(hostPath)
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not an ELF executable: %v: give a Linux build of it", hostPath, err)
	}
	defer f.Close()
	interp, err := interpreter(f)
	if err != nil || interp == "" {
		return []ImageFile{bin}, nil, err // static
	}
	r := &libResolver{class: f.Class, machine: f.Machine, dirs: ldConfDirs("/etc/ld.so.conf"), seen: map[string]bool{}}
	files = []ImageFile{bin}
	lf, err := ImageFileFrom(interp, interp, 0o755)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: its program interpreter: %w", hostPath, err)
	}
	files = append(files, lf)
	r.seen[path.Base(interp)] = true
	if err := r.add(f, hostPath); err != nil {
		return nil, nil, err
	}
	files = append(files, r.files...)
	if len(r.libDirs) > 0 {
		env = []string{"LD_LIBRARY_PATH=" + strings.Join(r.libDirs, ":")}
	}
	return files, env, nil
}

// interpreter is the PT_INTERP path of an executable ("" when static).
func interpreter(f *elf.File) (string, error) {
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			b, err := io.ReadAll(p.Open())
			if err != nil {
				return "", fmt.Errorf("read PT_INTERP: %w", err)
			}
			return strings.TrimRight(string(b), "\x00"), nil
		}
	}
	return "", nil
}

// libResolver collects the shared libraries of one executable.
type libResolver struct {
	class   elf.Class
	machine elf.Machine
	dirs    []string // ld.so.conf directories
	seen    map[string]bool
	files   []ImageFile
	libDirs []string
}

// add resolves every DT_NEEDED of f (loaded from file) and, recursively,
// theirs.
func (r *libResolver) add(f *elf.File, file string) error {
	needed, err := f.ImportedLibraries()
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	search := r.runPaths(f, file)
	search = append(search, r.dirs...)
	search = append(search, defaultLibDirs(r.class)...)
	for _, name := range needed {
		if r.seen[name] {
			continue
		}
		r.seen[name] = true
		found, lib, err := r.find(name, search)
		if err != nil {
			return fmt.Errorf("%s needs %s: %w", file, name, err)
		}
		err = r.add(lib, found)
		lib.Close()
		if err != nil {
			return err
		}
		img, err := ImageFileFrom(found, found, 0o755)
		if err != nil {
			return err
		}
		r.files = append(r.files, img)
		if d := filepath.Dir(found); !slices.Contains(r.libDirs, d) {
			r.libDirs = append(r.libDirs, d)
		}
	}
	return nil
}

// find looks name up in dirs; a file of another class or machine is
// skipped, as the dynamic linker skips it.
func (r *libResolver) find(name string, dirs []string) (string, *elf.File, error) {
	if strings.Contains(name, "/") {
		dirs, name = []string{filepath.Dir(name)}, filepath.Base(name)
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		lib, err := elf.Open(p)
		if err != nil {
			continue
		}
		if lib.Class == r.class && lib.Machine == r.machine {
			return p, lib, nil
		}
		lib.Close()
	}
	return "", nil, fmt.Errorf("not found in %s", strings.Join(dirs, ", "))
}

// runPaths are the DT_RUNPATH (else DT_RPATH) directories of f, $ORIGIN
// being file's directory.
func (r *libResolver) runPaths(f *elf.File, file string) []string {
	var out []string
	paths, _ := f.DynString(elf.DT_RUNPATH)
	if len(paths) == 0 {
		paths, _ = f.DynString(elf.DT_RPATH)
	}
	origin := filepath.Dir(file)
	for _, p := range paths {
		for _, d := range strings.Split(p, ":") {
			d = strings.ReplaceAll(strings.ReplaceAll(d, "${ORIGIN}", origin), "$ORIGIN", origin)
			if d != "" {
				out = append(out, d)
			}
		}
	}
	return out
}

// ldConfDirs reads the directories of an ld.so.conf and its includes.
func ldConfDirs(conf string) []string {
	fh, err := os.Open(conf)
	if err != nil {
		return nil
	}
	defer fh.Close()
	var out []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		switch {
		case line == "", strings.HasPrefix(line, "hwcap "):
		case strings.HasPrefix(line, "include "):
			pat := strings.TrimSpace(strings.TrimPrefix(line, "include "))
			if !filepath.IsAbs(pat) {
				pat = filepath.Join(filepath.Dir(conf), pat)
			}
			matches, _ := filepath.Glob(pat)
			for _, m := range matches {
				out = append(out, ldConfDirs(m)...)
			}
		default:
			out = append(out, line)
		}
	}
	return out
}

// defaultLibDirs are the dynamic linker's built-in directories.
func defaultLibDirs(c elf.Class) []string {
	if c == elf.ELFCLASS64 {
		return []string{"/lib64", "/usr/lib64", "/lib", "/usr/lib"}
	}
	return []string{"/lib", "/usr/lib"}
}
