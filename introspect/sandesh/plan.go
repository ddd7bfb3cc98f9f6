package sandesh

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Namer lets a Go type choose its Sandesh element name (default: the Go
// type name). Useful when the Sandesh name is not a valid or wanted Go name.
type Namer interface{ SandeshName() string }

// structPlan is the reflection work for one struct type, done once.
type structPlan struct {
	typ    reflect.Type
	name   string // element name when the type has no SandeshName method
	namer  bool   // the type (or its pointer) implements Namer
	fields []*fieldPlan
	byName map[string]*fieldPlan
}

// fieldPlan is one tagged field.
type fieldPlan struct {
	index  int
	name   string
	id     int
	opt    bool
	annots []Attr   // sorted by name
	keyed  bool     // field "name" with a key annotation: key = UVE table at run time
	head   []byte   // `<name type="T" identifier="N" annots…>`
	tail   []byte   // `</name>`
	val    *valPlan // how to write the content
}

// valPlan says how to write and read one Go type as a Sandesh value.
type valPlan struct {
	typ   reflect.Type
	kind  reflect.Kind
	wire  string      // wire type name: bool, i32, string, struct, list, map, …
	ptr   *valPlan    // for pointers: the element
	st    *structPlan // for structs
	elem  *valPlan    // list items, map values
	key   *valPlan    // map keys
	cont  string      // "list" or "set" for lists
	float int         // 32 or 64 for doubles
}

var (
	planMu    sync.Mutex
	planCache sync.Map // reflect.Type -> *structPlan
	building  = map[reflect.Type]*structPlan{}
)

var namerType = reflect.TypeFor[Namer]()

// planFor returns the plan of a struct type, building it on first use.
func planFor(t reflect.Type) (*structPlan, error) {
	if p, ok := planCache.Load(t); ok {
		return p.(*structPlan), nil
	}
	planMu.Lock()
	defer planMu.Unlock()
	p, err := buildStruct(t)
	if err != nil {
		clear(building)
		return nil, err
	}
	for bt, bp := range building {
		planCache.Store(bt, bp)
	}
	clear(building)
	return p, nil
}

func buildStruct(t reflect.Type) (*structPlan, error) {
	if p, ok := planCache.Load(t); ok {
		return p.(*structPlan), nil
	}
	if p, ok := building[t]; ok {
		return p, nil // recursive type: filled in by the outer call
	}
	p := &structPlan{typ: t, name: t.Name(), byName: map[string]*fieldPlan{}}
	p.namer = t.Implements(namerType) || reflect.PointerTo(t).Implements(namerType)
	if p.name == "" && !p.namer {
		return nil, fmt.Errorf("sandesh: anonymous struct type %s has no element name", t)
	}
	building[t] = p
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("sandesh")
		if !ok || tag == "-" {
			continue
		}
		if !sf.IsExported() {
			return nil, fmt.Errorf("sandesh: %s.%s is tagged but not exported", t, sf.Name)
		}
		f, err := buildField(sf, tag)
		if err != nil {
			return nil, fmt.Errorf("sandesh: %s.%s: %w", t, sf.Name, err)
		}
		f.index = i
		p.fields = append(p.fields, f)
		p.byName[f.name] = f
	}
	return p, nil
}

// tagOpts splits a tag on commas; a value in single quotes may contain
// commas (tags='.__key,.cpu_share').
func tagOpts(tag string) ([]string, error) {
	var out []string
	for len(tag) > 0 {
		eq := strings.IndexByte(tag, '=')
		comma := strings.IndexByte(tag, ',')
		if eq >= 0 && (comma < 0 || eq < comma) && eq+1 < len(tag) && tag[eq+1] == '\'' {
			end := strings.IndexByte(tag[eq+2:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("unterminated quote in tag %q", tag)
			}
			out = append(out, tag[:eq+1]+tag[eq+2:eq+2+end])
			tag = tag[eq+2+end+1:]
			if tag != "" {
				if tag[0] != ',' {
					return nil, fmt.Errorf("expected ',' after quoted value in tag")
				}
				tag = tag[1:]
			}
			continue
		}
		if comma < 0 {
			out = append(out, tag)
			break
		}
		out = append(out, tag[:comma])
		tag = tag[comma+1:]
	}
	return out, nil
}

func buildField(sf reflect.StructField, tag string) (*fieldPlan, error) {
	opts, err := tagOpts(tag)
	if err != nil {
		return nil, err
	}
	if len(opts) == 0 || opts[0] == "" {
		return nil, fmt.Errorf("tag %q has no field name", tag)
	}
	f := &fieldPlan{name: opts[0]}
	var wire, elemWire, keyWire string
	haveID := false
	for _, o := range opts[1:] {
		k, v, hasEq := strings.Cut(o, "=")
		switch {
		case k == "opt" && !hasEq:
			f.opt = true
		case k == "id":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("bad id %q", v)
			}
			f.id, haveID = n, true
		case k == "type":
			wire = v
		case k == "elem":
			elemWire = v
		case k == "keytype":
			keyWire = v
		case hasEq && k != "":
			f.annots = append(f.annots, Attr{Name: k, Value: v})
		default:
			return nil, fmt.Errorf("bad tag option %q", o)
		}
	}
	if !haveID {
		return nil, fmt.Errorf("tag %q has no id=", tag)
	}
	sort.SliceStable(f.annots, func(i, j int) bool { return f.annots[i].Name < f.annots[j].Name })
	f.val, err = buildVal(sf.Type, wire, elemWire, keyWire)
	if err != nil {
		return nil, err
	}
	for _, a := range f.annots {
		if a.Name == "key" && f.name == "name" {
			f.keyed = true
		}
	}
	f.head = fieldHead(f, "", false)
	f.tail = []byte("</" + f.name + ">")
	return f, nil
}

// fieldHead writes the start tag of a field; with override, the key
// annotation gets the given value (UVE table).
func fieldHead(f *fieldPlan, key string, override bool) []byte {
	b := make([]byte, 0, 64)
	b = append(b, '<')
	b = append(b, f.name...)
	b = append(b, ` type="`...)
	b = append(b, f.val.wire...)
	b = append(b, `" identifier="`...)
	b = strconv.AppendInt(b, int64(f.id), 10)
	b = append(b, '"')
	for _, a := range f.annots {
		v := a.Value
		if override && a.Name == "key" {
			v = key
		}
		b = append(b, ' ')
		b = append(b, a.Name...)
		b = append(b, `="`...)
		b = append(b, v...)
		b = append(b, '"')
	}
	return append(b, '>')
}

// buildVal plans a Go type; wire overrides the inferred wire type, elem
// and key override the item/key wire types of containers.
func buildVal(t reflect.Type, wire, elemWire, keyWire string) (*valPlan, error) {
	v := &valPlan{typ: t, kind: t.Kind()}
	switch t.Kind() {
	case reflect.Pointer:
		inner, err := buildVal(t.Elem(), wire, elemWire, keyWire)
		if err != nil {
			return nil, err
		}
		v.ptr, v.wire = inner, inner.wire
		return v, nil
	case reflect.Bool:
		v.wire = "bool"
	case reflect.Int8:
		v.wire = "byte"
	case reflect.Int16:
		v.wire = "i16"
	case reflect.Int32:
		v.wire = "i32"
	case reflect.Int64, reflect.Int:
		v.wire = "i64"
	case reflect.Uint8, reflect.Uint16:
		v.wire = "u16"
	case reflect.Uint32:
		v.wire = "u32"
	case reflect.Uint64, reflect.Uint:
		v.wire = "u64"
	case reflect.Float32:
		v.wire, v.float = "double", 32
	case reflect.Float64:
		v.wire, v.float = "double", 64
	case reflect.String:
		v.wire = "string"
	case reflect.Struct:
		st, err := buildStruct(t)
		if err != nil {
			return nil, err
		}
		v.st, v.wire = st, "struct"
	case reflect.Slice, reflect.Array:
		e, err := buildVal(t.Elem(), elemWire, "", "")
		if err != nil {
			return nil, err
		}
		v.elem, v.wire, v.cont = e, "list", "list"
		if wire == "set" {
			v.wire, v.cont = "set", "set"
		}
		return v, nil
	case reflect.Map:
		k, err := buildVal(t.Key(), keyWire, "", "")
		if err != nil {
			return nil, err
		}
		e, err := buildVal(t.Elem(), elemWire, "", "")
		if err != nil {
			return nil, err
		}
		v.key, v.elem, v.wire = k, e, "map"
		return v, nil
	default:
		return nil, fmt.Errorf("unsupported Go type %s", t)
	}
	if wire != "" {
		if v.kind == reflect.Struct {
			return nil, fmt.Errorf("type=%s on a struct", wire)
		}
		v.wire = wire
	}
	return v, nil
}
