package printers

import (
	"testing"
	"time"
)

// Expected values printed by python3: str(timedelta(microseconds=us)) with
// commas removed, and str([s]).
func TestPyTimedelta(t *testing.T) {
	for us, want := range map[int64]string{
		0:               "0:00:00",
		1:               "0:00:00.000001",
		303123456:       "0:05:03.123456",
		86400000000:     "1 day 0:00:00",
		86401000002:     "1 day 0:00:01.000002",
		273601000002:    "3 days 4:00:01.000002",
		-1:              "-1 day 23:59:59.999999",
		-86405000000:    "-2 days 23:59:55",
		197756986672555: "2288 days 20:29:46.672555",
	} {
		if got := pyTimedelta(time.Duration(us) * time.Microsecond); got != want {
			t.Errorf("pyTimedelta(%dµs) = %q, want %q", us, got, want)
		}
	}
}

func TestPyListRepr(t *testing.T) {
	for s, want := range map[string]string{
		"gre":        `['gre']`,
		"it's":       `["it's"]`,
		`a"b`:        `['a"b']`,
		`both'"`:     `['both\'"']`,
		"tab\there":  `['tab\there']`,
		`back\slash`: `['back\\slash']`,
		"é":          `['é']`,
		"\x7f":       `['\x7f']`,
	} {
		if got := pyListRepr([]string{s}); got != want {
			t.Errorf("pyListRepr(%q) = %s, want %s", s, got, want)
		}
	}
	if got := pyListRepr(nil); got != "[]" {
		t.Errorf("empty list: %s", got)
	}
}

func TestAgeOfPtime(t *testing.T) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for text, want := range map[string]string{
		"2026-Nov-22 23:54:56.876544": "0:05:03.123456",
		"2026-Nov-22 23:55:00":        "0:05:00", // no fraction: ist.py crashes, we print it
		"":                            "None",
		"garbage":                     "None",
	} {
		if got, _, _ := age(now, text); got != want {
			t.Errorf("age(%q) = %q, want %q", text, got, want)
		}
	}
}
