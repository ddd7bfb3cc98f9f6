package watch

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tfkit/tfkit/internal/records"
	"github.com/tfkit/tfkit/introspect/collect"
)

// Change is one column of a row that changed.
type Change struct {
	Column string `json:"column"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Event is one line of a watch's output (-f json: one object per line).
type Event struct {
	Time    string            `json:"time"`
	Host    string            `json:"host,omitempty"`
	Event   string            `json:"event"` // initial, added, removed, changed, error, answers, until
	Key     string            `json:"key,omitempty"`
	Row     map[string]string `json:"row,omitempty"`
	Changes []Change          `json:"changes,omitempty"`
	Message string            `json:"message,omitempty"`
}

type printer struct {
	cfg  Config
	many bool // several hosts: each line names its host
	cols []string
}

// marks are the text prefixes of events.
var marks = map[string]string{"initial": "=", "added": "+", "removed": "-", "changed": "~", "error": "!", "answers": "+", "until": "✓"}

// event writes one transition.
func (p *printer) event(host, kind, key string, r row, ch []Change, msg string) {
	now := p.cfg.Now()
	e := Event{Time: now.Format("2006-01-02T15:04:05.000Z07:00"), Host: host, Event: kind, Key: key, Row: r, Changes: ch, Message: msg}
	if p.cfg.Format == records.JSON {
		b, _ := json.Marshal(e)
		p.cfg.Out.Write(append(b, '\n'))
		return
	}
	var b strings.Builder
	b.WriteString(now.Format("15:04:05.000") + " " + marks[kind] + " ")
	if p.many && host != "" {
		b.WriteString(host + " ")
	}
	switch kind {
	case "error":
		b.WriteString("no answer: " + msg)
	case "answers":
		b.WriteString("answers again")
	case "until":
		b.WriteString(msg)
	case "changed":
		b.WriteString(key)
		for i, c := range ch {
			sep := ", "
			if i == 0 {
				sep = "  "
			}
			fmt.Fprintf(&b, "%s%s: %s -> %s", sep, c.Column, c.Before, c.After)
		}
	default:
		b.WriteString(key)
		for i, c := range p.cols {
			sep := " "
			if i == 0 {
				sep = "  "
			}
			fmt.Fprintf(&b, "%s%s=%s", sep, c, r[c])
		}
	}
	b.WriteByte('\n')
	p.cfg.Out.Write([]byte(b.String()))
}

func naturalCompare(a, b string) int { return collect.NaturalCompare(a, b) }
