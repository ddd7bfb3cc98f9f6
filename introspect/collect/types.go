package collect

import (
	"time"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Roles of the nodes discovery finds (ist role names, introspect/catalog).
const (
	RoleControl = "ctr"
	RoleVRouter = "vr"
)

// Request is one introspect query of a node.
type Request struct {
	ID    string   // stable name, the key of Node.Result (e.g. IDNodeStatus)
	Path  string   // "Snh_<Req>?…", built with client.Path
	Names []string // record elements kept (client.Request.Names)
	// Fields, when set, keeps only these children of each record (with
	// their subtrees): the records of a large cluster then take a
	// fraction of the memory, and the parser reuses its buffers. Empty:
	// whole records (what a bundle keeps).
	Fields []string
}

// Ask is a request of one node decided from what was collected (a
// follow-up, e.g. a control node's routes of the VRFs its agents use).
type Ask struct {
	Node     *Node
	Requests []Request
}

// Plan says what to ask once the nodes are known.
type Plan struct {
	// Requests gives the requests of one node (by its Role).
	Requests func(n *Node) []Request
	// Discovered, optional, is told every node discovery found before
	// Requests is asked for any (a plan that depends on the cluster's
	// size).
	Discovered func(nodes []*Node)
	// FollowUp, optional, gives more requests from the collection so far;
	// they run under the same deadline as Requests.
	FollowUp func(c *Collection) []Ask
	// Fields gives, by request ID, the Request.Fields of the requests
	// that have none, discovery's neighbor lists included.
	Fields map[string][]string
}

// Node is one daemon of the cluster.
type Node struct {
	Name    string        // as the cluster names it (BGP/XMPP peer, NodeStatus name); the host given until known
	Role    string        // ist role: RoleControl, RoleVRouter, or a hosts-file role
	Address string        // the address the cluster knows it by (BGP peer / XMPP source / hosts file); "" until known
	Target  client.Target // where its introspect was asked
	Found   []string      // how it was found: "--host", "bgp:<control>", "xmpp:<control>", "hosts:<file>:<line>"

	results map[string]*Result
	order   []string
	failed  *Result // the first request that got no answer (connection or TLS class)
	named   bool    // Name comes from the cluster, not from the command line
}

// Result returns the result of request id, nil when it was not asked.
func (n *Node) Result(id string) *Result { return n.results[id] }

// Results lists the node's results in the order they were asked.
func (n *Node) Results() []*Result {
	out := make([]*Result, 0, len(n.order))
	for _, id := range n.order {
		out = append(out, n.results[id])
	}
	return out
}

// Unreachable returns the failure that stopped the node from being asked
// (no answer: refused, timeout, TLS), or nil when it answered.
func (n *Node) Unreachable() *Result { return n.failed }

// Result is one request of one node.
type Result struct {
	Request Request
	URL     string          // the first page's URL: what an operator opens to see it
	Records []*sandesh.Node // Request.Names elements in document order; nil when the request failed
	Pages   []Page          // every page fetched (continuations, prefetches); none when skipped
	Err     *client.Error   // nil when every page parsed
	Skipped bool            // not sent: the node had already failed (Err is that failure) or the deadline passed
	Start   time.Time
	Elapsed time.Duration
}

// OK reports whether the request was answered and parsed.
func (r *Result) OK() bool { return r != nil && r.Err == nil }

// Class is the client's error class of a failed request, 0 when OK.
func (r *Result) Class() client.Class {
	if r == nil || r.Err == nil {
		return 0
	}
	return r.Err.Class
}

// Page is one HTTP exchange of a request.
type Page struct {
	URL     string        `json:"url"`
	Status  int           `json:"status,omitempty"` // HTTP status; 0 when no answer came
	Size    int64         `json:"size"`             // bytes of the body read
	Body    []byte        `json:"-"`                // the body, with Options.KeepRaw
	Start   time.Time     `json:"start"`
	Elapsed time.Duration `json:"elapsed"`
	Err     string        `json:"error,omitempty"` // transport or read error
}

// Collection is everything one run collected.
type Collection struct {
	Start, End time.Time
	Timeout    time.Duration // per request
	Hosts      []string      // the starting control nodes, as given
	Nodes      []*Node       // controls, then vRouters, then other roles; by name within a role
	Sent       int64         // HTTP requests sent (pages, continuations and prefetches included)
}

// ByRole returns the nodes of one role.
func (c *Collection) ByRole(role string) []*Node {
	var out []*Node
	for _, n := range c.Nodes {
		if n.Role == role {
			out = append(out, n)
		}
	}
	return out
}

// Find returns the node of role with that address or name, nil when none.
func (c *Collection) Find(role, addrOrName string) *Node {
	for _, n := range c.Nodes {
		if n.Role == role && (n.Address == addrOrName || n.Name == addrOrName) {
			return n
		}
	}
	return nil
}
