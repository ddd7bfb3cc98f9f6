//go:build !linux

package xmpp

import (
	"net"
	"time"
)

// capRetransmitBackoff has no portable socket option; the kernel's
// default back-off applies.
func capRetransmitBackoff(*net.TCPConn, time.Duration) {}
