package bgp

import (
	"sync"
	"time"
)

// history keeps Contrail's per-peer state history. GoBGP's Flops only
// counts sessions shorter than 30 s; Contrail counts every transition out
// of Established (state_machine.cc UpdateFlapCount), so we count ourselves.
type history struct {
	mu    sync.Mutex
	peers map[string]*peerHist
}

type peerHist struct {
	state, lastState, lastEvent string
	lastStateAt                 time.Time
	flapCount                   uint64
	flapTime                    time.Time
	lastError                   string
}

func newHistory() *history { return &history{peers: map[string]*peerHist{}} }

func (h *history) get(key string) *peerHist {
	p := h.peers[key]
	if p == nil {
		p = &peerHist{state: StateIdle}
		h.peers[key] = p
	}
	return p
}

// transition records a state change; false if the peer was in state
// already (nothing recorded).
func (h *history) transition(key, state, event, errText string, at time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.get(key)
	if p.state == state {
		return false
	}
	if p.state == StateEstablished {
		p.flapCount++
		p.flapTime = at
	}
	p.lastState, p.state, p.lastEvent, p.lastStateAt = p.state, state, event, at
	// GoBGP gives a reason with every transition ("new-connection",
	// "open-msg-received"); only the reason a session failed is an error.
	if errText != "" && state == StateIdle {
		p.lastError = errText
	}
	return true
}

// reset clears the flap history (admin re-enable).
func (h *history) reset(key string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.get(key)
	p.flapCount, p.flapTime = 0, time.Time{}
}

func (h *history) snapshot(key string) peerHist {
	h.mu.Lock()
	defer h.mu.Unlock()
	return *h.get(key)
}

// eventFor names the FSM event that most likely caused a move to state,
// in Contrail's "fsm::Ev…" vocabulary.
func eventFor(from, to string) string {
	switch to {
	case StateEstablished:
		return "fsm::EvBgpKeepalive"
	case StateOpenConfirm:
		return "fsm::EvBgpOpen"
	case StateOpenSent:
		return "fsm::EvTcpConnected"
	case StateConnect:
		return "fsm::EvConnectTimerExpired"
	case StateActive:
		switch from {
		case StateEstablished, StateOpenConfirm, StateOpenSent:
			return "fsm::EvTcpClose"
		case StateIdle:
			return "fsm::EvIdleHoldTimerExpired"
		}
		return "fsm::EvTcpConnectFail"
	case StateIdle:
		return "fsm::EvStop"
	}
	return ""
}

// clear forgets every peer except its current state.
func (h *history) clear() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, p := range h.peers {
		h.peers[k] = &peerHist{state: p.state}
	}
}
