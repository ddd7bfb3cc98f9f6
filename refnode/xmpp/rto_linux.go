package xmpp

import (
	"net"
	"time"

	"golang.org/x/sys/unix"
)

// tcpRTOMaxMS is Linux's TCP_RTO_MAX_MS socket option (linux/tcp.h,
// kernel 6.15 and later); older kernels refuse it and keep their default.
const tcpRTOMaxMS = 44

// capRetransmitBackoff bounds the socket's retransmission and zero-window
// probe back-off (see rtoCap); errors are ignored: the cap is an aid.
func capRetransmitBackoff(tc *net.TCPConn, hold time.Duration) {
	if hold <= 0 {
		return // no hold timer: nothing to keep within it
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return
	}
	ms := int(rtoCap(hold) / time.Millisecond)
	_ = raw.Control(func(fd uintptr) {
		_ = unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, tcpRTOMaxMS, ms)
	})
}
