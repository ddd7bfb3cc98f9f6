package sandesh

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// XMLPrefix starts every introspect answer (no XML declaration).
const XMLPrefix = `<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>`

// Part is one sandesh of an answer. Plain structs passed where a Part is
// expected are responses (Response).
type Part interface {
	// Name is the element name of the part.
	Name() string
	// AppendTo writes the part; more is the value of the auto field
	// `more` for responses (ignored by other kinds).
	AppendTo(dst []byte, more bool) []byte
}

// Response is a response sandesh: fields, then `more` last.
func Response(v any) Part { return part{v: v, kind: kindResponse} }

// UVE is a UVE sandesh (no `more`); a field `name` that carries a `key`
// annotation is written with key="<table>" (spec §2.2), e.g.
// UVE("ObjectBgpRouter", &schema.NodeStatusUVE{…}). An empty table keeps
// the key annotation from the tag.
func UVE(table string, v any) Part { return part{v: v, kind: kindUVE, table: table} }

// Plain is a sandesh written without `more` (trace, log, object sandesh).
func Plain(v any) Part { return part{v: v, kind: kindPlain} }

type partKind int

const (
	kindResponse partKind = iota
	kindUVE
	kindPlain
)

type part struct {
	v     any
	kind  partKind
	table string
}

func (p part) Name() string { return ElementName(p.v) }

func (p part) AppendTo(dst []byte, more bool) []byte {
	rv, sp := structOf(p.v)
	dst = append(dst, '<')
	name := sp.elemName(rv)
	dst = append(dst, name...)
	dst = append(dst, ` type="sandesh">`...)
	st := encState{table: p.table, keyed: p.kind == kindUVE && p.table != ""}
	dst = st.fields(dst, rv, sp)
	if p.kind == kindResponse {
		if more {
			dst = append(dst, `<more type="bool" identifier="0">true</more>`...)
		} else {
			dst = append(dst, `<more type="bool" identifier="0">false</more>`...)
		}
	}
	dst = append(dst, "</"...)
	dst = append(dst, name...)
	return append(dst, '>')
}

// AsPart turns a value into a Part: a Part stays as is, anything else is
// a Response.
func AsPart(v any) Part {
	if p, ok := v.(Part); ok {
		return p
	}
	return Response(v)
}

// AppendResponse appends the response sandesh v (a tagged struct or a
// pointer to one) with `more` last. It panics if v's type cannot be
// encoded (a programming error; Marshal reports it as an error instead).
func AppendResponse(dst []byte, v any, more bool) []byte {
	return Response(v).AppendTo(dst, more)
}

// AppendUVE appends the UVE sandesh v with key="<table>" on its name field.
func AppendUVE(dst []byte, v any, table string) []byte {
	return UVE(table, v).AppendTo(dst, false)
}

// AppendSandesh appends v as a sandesh without `more`.
func AppendSandesh(dst []byte, v any) []byte { return Plain(v).AppendTo(dst, false) }

// AppendStruct appends v as a bare struct element `<Name>fields</Name>`.
func AppendStruct(dst []byte, v any) []byte {
	rv, sp := structOf(v)
	var st encState
	return st.structElem(dst, rv, sp)
}

// ElementName is the Sandesh element name of a struct value: its
// SandeshName() or its Go type name.
func ElementName(v any) string {
	if p, ok := v.(part); ok {
		return ElementName(p.v)
	}
	rv, sp := structOf(v)
	return sp.elemName(rv)
}

// Marshal returns a whole single-part answer: XMLPrefix and the response.
func Marshal(v any) (b []byte, err error) {
	return MarshalParts(v)
}

// MarshalParts returns a whole answer body. One part gives the single
// shape; several give the `__<First>_list type="slist"` wrapper with
// more=true on every response but the last (spec §1.4, §2.1). Parts are
// Part values or tagged structs (responses).
func MarshalParts(parts ...any) (b []byte, err error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("sandesh: no parts to marshal")
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(encodeError)
			if !ok {
				panic(r)
			}
			b, err = nil, e.err
		}
	}()
	return AppendParts(nil, parts...), nil
}

// AppendParts is MarshalParts appending to dst; it panics on types that
// cannot be encoded.
func AppendParts(dst []byte, parts ...any) []byte {
	dst = append(dst, XMLPrefix...)
	if len(parts) == 1 {
		return AsPart(parts[0]).AppendTo(dst, false)
	}
	first := AsPart(parts[0])
	dst = append(dst, "<__"...)
	dst = append(dst, first.Name()...)
	dst = append(dst, `_list type="slist">`...)
	for i, p := range parts {
		dst = AsPart(p).AppendTo(dst, i < len(parts)-1)
	}
	dst = append(dst, "</__"...)
	dst = append(dst, first.Name()...)
	return append(dst, "_list>"...)
}

// encodeError carries a plan error through a panic to Marshal.
type encodeError struct{ err error }

func (e encodeError) Error() string { return e.err.Error() }

// structOf dereferences v to a struct value and returns its plan.
func structOf(v any) (reflect.Value, *structPlan) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			panic(encodeError{fmt.Errorf("sandesh: nil %s", rv.Type())})
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		panic(encodeError{fmt.Errorf("sandesh: cannot encode %T: not a struct", v)})
	}
	sp, err := planFor(rv.Type())
	if err != nil {
		panic(encodeError{err})
	}
	return rv, sp
}

func (sp *structPlan) elemName(rv reflect.Value) string {
	if !sp.namer {
		return sp.name
	}
	if n, ok := rv.Interface().(Namer); ok {
		return n.SandeshName()
	}
	if rv.CanAddr() {
		if n, ok := rv.Addr().Interface().(Namer); ok {
			return n.SandeshName()
		}
	}
	pv := reflect.New(rv.Type())
	pv.Elem().Set(rv)
	return pv.Interface().(Namer).SandeshName()
}

// encState carries the run-time settings of one encoding.
type encState struct {
	table string // UVE table for keyed name fields
	keyed bool
}

func (st *encState) fields(dst []byte, rv reflect.Value, sp *structPlan) []byte {
	for _, f := range sp.fields {
		fv := rv.Field(f.index)
		if f.opt && fv.IsZero() {
			continue
		}
		if f.keyed && st.keyed {
			dst = append(dst, fieldHead(f, st.table, true)...)
		} else {
			dst = append(dst, f.head...)
		}
		dst = st.content(dst, fv, f.val)
		dst = append(dst, f.tail...)
	}
	return dst
}

func (st *encState) structElem(dst []byte, rv reflect.Value, sp *structPlan) []byte {
	name := sp.elemName(rv)
	dst = append(dst, '<')
	dst = append(dst, name...)
	dst = append(dst, '>')
	dst = st.fields(dst, rv, sp)
	dst = append(dst, "</"...)
	dst = append(dst, name...)
	return append(dst, '>')
}

// content writes the inside of a field element (or of an <element>).
func (st *encState) content(dst []byte, v reflect.Value, p *valPlan) []byte {
	if p.ptr != nil {
		if v.IsNil() {
			return st.content(dst, reflect.Zero(p.ptr.typ), p.ptr)
		}
		return st.content(dst, v.Elem(), p.ptr)
	}
	switch p.kind {
	case reflect.Bool:
		if v.Bool() {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		return strconv.AppendInt(dst, v.Int(), 10)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		return strconv.AppendUint(dst, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return appendDouble(dst, v.Float(), p.float)
	case reflect.String:
		if p.wire == "xml" {
			dst = append(dst, "<![CDATA["...)
			dst = append(dst, v.String()...)
			return append(dst, "]]>"...)
		}
		return appendEscaped(dst, v.String())
	case reflect.Struct:
		return st.structElem(dst, v, p.st)
	case reflect.Slice, reflect.Array:
		n := v.Len()
		dst = append(dst, '<')
		dst = append(dst, p.cont...)
		dst = append(dst, ` type="`...)
		dst = append(dst, p.elem.wire...)
		dst = append(dst, `" size="`...)
		dst = strconv.AppendInt(dst, int64(n), 10)
		dst = append(dst, `">`...)
		for i := 0; i < n; i++ {
			dst = st.item(dst, v.Index(i), p.elem)
		}
		dst = append(dst, "</"...)
		dst = append(dst, p.cont...)
		return append(dst, '>')
	case reflect.Map:
		keys := sortedKeys(v)
		dst = append(dst, `<map key="`...)
		dst = append(dst, p.key.wire...)
		dst = append(dst, `" value="`...)
		dst = append(dst, p.elem.wire...)
		dst = append(dst, `" size="`...)
		dst = strconv.AppendInt(dst, int64(len(keys)), 10)
		dst = append(dst, `">`...)
		for _, k := range keys {
			dst = st.item(dst, k, p.key)
			dst = st.item(dst, v.MapIndex(k), p.elem)
		}
		return append(dst, "</map>"...)
	}
	panic(encodeError{fmt.Errorf("sandesh: cannot encode %s", p.typ)})
}

// item writes one container item: structs and containers bare, scalars
// wrapped in <element>.
func (st *encState) item(dst []byte, v reflect.Value, p *valPlan) []byte {
	base := p
	for base.ptr != nil {
		base = base.ptr
	}
	switch base.kind {
	case reflect.Struct, reflect.Slice, reflect.Array, reflect.Map:
		return st.content(dst, v, p)
	}
	dst = append(dst, "<element>"...)
	dst = st.content(dst, v, p)
	return append(dst, "</element>"...)
}

// appendDouble writes a double like C++ ostream << (6 significant digits,
// %g style: 0.5, 12.345, 1e+06, 0).
func appendDouble(dst []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "nan"...)
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	}
	return strconv.AppendFloat(dst, f, 'g', 6, bits)
}

// appendEscaped escapes & ' < > like the C++ writer (" is left as is).
func appendEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&apos;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, rep...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}
