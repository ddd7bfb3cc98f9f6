package printers

import (
	"bytes"
	"io"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

// routeJSON is `ctr route show --format json`: one object per route, its
// table's routing_instance and routing_table_name first (and the host
// with several hosts), formatted as each route is parsed, in the array
// layout of render's JSON.
type routeJSON struct {
	opt Options
	chunked
	n      int
	closed bool         // "\n]\n" appended
	rec    sandesh.Node // the route with its table's names, reused
	kids   []*sandesh.Node
	tmp    []byte
}

func (r *routeJSON) Add(host, _ string, n *sandesh.Node) error {
	if n.Name != "ShowRoute" {
		return nil
	}
	// One record node and one child list serve every route: the JSON is
	// made before Add returns (records may be transient).
	r.kids = r.kids[:0]
	if t := ancestor(n, "ShowRouteTable"); t != nil {
		for _, f := range []string{"routing_instance", "routing_table_name"} {
			if c := t.Child(f); c != nil {
				r.kids = append(r.kids, c)
			}
		}
	}
	r.kids = append(r.kids, n.Children...)
	r.rec = sandesh.Node{Name: n.Name, Attrs: n.Attrs, Children: r.kids}
	if r.n == 0 {
		r.b = append(r.b, '[')
	} else {
		r.b = append(r.b, ',')
	}
	r.n++
	r.b = append(r.b, '\n')
	start := len(r.b)
	r.b = sandesh.AppendJSON(r.b, &r.rec)
	if r.opt.ShowHost && len(r.b)-start > 1 {
		r.tmp = append(r.tmp[:0], r.b[start+1:]...)
		r.b = append(r.b[:start], `{"host":`...)
		r.b = appendJSONString(r.b, host)
		r.b = append(r.b, ',')
		r.b = append(r.b, r.tmp...)
	}
	r.rec = sandesh.Node{}
	clear(r.kids)
	return r.next(r.opt.MaxBytes)
}

func (r *routeJSON) Output() ([]byte, error) {
	return bytes.Join(r.array(), nil), nil
}

// WriteTo writes what Output returns, chunk by chunk (see Sink).
func (r *routeJSON) WriteTo(w io.Writer) (int64, error) {
	return writeChunks(w, r.array())
}

// array closes the array (once) and returns the whole output.
func (r *routeJSON) array() [][]byte {
	if r.n == 0 {
		return [][]byte{[]byte("[]\n")}
	}
	if !r.closed {
		r.closed = true
		r.b = append(r.b, "\n]\n"...)
	}
	return r.chunks()
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	return sandesh.AppendJSON(b, &sandesh.Node{Name: "s", Text: s})
}
