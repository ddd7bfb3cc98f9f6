package sandesh

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
)

// Unmarshal fills the tagged struct that v points to from n, the element
// holding its fields (a `<X type="sandesh">` or a `<StructName>`; a field
// element of type struct is also accepted and its struct child is used).
// Fields are matched by element name; unknown elements are ignored and
// missing ones leave the Go field untouched. Present containers become
// non-nil (an empty list gives an empty slice), present optional scalars
// behind pointers are allocated, so re-encoding writes the same fields.
func Unmarshal(n *Node, v any) (err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("sandesh: Unmarshal needs a non-nil pointer, got %T", v)
	}
	rv = rv.Elem()
	if rv.Kind() != reflect.Struct {
		return fmt.Errorf("sandesh: Unmarshal into %s: not a struct", rv.Type())
	}
	sp, err := planFor(rv.Type())
	if err != nil {
		return err
	}
	if n == nil {
		return fmt.Errorf("sandesh: Unmarshal from a nil node")
	}
	if n.Type() == "struct" && len(n.Children) == 1 {
		n = n.Children[0]
	}
	return decodeStruct(n, rv, sp)
}

func decodeStruct(n *Node, rv reflect.Value, sp *structPlan) error {
	for _, c := range n.Children {
		f := sp.byName[c.Name]
		if f == nil {
			continue
		}
		if err := decodeVal(c, rv.Field(f.index), f.val); err != nil {
			return fmt.Errorf("%s.%s: %w", n.Name, c.Name, err)
		}
	}
	return nil
}

// decodeVal reads the content of field element (or container item) n.
func decodeVal(n *Node, v reflect.Value, p *valPlan) error {
	if p.ptr != nil {
		if v.IsNil() {
			v.Set(reflect.New(p.ptr.typ))
		}
		return decodeVal(n, v.Elem(), p.ptr)
	}
	t := n.Text
	switch p.kind {
	case reflect.Bool:
		switch t {
		case "true", "1":
			v.SetBool(true)
		case "false", "0", "":
			v.SetBool(false)
		default:
			return fmt.Errorf("bad bool %q", t)
		}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		if t == "" {
			v.SetInt(0)
			return nil
		}
		i, err := strconv.ParseInt(t, 10, p.typ.Bits())
		if err != nil {
			return fmt.Errorf("bad %s %q", p.wire, t)
		}
		v.SetInt(i)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		if t == "" {
			v.SetUint(0)
			return nil
		}
		u, err := strconv.ParseUint(t, 10, p.typ.Bits())
		if err != nil {
			return fmt.Errorf("bad %s %q", p.wire, t)
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		if t == "" {
			v.SetFloat(0)
			return nil
		}
		f, err := strconv.ParseFloat(t, p.typ.Bits())
		if err != nil {
			return fmt.Errorf("bad double %q", t)
		}
		v.SetFloat(f)
	case reflect.String:
		v.SetString(t)
	case reflect.Struct:
		// A field element holds the struct element; a container item is it.
		s := n
		if n.Attr("type") == "struct" {
			if len(n.Children) == 0 {
				return nil
			}
			s = n.Children[0]
		}
		return decodeStruct(s, v, p.st)
	case reflect.Slice, reflect.Array:
		l := containerOf(n, p.cont)
		if l == nil {
			return nil
		}
		items := l.Children
		if p.kind == reflect.Array {
			for i := 0; i < len(items) && i < v.Len(); i++ {
				if err := decodeVal(items[i], v.Index(i), p.elem); err != nil {
					return err
				}
			}
			return nil
		}
		s := reflect.MakeSlice(p.typ, len(items), len(items))
		for i, it := range items {
			if err := decodeVal(it, s.Index(i), p.elem); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		}
		v.Set(s)
	case reflect.Map:
		m := containerOf(n, "map")
		if m == nil {
			return nil
		}
		mv := reflect.MakeMapWithSize(p.typ, len(m.Children)/2)
		for i := 0; i+1 < len(m.Children); i += 2 {
			k := reflect.New(p.key.typ).Elem()
			if err := decodeVal(m.Children[i], k, p.key); err != nil {
				return fmt.Errorf("map key: %w", err)
			}
			e := reflect.New(p.elem.typ).Elem()
			if err := decodeVal(m.Children[i+1], e, p.elem); err != nil {
				return fmt.Errorf("map value: %w", err)
			}
			mv.SetMapIndex(k, e)
		}
		v.Set(mv)
	default:
		return fmt.Errorf("cannot decode into %s", p.typ)
	}
	return nil
}

// containerOf returns the <list>/<set>/<map> element of a field element,
// or n itself when n is a bare nested container item.
func containerOf(n *Node, name string) *Node {
	if n.Name == name && n.Attr("size") != "" {
		return n
	}
	for _, c := range n.Children {
		if c.Name == name || (name != "map" && (c.Name == "list" || c.Name == "set")) {
			return c
		}
	}
	return nil
}

// sortedKeys returns map keys in the order a C++ std::map iterates them.
func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		switch a.Kind() {
		case reflect.String:
			return cmp.Compare(a.String(), b.String())
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return cmp.Compare(a.Int(), b.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return cmp.Compare(a.Uint(), b.Uint())
		case reflect.Float32, reflect.Float64:
			return cmp.Compare(a.Float(), b.Float())
		case reflect.Bool:
			return cmp.Compare(boolInt(a.Bool()), boolInt(b.Bool()))
		}
		return cmp.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
	})
	return keys
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
