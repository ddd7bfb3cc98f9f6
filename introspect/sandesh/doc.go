// Package sandesh is the one Sandesh XML model of tfkit: a generic element
// tree that the ist client parses into and renders from, and a typed
// encoder/decoder that refnode uses to answer with the same bytes as the
// real C++ daemons (see ../shared/spec/introspect.md §2).
//
// # Sandesh model API
//
// Reading (any document, no schema needed):
//
//	Parse(r io.Reader) (*Node, error)            // whole tree
//	ParseBytes(b []byte) (*Node, error)
//	Stream(r io.Reader, names []string, fn func(*Node) error) error
//	StreamTransient(r, names, fn)                 // fn keeps no node: memory reused
//	n.Attr(name) n.Type() n.Child(name) n.ChildText(name) n.Find(name) n.All(name) n.Walk(fn) n.IsLeaf()
//	AppendJSON(dst []byte, n *Node) []byte        // typed JSON of a node (`more` left out)
//
// Stream hands each element named in names to fn once complete; nested
// selected elements are delivered first and left out of the enclosing
// one's Children, with Parent leading to the partial enclosing record.
// Errors: *SyntaxError ("malformed XML at byte N in <a><b>: …", wraps
// io.ErrUnexpectedEOF when truncated) and *HTMLError (an HTML body).
// Parsed nodes share Attrs slices: treat them as read-only.
// StreamTransient is Stream for a fn that keeps nothing of a record but
// strings: the parser reuses the nodes and child lists of each delivered
// record, so a 100k-route stream allocates a few MB instead of hundreds.
//
// Writing (Go structs with tags, fields in declaration order). Tag syntax
// and rules:
//
//	`sandesh:"<name>,id=<n>[,type=<wire>][,elem=<wire>][,keytype=<wire>][,opt][,<annotation>=<value>…]"`
//
//	wire types from Go kinds: bool; int8=byte; int16=i16; int32=i32;
//	  int64,int=i64; uint8,uint16=u16; uint32=u32; uint64,uint=u64;
//	  float32/64=double; string=string; struct=struct; slice/array=list
//	  (type=set for a set); map=map (keys sorted). type= overrides a
//	  scalar's wire name (ipaddr, uuid_t, ipv4 on a uint32, xml = CDATA);
//	  elem= overrides list items / map values, keytype= map keys.
//	opt: written only when not the zero value (nil pointer/slice/map, "",
//	  0, false). Use a pointer (*bool, *string, *Struct) when an optional
//	  field must be written even holding its zero value, and a non-nil
//	  empty slice for a present empty list.
//	any other k=v is an annotation attribute, written after identifier,
//	  sorted by name; quote values holding commas: tags='.__key,.cpu_share'.
//	  A field named "name" with a key annotation gets key="<table>" when
//	  written through UVE(table, v) / AppendUVE.
//	element name: the Go type name, or SandeshName() string (Namer).
//
//	AppendResponse(dst []byte, v any, more bool) []byte  // <R type="sandesh">…<more …>
//	AppendUVE(dst []byte, v any, table string) []byte    // no more, key=table
//	AppendSandesh(dst []byte, v any) []byte              // no more (trace/log)
//	AppendStruct(dst []byte, v any) []byte               // bare <Struct>…</Struct>
//	Marshal(v any) ([]byte, error)                       // XMLPrefix + one response
//	MarshalParts(parts ...any) ([]byte, error)           // 1 part: single; more: __<First>_list slist
//	AppendParts(dst []byte, parts ...any) []byte
//	Response(v) / UVE(table, v) / Plain(v) Part          // part kinds; a bare struct is a Response
//	Unmarshal(n *Node, v any) error                      // fill a tagged struct; unknown fields ignored
//
// Serving (refnode personas):
//
//	s := NewServer("contrail-control")                   // module name for the index page
//	s.Python = false                                     // true: pysandesh persona (by-name args + x alias, text/xsl, no more)
//	s.TLS = TLSConfig(cert, clientCAs)                   // optional HTTPS, TLS 1.2; clientCAs != nil requires client certs
//	Handle(s, "bgp_peer", func(r *BgpNeighborReq) []any { return []any{&resp} })
//	addr, err := s.Start("127.0.0.2:8083")               // or s.Serve(listener)
//	s.Pause(); s.Resume(); s.Paused(); s.Close()          // paused = accepts, never answers (SIGSTOP)
//	status, ctype, body := s.Query("/Snh_X?x=1")         // same answer without a socket
//
// Handle registers the request struct R (its element name is the request
// name; fields in declaration order = positional order; SetDefaults() for
// non-zero defaults). The handler returns one or more parts: one part is
// answered with Content-Length, several chunked inside
// __<First>_list type="slist" (spec §1.4). Unknown paths get the C++ 404.
//
// Append* panic on a type that cannot be encoded (a programming error);
// Marshal/MarshalParts return it as an error. Plans are cached per type.
package sandesh
