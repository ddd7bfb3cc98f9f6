package exitinfo

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// KernelOOM holds the kernel's OOM-kill records still in its log buffer
// (/dev/kmsg). Each names the memory cgroup of the victim, which holds
// the container id: evidence that outlives the container, for the OOM
// kills an engine missed (Docker's flag misses a kill right at start).
type KernelOOM struct {
	kills []oomKill
}

type oomKill struct {
	at     time.Time
	memcg  string // task_memcg
	task   string
	record string
}

// ReadKernelOOM reads the kernel log without blocking (root only).
func ReadKernelOOM() (*KernelOOM, error) {
	f, err := os.OpenFile("/dev/kmsg", os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	boot := bootTime()
	k := &KernelOOM{}
	buf := make([]byte, 8192)
	for {
		n, err := syscall.Read(int(f.Fd()), buf)
		if errors.Is(err, syscall.EPIPE) {
			continue // records overwritten while reading: go on with the next
		}
		if err != nil || n <= 0 {
			return k, nil // EAGAIN: the end of the buffer
		}
		if kill, ok := parseOOMRecord(buf[:n], boot); ok {
			k.kills = append(k.kills, kill)
		}
	}
}

// bootTime is when the monotonic clock (the kernel log's) read zero.
func bootTime() time.Time {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return time.Time{}
	}
	return time.Now().Add(-time.Duration(ts.Nano()))
}

// parseOOMRecord reads one /dev/kmsg record "prio,seq,usec,flags;text"
// and keeps it if it is the kernel's one-line summary of an OOM kill:
// "oom-kill:constraint=…,oom_memcg=…,task_memcg=/docker/<id>,task=…,pid=…".
func parseOOMRecord(rec []byte, boot time.Time) (oomKill, bool) {
	head, text, ok := bytes.Cut(rec, []byte{';'})
	if !ok || !bytes.HasPrefix(text, []byte("oom-kill:")) {
		return oomKill{}, false
	}
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	k := oomKill{record: string(text)}
	fields := strings.Split(string(head), ",")
	if len(fields) >= 3 {
		var us int64
		for _, c := range fields[2] {
			if c < '0' || c > '9' {
				us = -1
				break
			}
			us = us*10 + int64(c-'0')
		}
		if us >= 0 && !boot.IsZero() {
			k.at = boot.Add(time.Duration(us) * time.Microsecond)
		}
	}
	for _, kv := range strings.Split(strings.TrimPrefix(k.record, "oom-kill:"), ",") {
		key, v, _ := strings.Cut(kv, "=")
		switch key {
		case "task_memcg":
			k.memcg = v
		case "task":
			k.task = v
		}
	}
	return k, k.memcg != ""
}

// find returns the last OOM kill in a memory cgroup whose path holds id
// (Docker: /docker/<id> or docker-<id>.scope; containerd: …/<id>).
func (k *KernelOOM) find(id string) (oomKill, bool) {
	if k == nil || len(id) < 12 {
		return oomKill{}, false
	}
	for i := len(k.kills) - 1; i >= 0; i-- {
		if strings.Contains(k.kills[i].memcg, id) {
			return k.kills[i], true
		}
	}
	return oomKill{}, false
}
