package doctor

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/client"
	"github.com/tfkit/tfkit/introspect/collect"
	"github.com/tfkit/tfkit/introspect/readonly"
)

// commandOf is the ist command that sends a collected request, for the
// next-step hints.
var commandOf = map[string]string{
	collect.IDNodeStatus: "status", collect.IDNeighbors: "nei", collect.IDRouteSummary: "route summary",
	collect.IDXMPP: "xmpp", collect.IDDNSXMPP: "xmpp-dns", collect.IDInterfaces: "intf",
}

// silent returns why a node gave nothing: the request that got no answer
// (connection, TLS), or, when every request failed otherwise (HTTP error,
// malformed XML: something else answers there), the first one; nil when
// the node answered something.
func silent(n *collect.Node) *collect.Result {
	if r := n.Unreachable(); r != nil {
		return r
	}
	rs := n.Results()
	for _, r := range rs {
		if r.OK() {
			return nil
		}
	}
	if len(rs) == 0 {
		return nil
	}
	return rs[0]
}

func findUnreachable(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, n := range v.Col.Nodes {
		r := silent(n)
		if r == nil {
			continue
		}
		hits = append(hits, Hit{Node: n, Vars: map[string]string{"error": r.Err.What, "cause": classCause(r.Err)},
			Evidence: []Evidence{{Value: errorValue(r.Err), URL: r.URL}}})
	}
	return hits
}

// findRequestFailed reports requests that failed on a node that answers
// (HTTP error, malformed XML): the node is up, one page is not.
func findRequestFailed(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, n := range v.Col.Nodes {
		if silent(n) != nil {
			continue
		}
		for _, r := range n.Results() {
			if r.OK() || r.Skipped {
				continue
			}
			cmd := commandOf[r.Request.ID]
			if cmd == "" {
				cmd = "status"
			}
			hits = append(hits, Hit{Node: n, Vars: map[string]string{"request": readonly.Name(r.Request.Path),
				"error": r.Err.What, "cause": classCause(r.Err), "command": cmd},
				Evidence: []Evidence{{Value: errorValue(r.Err), URL: r.URL}}})
		}
	}
	return hits
}

// unconfiguredCollector: a Collector connection with no server address
// means no collector is configured (OpenSDN runs without analytics):
// not a fault.
func unconfiguredCollector(c Conn) bool {
	return c.Type == "Collector" && len(c.Servers) == 0
}

// coveredByXMPPChecks: an agent's XMPP connections (control-node:<ip>
// and dns-server:<ip>) are judged by the xmpp.* checks, which know both
// ends (xmpp.dns-sessions for the DNS servers).
func coveredByXMPPChecks(role string, c Conn) bool {
	return role == collect.RoleVRouter && c.Type == "XMPP"
}

func findConnections(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, d := range v.Daemons() {
		for _, p := range d.Status {
			for _, c := range p.Conns {
				if c.Status == "Up" || unconfiguredCollector(c) || coveredByXMPPChecks(d.Node.Role, c) {
					continue
				}
				name := c.Type
				if c.Name != "" {
					name += ":" + c.Name
				}
				servers := strings.Join(c.Servers, ", ")
				cause := connectionCauses[c.Type]
				if cause == "" {
					cause = "the {conn} connection is down: check that service and the daemon's log"
				}
				vars := map[string]string{"module": p.Module, "conn": name, "status": c.Status, "description": c.Description,
					"servers": servers, "name": c.Name}
				vars["cause"] = expand(cause, vars)
				h := Hit{Node: d.Node, Vars: vars, Evidence: []Evidence{{Value: "ConnectionInfo " + name + " status=" + c.Status +
					" description=" + quote(c.Description) + " server_addrs=" + servers, URL: d.StatusURL}}}
				if c.Type == "Collector" {
					h.Severity = Warning // forwarding is not affected
				}
				hits = append(hits, h)
			}
		}
	}
	return hits
}

// findProcesses reports a Non-Functional process whose reason is not a
// connection already reported (or an unconfigured Collector, or agent
// XMPP sessions the xmpp checks judge).
func findProcesses(v *View, _ *Options) []Hit {
	var hits []Hit
	for _, d := range v.Daemons() {
		for _, p := range d.Status {
			if p.State == "Functional" || p.State == "" {
				continue
			}
			explained := false
			for _, c := range p.Conns {
				if c.Status != "Up" {
					explained = true
				}
			}
			if explained && strings.HasSuffix(strings.TrimSpace(p.Description), "connection down") {
				continue
			}
			hits = append(hits, Hit{Node: d.Node, Vars: map[string]string{"module": p.Module, "state": p.State,
				"description": p.Description, "cause": describeCause(p.Description)},
				Evidence: []Evidence{{Value: "ProcessStatus " + p.Module + " state=" + p.State + " description=" + quote(p.Description), URL: d.StatusURL}}})
		}
	}
	return hits
}

func quote(s string) string { return `"` + s + `"` }

// errorValue is what the client saw, without its hint (the finding has
// its own cause and next commands).
func errorValue(e *client.Error) string {
	if e.Where == "" {
		return e.What
	}
	return e.What + " (" + e.Where + ")"
}
