// Package collect is tfkit's one collector of cluster-wide introspect
// state: `ist doctor` uses it now; `ist bundle`, `ist diff`, `ist watch`
// and tf-exporter are meant to reuse it, so that what one command
// collected another can read (a bundle is a serialised Collection).
//
// A Collector starts from one or more control nodes (--host) and finds
// the rest of the cluster in introspect itself: the other control nodes
// are the BGP neighbors of type control-node, every vRouter agent is an
// XMPP peer of some control node, and each is reached at its address and
// its role's default introspect port (introspect/catalog roles,
// overridable per role). A hosts file (package introspect/hosts, the file
// `ist follow` reads) says where a node's introspect answers when it is
// not its address, and adds nodes nobody reports (analytics, config, a
// vRouter that is down); a line's third word is its role (default vr).
//
// Then it asks every node the requests a Plan gives for its role, in
// parallel over at most Options.Parallel connections (default 64), one
// node per connection at a time, its requests in order. Every client is
// built with Policy readonly.Check: only read-only requests leave.
// Deadlines: each HTTP request has the client's Timeout; discovery
// rounds are bounded by the requests they make; after discovery, the
// requests and the follow-ups together get two Timeouts, whatever the
// number of nodes that hang (a node whose first request gets no answer
// is not asked again: its other requests are recorded as skipped with
// that failure). A node that does not answer is a Result with the
// client's error class (refused or timeout: connection; TLS; HTTP
// error; malformed XML), never a crash or a hang.
//
// Per node and request a Result keeps the parsed records (the Request's
// Names elements, as introspect/sandesh nodes), the URL to show an
// operator, and every page fetched (continuations included): URL, HTTP
// status, size, timing, and with Options.KeepRaw the bytes, so a bundle
// can write the very same collection a doctor read.
//
//	c, err := collect.New(collect.Options{Client: cfg})
//	col, err := c.Run(ctx, []string{"10.0.0.11"}, hostsFile, collect.Plan{
//		Requests: func(n *collect.Node) []collect.Request { … },
//		FollowUp: func(col *collect.Collection) []collect.Ask { … },
//	})
//	for _, n := range col.Nodes { r := n.Result(collect.IDNodeStatus); … }
//
// Run returns an error only when no starting control node answered (its
// client error, so the command exits 3–6 like any ist command).
package collect
