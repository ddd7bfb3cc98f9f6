package watch

import (
	"strings"

	"github.com/tfkit/tfkit/internal/clikit"
)

// Cond is one condition of --until: a column equal (or not) to a value.
type Cond struct {
	Column, Value string
	Not           bool
}

func (c Cond) String() string {
	if c.Not {
		return c.Column + "!=" + c.Value
	}
	return c.Column + "=" + c.Value
}

// ParseUntil reads "col=value[,col!=value…]".
func ParseUntil(s, help string) ([]Cond, error) {
	var out []Cond
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		c := Cond{}
		k, v, ok := strings.Cut(part, "!=")
		if ok {
			c.Not = true
		} else if k, v, ok = strings.Cut(part, "="); !ok {
			return nil, clikit.Usagef(help, "bad --until %q: write column=value (or column!=value), e.g. state=Established", part)
		}
		c.Column, c.Value = strings.TrimSpace(k), strings.TrimSpace(v)
		if c.Column == "" {
			return nil, clikit.Usagef(help, "bad --until %q: no column", part)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, clikit.Usagef(help, "empty --until")
	}
	return out, nil
}

// holds reports whether there is at least one row and every row meets
// every condition (a column the rows lack never meets one).
func holds(cs []Cond, rows map[string]row) bool {
	if len(rows) == 0 {
		return false
	}
	for _, r := range rows {
		for _, c := range cs {
			v, ok := r[c.Column]
			if !ok || (v == c.Value) == c.Not {
				return false
			}
		}
	}
	return true
}
