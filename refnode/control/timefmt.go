package control

import (
	"fmt"
	"time"
)

// ptime renders t as Boost's ptime default text in UTC
// ("2020-Aug-17 02:34:53.356095"), the way contrail-control prints
// last_modified, last_state_at and flap_time (spec §2.11). The fraction is
// dropped when it is exactly zero, as Boost does; the zero time is "".
func ptime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	s := t.Format("2006-Jan-02 15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s
}

// stamp returns now with a non-zero microsecond fraction: ist.py's
// strptime(... %f) crashes on a time printed without one, which Boost
// produces for a whole second; real nodes hit that one time in a million.
func stamp(now time.Time) time.Time {
	if now.Nanosecond()/1000 == 0 {
		now = now.Add(time.Microsecond)
	}
	return now
}
