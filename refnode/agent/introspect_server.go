package agent

import (
	"fmt"
	"net"
	"net/netip"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// introspect is the agent's Sandesh HTTP server (contrail-vrouter-agent
// persona: C++ positional arguments and framing).
type introspect struct {
	srv  *sandesh.Server
	addr net.Addr
}

func startIntrospect(a *Agent, addr netip.AddrPort) (*introspect, error) {
	srv := sandesh.NewServer("contrail-vrouter-agent")
	a.register(srv)
	bound, err := srv.Start(addr.String())
	if err != nil {
		return nil, fmt.Errorf("agent %s: introspect listen %s: %w", a.cfg.Name, addr, err)
	}
	return &introspect{srv: srv, addr: bound}, nil
}

func (in *introspect) close() { _ = in.srv.Close() }

// IntrospectAddr is the bound introspect address ("" when not serving).
func (a *Agent) IntrospectAddr() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.intro == nil {
		return ""
	}
	return a.intro.addr.String()
}
