// Package timers holds the protocol timers a refnode cluster runs with.
// Real Contrail defaults are long (90 s hold); tests shrink them all with
// one Scale so that failures show up in seconds, and introspect shows the
// values in force.
package timers

import "time"

// Timers are the protocol timers in force for one cluster.
type Timers struct {
	Scale         float64       // 1.0 = Contrail defaults
	XMPPHold      time.Duration // agent <-> control hold time (90 s)
	XMPPKeepalive time.Duration // 30 s (hold/3)
	XMPPBackoff   time.Duration // reconnect back-off cap (30 s)
	BGPHold       time.Duration // 90 s; GoBGP minimum 3 s
	BGPKeepalive  time.Duration // 30 s
	BGPConnect    time.Duration // connect retry (30 s cap); GoBGP minimum 2 s
	IdleHold      time.Duration // 5 s
	EoR           time.Duration // end-of-RIB timeout (300 s)
	AgentEoRQuiet time.Duration // agent sends EoR after this long without updates (15 s)
}

// Defaults are the Contrail values.
func Defaults() Timers { return Scaled(1) }

// Scaled returns the Contrail defaults multiplied by scale, with the floors
// the protocol libraries impose (GoBGP: hold >= 3 s, connect retry >= 2 s).
func Scaled(scale float64) Timers {
	if scale <= 0 {
		scale = 1
	}
	s := func(d time.Duration, floor time.Duration) time.Duration {
		v := time.Duration(float64(d) * scale)
		if v < floor {
			v = floor
		}
		return v
	}
	return Timers{
		Scale:         scale,
		XMPPHold:      s(90*time.Second, 300*time.Millisecond),
		XMPPKeepalive: s(30*time.Second, 100*time.Millisecond),
		XMPPBackoff:   s(30*time.Second, 100*time.Millisecond),
		BGPHold:       s(90*time.Second, 3*time.Second),
		BGPKeepalive:  s(30*time.Second, time.Second),
		BGPConnect:    s(30*time.Second, 2*time.Second),
		IdleHold:      s(5*time.Second, 100*time.Millisecond),
		EoR:           s(300*time.Second, time.Second),
		AgentEoRQuiet: s(15*time.Second, 100*time.Millisecond),
	}
}
