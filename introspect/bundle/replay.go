package bundle

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tfkit/tfkit/introspect/client"
)

// Replay is a client transport that answers from the bundle
// (client.Config.WrapTransport): every request an ist command sends
// gets the bytes the node sent when the bundle was written, status and
// continuations included, so the command prints what it printed live.
// Nothing goes to the network.
//
//	cfg.WrapTransport = b.Replay
func (b *Bundle) Replay(http.RoundTripper) http.RoundTripper { return replay{b} }

type replay struct{ b *Bundle }

// ExitNotCollected is the exit code of a request the bundle does not
// hold (usage class: the command line asks what was not collected).
const ExitNotCollected = int(client.ClassUsage)

func (r replay) RoundTrip(req *http.Request) (*http.Response, error) {
	i, err := r.b.NodeAt(req.URL.Host)
	if err != nil {
		return nil, err
	}
	n := &r.b.Manifest.Nodes[i]
	path := strings.TrimPrefix(req.URL.RequestURI(), "/")
	p := r.b.Page(i, maskText(path)) // saved masked, as the bundle holds every URL
	if p == nil {
		if n.Unreachable != "" {
			return nil, r.recorded(n, n.Unreachable, unreachableClass(n))
		}
		return nil, &client.Error{Class: client.ClassUsage,
			What: fmt.Sprintf("the bundle did not collect %s from %s %s", path, n.Role, n.Name),
			Hint: fmt.Sprintf("it holds %d answers of that node: each ist command with no value typed (vr route: each VRF) and the pages they list; ask the node live", len(r.b.pages[i]))}
	}
	if p.Status == 0 {
		return nil, r.recorded(n, p.Error, client.ClassConnection)
	}
	rd, err := r.b.openBody(p) // streamed: a page may be megabytes
	if err != nil {
		return nil, &client.Error{Class: client.ClassParse, What: "cannot read the bundle's entry " + p.Entry + ": " + err.Error(), Hint: "the bundle file is damaged"}
	}
	if p.Error != "" {
		rd = io.MultiReader(rd, errReader{fmt.Errorf("%s", p.Error)})
	}
	return &http.Response{Status: fmt.Sprintf("%d %s", p.Status, http.StatusText(p.Status)), StatusCode: p.Status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{"Content-Type": {"text/xml"}},
		Body: io.NopCloser(rd), ContentLength: -1, Request: req}, nil
}

// recorded replays a failure the bundle saw.
func (r replay) recorded(n *Node, what string, class client.Class) error {
	return &client.Error{Class: class, What: what, Where: n.Target + " (" + n.Name + ", saved in " + r.b.Path + " " + r.b.Manifest.Created.Format(time.RFC3339) + ")",
		Hint: "the node did not answer when the bundle was written"}
}

// unreachableClass is the class of the failure that made a node
// unreachable.
func unreachableClass(n *Node) client.Class {
	for _, q := range n.Requests {
		if q.Class != 0 {
			return client.Class(q.Class)
		}
	}
	return client.ClassConnection
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
