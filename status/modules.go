package status

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// Driver messages, worded as contrail-status prints them.
const (
	MsgKernelModule = "vrouter kernel module is PRESENT"
	MsgDPDK         = "vrouter DPDK module is PRESENT"
	MsgNoDriver     = "vrouter driver is not PRESENT but agent pod is present"
)

// DriverMessages says which vRouter datapath the node runs: the vrouter
// kernel module (/proc/modules, what lsmod reads) and/or a listening unix
// socket named dpdk_netlink (/proc/net/unix, what netstat -xl reads); when
// a vrouter pod exists without either, that is reported too.
func DriverMessages(procRoot string, vrouterPod bool) []string {
	var msgs []string
	if kernelModuleLoaded(filepath.Join(procRoot, "modules"), "vrouter") {
		msgs = append(msgs, MsgKernelModule)
	}
	if unixListening(filepath.Join(procRoot, "net/unix"), "dpdk_netlink") {
		msgs = append(msgs, MsgDPDK)
	}
	if len(msgs) == 0 && vrouterPod {
		msgs = append(msgs, MsgNoDriver)
	}
	return msgs
}

func kernelModuleLoaded(path, name string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if n, _, _ := strings.Cut(sc.Text(), " "); n == name {
			return true
		}
	}
	return false
}

// unixListening looks for a listening unix socket whose path ends in name.
// /proc/net/unix columns: Num RefCount Protocol Flags Type St Inode Path;
// Flags 00010000 (__SO_ACCEPTCON) marks a listening socket.
func unixListening(path, name string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 8 || fs[3] != "00010000" {
			continue
		}
		if p := strings.TrimPrefix(fs[7], "@"); p == name || strings.HasSuffix(p, "/"+name) {
			return true
		}
	}
	return false
}
