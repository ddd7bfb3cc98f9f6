package engine

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// cgroupRoot is where the cgroup hierarchies are mounted (a variable so
// tests can point it at a fake tree).
var cgroupRoot = "/sys/fs/cgroup"

// cgroupOOMKills returns how many processes the kernel OOM killer killed
// in the cgroup at path (an OCI cgroupsPath such as /k8s.io/<id>), read
// from cgroup v2 memory.events or cgroup v1 memory.oom_control; 0 when
// the cgroup is gone or the path is a systemd slice spec.
func cgroupOOMKills(path string) int {
	if path == "" || strings.Contains(path, ":") { // systemd "slice:prefix:name"
		return 0
	}
	for _, f := range []string{
		filepath.Join(cgroupRoot, path, "memory.events"),                // v2
		filepath.Join(cgroupRoot, "memory", path, "memory.oom_control"), // v1
	} {
		if n, ok := readCounter(f, "oom_kill"); ok {
			return n
		}
	}
	return 0
}

// readCounter reads the "key N" line of a cgroup flat-keyed file.
func readCounter(file, key string) (int, bool) {
	f, err := os.Open(file)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), " ")
		if ok && k == key {
			n, err := strconv.Atoi(v)
			return n, err == nil
		}
	}
	return 0, false
}

// swapLimitable reports whether the host can limit memory+swap: always on
// cgroup v2, on v1 only with swap accounting (memory.memsw.*); runc
// refuses a swap limit it cannot set.
func swapLimitable() bool {
	if _, err := os.Stat(filepath.Join(cgroupRoot, "cgroup.controllers")); err == nil {
		return true
	}
	_, err := os.Stat(filepath.Join(cgroupRoot, "memory", "memory.memsw.limit_in_bytes"))
	return err == nil
}
