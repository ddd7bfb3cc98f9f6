package bundle

// maskText masks secrets in a URL, error or command line (placeholder
// until internal/redact lands on main).
func maskText(s string) string { return s }

// maskBody masks secrets in a page's XML (placeholder).
func maskBody(b []byte) []byte { return b }
