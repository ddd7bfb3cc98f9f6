package topo

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// UnmarshalYAML accepts `all` or a list of names.
func (l *NameList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value == "all" {
			*l = NameList{All: true}
			return nil
		}
		return fmt.Errorf("line %d: %q: write `all` or a list of control node names, e.g. [control-1, control-2]", n.Line, n.Value)
	case yaml.SequenceNode:
		var names []string
		if err := n.Decode(&names); err != nil {
			return err
		}
		*l = NameList{Names: names}
		return nil
	}
	return fmt.Errorf("line %d: write `all` or a list of control node names", n.Line)
}

// MarshalYAML writes `all` or the list.
func (l NameList) MarshalYAML() (any, error) {
	if l.All {
		return "all", nil
	}
	return l.Names, nil
}

// IsZero lets omitempty drop an unset list.
func (l NameList) IsZero() bool { return !l.All && len(l.Names) == 0 }
