// Package render prints Sandesh records the way ist.py does: tables
// byte-identical to ist.py's PrettyTable output, text identical to its
// elementToStr, plus JSON.
//
// API (used by the ist command and custom printers):
//
//	type Record struct{ Host string; Node *sandesh.Node }
//	func Records(host string, nodes []*sandesh.Node) []Record
//
//	type Options struct {
//		Format   string   // "table" (default), "text", "json"
//		Columns  []string // nil: the first record's child names minus "more"
//		MaxWidth int      // table column cap, 0: 36 (ist.py's --max_width)
//		NoWrap   bool     // table: no cap, no wrapping, one line per record
//		ShowHost bool     // leading "host" column/field; text: "== host ==" headers
//	}
//	func Render(w io.Writer, recs []Record, opt Options) error // builds all, then one Write
//	func Append(b []byte, recs []Record, opt Options) ([]byte, error)
//
//	func ElementToStr(indent string, n *sandesh.Node) string // ist.py elementToStr
//	func ElementText(n *sandesh.Node) string                 // elementToStr('', n).rstrip()
//	func Cell(rec *sandesh.Node, column string) string      // one table cell (§6.2)
//	func DefaultColumns(first *sandesh.Node) []string
//	func OneLine(cell string) string                         // a cell as --no-wrap prints it
//
// Table (spec §6.2): no record prints nothing at all (like ist.py); else a
// PrettyTable frame with left-aligned cells. Cell values: missing child
// "-", text verbatim, children as their rstripped ElementToStr, empty "n/a".
// A column containing '/' is a child path ("nh/NhSandeshData/type"), as
// ist.py's ElementPath find() allows. Column widths and wrapping are
// PrettyTable 3.x's and CPython's textwrap.fill (see table.go, textwrap.go,
// width.go for the rules and quirks kept on purpose); the golden files in
// testdata/golden/render were produced by the real ist.py.
//
// With NoWrap a multi-line cell becomes its trimmed lines joined by ", ",
// so every record is exactly one line and grep returns whole records.
//
// Text (spec §6.3): each record's ElementToStr with trailing whitespace
// removed, then a newline.
//
// JSON: one array, one record object per line; fields in document order
// (or the selected columns, missing ones null), typed by the Sandesh type
// attribute (numbers, booleans, objects for structs, arrays for lists,
// objects for maps).
//
// ShowHost is for answers from more than one host: records are expected
// grouped by host; text mode prints "== <host> ==" whenever the host
// changes.
package render
