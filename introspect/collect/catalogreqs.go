package collect

import (
	"strings"

	"github.com/tfkit/tfkit/introspect/catalog"
)

// IDCatalog prefixes the IDs of CatalogRequests: "ist:<path>".
const IDCatalog = "ist:"

// CatalogRequests are the requests the ist commands of role send when
// the user types no value: every variant of every command of the role
// (introspect/catalog: defaults, each choice of a parameter, each
// switch), chained requests included, each path once, in catalogue
// order. keep, when set, leaves out the variants it refuses (a bundle
// does not ask the filtered subsets of a large table it asks whole).
// Their records are not kept (no Names): they are for Options.KeepRaw,
// what a bundle saves and ist replays.
func CatalogRequests(role string, keep func(catalog.Variant) bool) []Request {
	var out []Request
	seen := map[string]bool{}
	for _, c := range catalog.ForRole(role) {
		for _, v := range c.Variants() {
			if keep != nil && !keep(v) {
				continue
			}
			for _, p := range v.Paths() {
				if !seen[p] {
					seen[p] = true
					out = append(out, CatalogRequest(p))
				}
			}
		}
	}
	return out
}

// CatalogRequest is one request path asked for its bytes only, with
// the ID CatalogRequests gives it.
func CatalogRequest(path string) Request {
	return Request{ID: IDCatalog + path, Path: path}
}

// IsCatalog reports whether id is one of a CatalogRequest.
func IsCatalog(id string) bool { return strings.HasPrefix(id, IDCatalog) }
