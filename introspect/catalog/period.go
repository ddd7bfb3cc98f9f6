package catalog

import (
	"fmt"
	"strconv"
	"time"
)

// ParsePeriod reads ist.py's --last periods: a number and one of
// s, m, h, d, w.
func ParsePeriod(s string) (time.Duration, error) {
	units := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if len(s) < 2 {
		return 0, fmt.Errorf("invalid period %q: a number then s, m, h, d or w (e.g. 10s, 5m, 2h, 5d)", s)
	}
	u, ok := units[s[len(s)-1]]
	n, err := strconv.ParseUint(s[:len(s)-1], 10, 32)
	if !ok || err != nil {
		return 0, fmt.Errorf("invalid period %q: a number then s, m, h, d or w (e.g. 10s, 5m, 2h, 5d)", s)
	}
	return time.Duration(n) * u, nil
}

func checkPeriod(s string) error { _, err := ParsePeriod(s); return err }
