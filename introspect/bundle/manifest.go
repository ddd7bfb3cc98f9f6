package bundle

import (
	"time"
)

// Schema names the manifest's layout; it only ever gains fields.
const Schema = "tfkit.bundle/v1"

// Entry names inside the archive.
const (
	prefix       = "tfkit-bundle/"
	ManifestName = prefix + "manifest.json"
	FindingsJSON = prefix + "findings.json"
	FindingsText = prefix + "findings.txt"
)

// Manifest says what a bundle holds: when and how it was collected,
// every node, every request with its URL, status and timing, and what
// failed and why. It is the bundle's index: each page names its entry
// and where that entry lies.
type Manifest struct {
	Schema   string        `json:"schema"`
	Tool     string        `json:"tool"`    // "tfkit ist <version>"
	Command  string        `json:"command"` // the command line, secrets masked
	Created  time.Time     `json:"created"` // when the collection started
	Elapsed  time.Duration `json:"elapsed"` // ns
	Hosts    []string      `json:"hosts"`   // the starting control nodes
	Timeout  time.Duration `json:"timeout"` // per request, ns
	Parallel int           `json:"parallel"`
	Requests int64         `json:"requests"` // HTTP requests sent
	Bytes    int64         `json:"bytes"`    // page bytes read
	// VRTables says whose vRouter forwarding tables (vr route of every
	// VRF and family, vr nh) were collected: "all", "none…", or names.
	VRTables string `json:"vr_tables"`
	Nodes    []Node `json:"nodes"`
	// Absent are co-located daemons that refused the connection on
	// every request (not deployed there): left out of Nodes.
	Absent   []Node         `json:"absent,omitempty"`
	Files    map[string]Loc `json:"files"` // other entries: findings
	Failures []Failure      `json:"failures"`
}

// Node is one daemon of the collection.
type Node struct {
	Name        string    `json:"name"`
	Role        string    `json:"role"`
	Address     string    `json:"address,omitempty"`
	Target      string    `json:"target"` // host:port asked
	Scheme      string    `json:"scheme"`
	Found       []string  `json:"found"`
	Unreachable string    `json:"unreachable,omitempty"` // why it was not asked further
	Requests    []Request `json:"requests"`
}

// Request is one request of a node.
type Request struct {
	ID      string        `json:"id"`
	Path    string        `json:"path"` // "Snh_…", the key replay looks up
	URL     string        `json:"url"`
	Start   time.Time     `json:"start"`
	Elapsed time.Duration `json:"elapsed"`
	Error   string        `json:"error,omitempty"`
	What    string        `json:"what,omitempty"`  // the failure alone, without where and hint (what replay says)
	Class   int           `json:"class,omitempty"` // the client's error class (exit code), 0 when answered
	Skipped bool          `json:"skipped,omitempty"`
	Pages   []Page        `json:"pages"`
}

// Page is one HTTP exchange and the entry holding its body (its URL is
// the request's target with Path).
type Page struct {
	Path    string        `json:"path"`
	Status  int           `json:"status,omitempty"`
	Size    int64         `json:"size"`
	Start   time.Time     `json:"start"`
	Elapsed time.Duration `json:"elapsed"`
	Error   string        `json:"error,omitempty"`
	Entry   string        `json:"entry,omitempty"` // "" when no body was read
	Loc     Loc           `json:"loc"`
}

// Failure is one thing that went wrong, for the reader of the manifest.
type Failure struct {
	Node    string `json:"node"`
	Request string `json:"request,omitempty"` // the request's name ("" when the node did not answer at all)
	What    string `json:"what"`              // the failure (the request's error has where and what to do)
}
