package topo

import (
	"fmt"
	"strings"
)

// FieldError is one problem in a topology, at a key path such as
// `networks[1].subnet`, with what to do about it.
type FieldError struct {
	Path string
	Msg  string
}

func (e FieldError) Error() string { return e.Path + ": " + e.Msg }

// Errors is every problem found in one topology; Error() shows the first
// one on one line and counts the others.
type Errors []FieldError

func (es Errors) Error() string {
	if len(es) == 0 {
		return "no errors"
	}
	if len(es) == 1 {
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more problems: run `refnode topology validate` to list them)", es[0].Error(), len(es)-1)
}

// Lines lists every problem, one per line.
func (es Errors) Lines() string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// errs collects errors while a topology is checked.
type errs struct{ list Errors }

func (c *errs) add(path, format string, a ...any) {
	c.list = append(c.list, FieldError{Path: path, Msg: fmt.Sprintf(format, a...)})
}

func (c *errs) err() error {
	if len(c.list) == 0 {
		return nil
	}
	return c.list
}
