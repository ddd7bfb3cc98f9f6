// Package testnet gives tests loopback addresses with known behaviour.
package testnet

import (
	"net"
	"testing"
)

// DeadAddr is a 127.0.0.1 address whose port nobody listens on (it was
// free a moment ago): connecting to it is refused.
func DeadAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
