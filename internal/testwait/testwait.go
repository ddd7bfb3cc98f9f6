// Package testwait polls a condition in tests until it holds or a time
// limit passes: the one copy of the loop that tests (and test helpers
// such as engine/enginetest) need instead of sleeping.
package testwait

import (
	"errors"
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
		return ErrNotYet
	})
}

// Until waits until check returns nil; after d it fails the test with
// check's last error.
func Until(t testing.TB, what string, d time.Duration, check func() error) {
	t.Helper()
	if err := Poll(d, check); err != nil {
		if errors.Is(err, ErrNotYet) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		t.Fatalf("%s: still not true after %s: %v", what, d, err)
	}
}

// Poll calls check until it returns nil, and returns nil; after d it
// returns check's last error. For helpers that report errors rather than
// fail a test.
func Poll(d time.Duration, check func() error) error {
	deadline := time.Now().Add(d)
	poll := 5 * time.Millisecond
	for {
		err := check()
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(poll)
		if poll *= 2; poll > maxPoll {
			poll = maxPoll
		}
	}
}

// ErrNotYet is what a check may return while its condition does not
// hold yet and there is nothing better to say.
var ErrNotYet = errors.New("not yet")
