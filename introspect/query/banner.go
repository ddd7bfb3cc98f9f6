package query

import (
	"io"
	"strings"
)

// Banner is what ist.py prints before its output, which scripts written
// for it skip (`ist.py --host h vr intf | tail -n +2`): the host it was
// given, first, then, when reading a saved answer, one line naming the
// file before the output of each request. ist prints the same lines, so
// that its whole stdout is ist.py's, for one host and table or text
// output only: a JSON document has no banner, and neither has the output
// of several hosts (ist.py takes one).
type Banner struct {
	// Host is the --host the user gave (or INTROSPECT_HOST): "Introspect
	// Host: <Host>". "" prints no host line, as ist.py does when it falls
	// back to its default host.
	Host string
	// File is the --file path as given: "Loadding from introspect xml
	// <File>", ist.py's spelling, before each request's output.
	File string
}

// bannered returns one host's outputs (one per request of the chain)
// with the banner lines ist.py prints among them.
func (q *Query) bannered(outs []io.WriterTo) []io.WriterTo {
	b := q.opt.Banner
	if q.json() || (b.Host == "" && b.File == "") {
		return outs
	}
	var with []io.WriterTo
	if b.Host != "" {
		with = append(with, strings.NewReader("Introspect Host: "+b.Host+"\n"))
	}
	for _, o := range outs {
		if b.File != "" {
			with = append(with, strings.NewReader("Loadding from introspect xml "+b.File+"\n"))
		}
		with = append(with, o)
	}
	return with
}
