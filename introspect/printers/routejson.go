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
	opt    Options
	b      []byte
	done   [][]byte
	n      int
	closed bool // "\n]\n" appended
}

func (r *routeJSON) Add(host, _ string, n *sandesh.Node) error {
	if n.Name != "ShowRoute" {
		return nil
	}
	rec := &sandesh.Node{Name: n.Name, Attrs: n.Attrs}
	if t := ancestor(n, "ShowRouteTable"); t != nil {
		for _, f := range []string{"routing_instance", "routing_table_name"} {
			if c := t.Child(f); c != nil {
				rec.Children = append(rec.Children, c)
			}
		}
	}
	rec.Children = append(rec.Children, n.Children...)
	if r.n == 0 {
		r.b = append(r.b, '[')
	} else {
		r.b = append(r.b, ',')
	}
	r.n++
	r.b = append(r.b, '\n')
	obj := sandesh.AppendJSON(nil, rec)
	if r.opt.ShowHost && len(obj) > 1 {
		r.b = append(r.b, `{"host":`...)
		r.b = appendJSONString(r.b, host)
		r.b = append(r.b, ',')
		obj = obj[1:]
	}
	r.b = append(r.b, obj...)
	release(n)
	if len(r.b) >= chunkSize {
		r.done = append(r.done, r.b)
		r.b = make([]byte, 0, chunkSize+chunkSize/4)
	}
	return nil
}

func (r *routeJSON) Output() ([]byte, error) {
	return bytes.Join(r.chunks(), nil), nil
}

// WriteTo writes what Output returns, chunk by chunk (see Sink).
func (r *routeJSON) WriteTo(w io.Writer) (int64, error) {
	return writeChunks(w, r.chunks())
}

// chunks closes the array (once) and returns the whole output.
func (r *routeJSON) chunks() [][]byte {
	if r.n == 0 {
		return [][]byte{[]byte("[]\n")}
	}
	if !r.closed {
		r.closed = true
		r.b = append(r.b, "\n]\n"...)
	}
	return append(r.done, r.b)
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	return sandesh.AppendJSON(b, &sandesh.Node{Name: "s", Text: s})
}
