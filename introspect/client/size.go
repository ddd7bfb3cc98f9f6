package client

import (
	"fmt"
	"strconv"
	"strings"
)

// Size is a byte count given on the command line: a number with an
// optional binary suffix (K, M, G, T; "KiB"/"KB" alike), e.g. 10M, 1G.
// It implements flag.Value (urfave/cli's GenericFlag).
type Size int64

// NewSize returns a Size holding n, for a flag's default.
func NewSize(n int64) *Size { s := Size(n); return &s }

// Set parses a size; it must be positive.
func (s *Size) Set(v string) error {
	t := strings.ToUpper(strings.TrimSpace(v))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	if k := len(t); k > 0 {
		if i := strings.IndexByte("KMGT", t[k-1]); i >= 0 {
			mult = 1 << (10 * (i + 1))
			t = t[:k-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return fmt.Errorf("bad size %q: give a positive number of bytes, e.g. 1048576, 512K, 10M, 2G", v)
	}
	*s = Size(n * mult)
	return nil
}

// String prints the size the way Set reads it, in the largest exact unit.
func (s *Size) String() string {
	if s == nil {
		return "0"
	}
	n := int64(*s)
	for _, u := range []string{"T", "G", "M", "K"} {
		m := int64(1) << (10 * (strings.Index("KMGT", u) + 1))
		if n >= m && n%m == 0 {
			return strconv.FormatInt(n/m, 10) + u
		}
	}
	return strconv.FormatInt(n, 10)
}

// Bytes is the size as a number of bytes.
func (s *Size) Bytes() int64 {
	if s == nil {
		return 0
	}
	return int64(*s)
}
