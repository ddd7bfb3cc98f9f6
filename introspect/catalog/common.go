package catalog

import (
	"github.com/tfkit/tfkit/introspect/sandesh"
)

// Commands every role has (spec §5.3): status, cpu, trace, uve.
func init() {
	Register(
		&Command{
			Role: "*", Words: []string{"status"}, Usage: "node/component status (NodeStatus UVE)",
			Examples: []string{"ist ctr status", "ist vr status -r", "ist --host ctl1,ctl2,ctl3 ctr status"},
			Params:   []Param{{Name: "raw", Short: "r", Bool: true, Usage: "print the whole NodeStatus as text"}},
			Resolve: func(in Input) (Query, error) {
				q := Query{Request: "SandeshUVECacheReq", Args: []Arg{{Name: "tname", Value: "NodeStatus"}}}
				switch {
				case in.Bool("raw"):
					q.Records, q.Format = []string{"NodeStatus"}, "text"
				case in.String("format") == "json":
					q.Records = []string{"NodeStatus"}
				default:
					q.Records, q.Printer = []string{"ProcessStatus", "ConnectionInfo", "ProcessInfo"}, "status"
				}
				return q, nil
			},
		},
		&Command{
			Role: "*", Words: []string{"cpu"}, Usage: "CPU load and memory of the daemon",
			Examples: []string{"ist vr cpu"},
			Query:    Query{Request: "CpuLoadInfoReq", Records: []string{"CpuLoadInfo"}, Field: "*", Format: "text"},
		},
		&Command{
			Role: "*", Words: []string{"trace"}, Usage: "list the Sandesh trace buffers, or dump one",
			Examples: []string{"ist ctr trace", "ist ctr trace BgpTraceBuf"},
			Params:   []Param{{Name: "name", Positional: true, Usage: "trace buffer name"}},
			Resolve: func(in Input) (Query, error) {
				if name := in.String("name"); name != "" {
					return Query{Request: "SandeshTraceRequest", Args: []Arg{{Name: "x", Value: name}}, Records: []string{"element"}, Format: "text"}, nil
				}
				return Query{Request: "SandeshTraceBufferListRequest", Records: []string{"SandeshTraceBufInfo"}, Field: "trace_buf_name", Format: "text"}, nil
			},
		},
		&Command{
			Role: "*", Words: []string{"uve"}, Usage: "list the UVE types, or show the cached UVEs of one type",
			Examples: []string{"ist ctr uve", "ist ctr uve BgpRouterState", "ist vr uve VrouterAgent -f json"},
			Params:   []Param{{Name: "name", Positional: true, Usage: "UVE type name, e.g. NodeStatus"}},
			Resolve: func(in Input) (Query, error) {
				if name := in.String("name"); name != "" {
					// ist.py: //*[@type="sandesh"]/data/* — the UVE sandesh's
					// one field is the struct-typed `data`.
					return Query{Request: "SandeshUVECacheReq", Args: []Arg{{Name: "x", Value: name}}, Records: []string{"data"},
						Filter: func(_ Input, n *sandesh.Node) bool { return n.Type() == "struct" }, Field: "*", Format: "text"}, nil
				}
				return Query{Request: "SandeshUVETypesReq", Records: []string{"SandeshUVETypeInfo"}, Field: "type_name", Format: "text"}, nil
			},
		},
	)
}
