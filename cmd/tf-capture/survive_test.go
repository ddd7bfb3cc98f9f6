package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gopacket/gopacket/pcapgo"
	"github.com/tfkit/tfkit/engine/enginetest"
	"github.com/tfkit/tfkit/internal/testwait"
	"github.com/tfkit/tfkit/netdebug/netdebugtest"
)

var (
	senderOnce sync.Once
	senderBin  string
	senderErr  error
)

// sendUDP runs the test program in namespace ns sending a datagram to dst
// every 5 ms until the test ends.
func sendUDP(t *testing.T, ns, dst string) {
	t.Helper()
	senderOnce.Do(func() {
		root, err := enginetest.ModuleRoot()
		if err != nil {
			senderErr = err
			return
		}
		senderBin = filepath.Join(filepath.Dir(tfBinary), "testprog")
		cmd := exec.Command("go", "build", "-o", senderBin, testprogPkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			senderErr = errors.New(string(out))
		}
	})
	if senderErr != nil {
		t.Fatalf("build the sender: %v", senderErr)
	}
	cmd := exec.Command("ip", "netns", "exec", ns, senderBin, "-udp", dst, "-every", "5ms")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
}

// pcapRecords reads a capture file: the records read whole and the error
// that ended the reading (io.EOF: the file ends on a record boundary).
func pcapRecords(t *testing.T, path string) (int, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		if _, _, err := r.ReadPacketData(); err != nil {
			return n, err
		}
		n++
	}
}

// TestWriteFileSurvivesHangupAndKill captures on a veth of the test's own
// with -w FILE and ends the capture the two hard ways: SIGHUP (an ssh
// session that drops) must finish a complete file; SIGKILL must leave
// the file, under its final name, with what was captured before the kill.
// The file is created with mode 0644 minus the umask.
func TestWriteFileSurvivesHangupAndKill(t *testing.T) {
	l := netdebugtest.NewLink(t)
	sendUDP(t, l.NameA, "169.254.77.2:9999")
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGKILL} {
		path := filepath.Join(t.TempDir(), "cap.pcap")
		cmd := exec.Command(tfBinary, "--netns", l.B, "-i", "eth0", "-w", path, "udp", "port", "9999")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Records reach the file as the capture flushes (at the latest
		// when the kernel retires a ring block, 100 ms).
		seen := 0
		testwait.Until(t, "records in "+path, 20*time.Second, func() error {
			n, err := pcapRecords(t, path)
			if n < 20 {
				return errors.Join(errors.New(strconv.Itoa(n)+" records"), err)
			}
			seen = n
			return nil
		})
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o640 {
			t.Errorf("%v: mode %v, %v; want 0640 (0644 minus umask 027)", sig, st.Mode().Perm(), err)
		}
		cmd.Process.Signal(sig)
		err = cmd.Wait()
		n, readErr := pcapRecords(t, path)
		switch sig {
		case syscall.SIGHUP:
			m := regexp.MustCompile(`(\d+) packets captured`).FindStringSubmatch(errb.String())
			if err != nil || m == nil || m[1] != strconv.Itoa(n) || readErr != io.EOF || n < seen {
				t.Errorf("SIGHUP: %v, file has %d records (read: %v), stderr:\n%s", err, n, readErr, errb.String())
			}
		case syscall.SIGKILL:
			// A record cut in the middle may end the file (like tcpdump's).
			if readErr != io.EOF && !errors.Is(readErr, io.ErrUnexpectedEOF) || n < seen {
				t.Errorf("SIGKILL: file has %d records (%v), %d were there before the kill", n, readErr, seen)
			}
		}
		if out.Len() != 0 {
			t.Errorf("%v: stdout %q", sig, out.String())
		}
	}
}

// TestWriteToDirectoryFailsFirst: -w DIR (or a file in a missing
// directory) is refused before anything is opened or captured.
func TestWriteToDirectoryFailsFirst(t *testing.T) {
	_, ns := netdebugtest.Namespace(t, "w")
	dir := t.TempDir()
	for _, target := range []string{dir, filepath.Join(dir, "missing", "x.pcap")} {
		r := runTF(t, nil, "--netns", ns, "-i", "lo", "-w", target, "-c", "1")
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "-w "+target) || strings.Contains(r.stderr, "listening") {
			t.Errorf("-w %s: code %d stdout %q stderr %q", target, r.code, r.stdout, r.stderr)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("files created in %s: %v", dir, left)
	}
}
