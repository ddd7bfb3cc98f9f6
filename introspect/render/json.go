package render

import "github.com/tfkit/tfkit/introspect/sandesh"

// JSON output is one array with one record object per line. A record
// object has the record's fields (or the selected columns, a missing one
// as null) in document order, `more` left out, and with ShowHost a leading
// "host". Values are sandesh.AppendJSON's: typed by the Sandesh wire type
// (numbers, booleans, objects for structs, arrays for lists, objects for
// maps, strings otherwise).
func appendJSONRecords(b []byte, recs []Record, opt Options) []byte {
	b = append(b, '[')
	for i, r := range recs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n', '{')
		n := 0
		key := func(k string) {
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = sandesh.AppendJSON(b, &sandesh.Node{Text: k})
			b = append(b, ':')
		}
		if opt.ShowHost {
			key("host")
			b = sandesh.AppendJSON(b, &sandesh.Node{Text: r.Host})
		}
		if len(opt.Columns) > 0 {
			for _, c := range opt.Columns {
				key(c)
				if f := findPath(r.Node, c); f != nil {
					b = sandesh.AppendJSON(b, f)
				} else {
					b = append(b, "null"...)
				}
			}
		} else {
			for _, f := range r.Node.Children {
				if f.Name != "more" {
					key(f.Name)
					b = sandesh.AppendJSON(b, f)
				}
			}
		}
		b = append(b, '}')
	}
	if len(recs) > 0 {
		b = append(b, '\n')
	}
	return append(b, "]\n"...)
}
