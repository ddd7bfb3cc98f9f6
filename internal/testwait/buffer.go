package testwait

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer that a running command, capture or watch
// writes while the test reads it (in Until's condition, typically): the
// lock makes the two sides safe under -race.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is what was written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
