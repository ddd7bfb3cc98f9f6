// Package testwait polls a condition in tests until it holds or a time
// limit passes (the one copy of the loop every package's tests need).
package testwait

import (
	"testing"
	"time"
)

// maxPoll bounds the polling interval, which starts at 5 ms and doubles:
// quick conditions are seen at once, slow ones cost few polls.
const maxPoll = 100 * time.Millisecond

// For waits until cond is true; after d it fails the test naming what.
func For(t testing.TB, what string, d time.Duration, cond func() bool) {
	t.Helper()
	Until(t, what, d, func() error {
		if cond() {
			return nil
		}
		return errNotYet
	})
}

// Until waits until check returns nil; after d it fails the test with
// check's last error.
func Until(t testing.TB, what string, d time.Duration, check func() error) {
	t.Helper()
	deadline := time.Now().Add(d)
	poll := 5 * time.Millisecond
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			if err == errNotYet {
				t.Fatalf("timed out after %s waiting for %s", d, what)
			}
			t.Fatalf("%s: still not true after %s: %v", what, d, err)
		}
		time.Sleep(poll)
		if poll *= 2; poll > maxPoll {
			poll = maxPoll
		}
	}
}

type notYet struct{}

func (notYet) Error() string { return "not yet" }

var errNotYet error = notYet{}
