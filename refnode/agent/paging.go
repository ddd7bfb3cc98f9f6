package agent

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tfkit/tfkit/introspect/schema"
)

// Agent paging (spec §3.2): list requests answer with parts of at most
// entriesPerSandesh entries (more=true) and a closing Pagination whose
// cookies (begin:<i>,end:<j>,table:<t>,[<non-empty filters…>]) feed
// Snh_PageReq. The filter keys are the agent's FilterToArgs names.
const (
	entriesPerSandesh = 100
	pageSize          = 100
)

// filter is one key:value of a page cookie.
type filter struct{ key, value string }

// pageKey is a parsed page cookie.
type pageKey struct {
	begin, end int // -1,-1 = everything
	table      string
	filters    []filter
}

func (k pageKey) get(name string) string {
	for _, f := range k.filters {
		if f.key == name {
			return f.value
		}
	}
	return ""
}

// String writes the cookie as the agent's EncodeOne does: the
// begin/end/table arguments, a comma, then the request's filters sorted by
// key (std::map order) without the empty ones (AgentSandeshArguments::Add
// drops empty values), e.g. "begin:0,end:99,table:db.interface.0," or
// "begin:0,end:99,table:db.interface.0,name:tap1".
func (k pageKey) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "begin:%d,end:%d,table:%s,", k.begin, k.end, k.table)
	fs := slices.Clone(k.filters)
	slices.SortStableFunc(fs, func(x, y filter) int { return strings.Compare(x.key, y.key) })
	sep := ""
	for _, f := range fs {
		if f.value == "" {
			continue
		}
		b.WriteString(sep + f.key + ":" + f.value)
		sep = ","
	}
	return b.String()
}

// parsePageKey reads a cookie; values after the first ':' are verbatim
// (table names contain ':'), so the table value runs up to the next
// ",<key>:" of a known filter key or the end.
func parsePageKey(s string) (pageKey, error) {
	k := pageKey{}
	parts := strings.Split(s, ",")
	if len(parts) < 3 {
		return k, fmt.Errorf("page cookie %q: want begin:<i>,end:<j>,table:<name>", s)
	}
	var err error
	if v, ok := strings.CutPrefix(parts[0], "begin:"); !ok {
		return k, fmt.Errorf("page cookie %q: no begin", s)
	} else if k.begin, err = strconv.Atoi(v); err != nil {
		return k, fmt.Errorf("page cookie %q: begin %q", s, v)
	}
	if v, ok := strings.CutPrefix(parts[1], "end:"); !ok {
		return k, fmt.Errorf("page cookie %q: no end", s)
	} else if k.end, err = strconv.Atoi(v); err != nil {
		return k, fmt.Errorf("page cookie %q: end %q", s, v)
	}
	v, ok := strings.CutPrefix(parts[2], "table:")
	if !ok {
		return k, fmt.Errorf("page cookie %q: no table", s)
	}
	k.table = v
	for _, p := range parts[3:] {
		if p == "" {
			continue
		}
		key, val, _ := strings.Cut(p, ":")
		k.filters = append(k.filters, filter{key, val})
	}
	return k, nil
}

// listing is one matched list of a table, ready to be paged.
type listing struct {
	table   string
	filters []filter
	size    int                  // entries in the whole table
	n       int                  // matched entries
	part    func(lo, hi int) any // response part holding entries [lo,hi)
}

// pageParts answers a list request for entries begin..end (inclusive;
// -1,-1 = all): the list parts, then Pagination.
func pageParts(l listing, begin, end int) []any {
	all := begin < 0
	lo, hi := begin, end+1
	if all {
		lo, hi = 0, l.n
	}
	if lo > l.n {
		lo = l.n
	}
	if hi > l.n {
		hi = l.n
	}
	var parts []any
	for i := lo; i < hi; i += entriesPerSandesh {
		parts = append(parts, l.part(i, min(i+entriesPerSandesh, hi)))
	}
	if len(parts) == 0 {
		parts = append(parts, l.part(lo, lo))
	}
	key := func(b, e int) string {
		return pageKey{begin: b, end: e, table: l.table, filters: l.filters}.String()
	}
	pd := schema.PageReqData{
		FirstPage: key(0, pageSize-1),
		All:       key(-1, -1),
		TableSize: uint32(l.size),
	}
	if hi > lo {
		pd.Entries = fmt.Sprintf("%d-%d/%d", lo, hi-1, l.n)
	} else {
		pd.Entries = fmt.Sprintf(" 0 / %d", l.n)
	}
	if !all {
		if hi < l.n {
			pd.NextPage = key(hi, hi+pageSize-1)
		}
		if lo > 0 {
			pd.PrevPage = key(max(0, lo-pageSize), lo-1)
		}
	}
	return append(parts, &schema.Pagination{Req: pd})
}

// firstPage answers the initial list request (entries 0..99).
func firstPage(l listing) []any { return pageParts(l, 0, pageSize-1) }
