package cluster

import (
	"fmt"
)

// DefaultBuilder makes the real nodes: control nodes, vRouter agents and
// personas.
func DefaultBuilder(s Service) (Node, error) {
	return nil, fmt.Errorf("role %s is not available in this build yet", s.Role)
}
