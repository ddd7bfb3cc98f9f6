package client

import "strings"

// The agent's flow dumps continue with a link field instead of next_batch
// or Pagination: KFlowReq/NextKFlowReq answer KFlowResp with flow_handle
// (link NextKFlowReq; "0" when done) and FetchAllFlowRecords /
// NextFlowRecordsSet answer FlowRecordsResp with flow_key (link
// NextFlowRecordsSet; the start key when done). Each field is looked for
// only in the answers of its own requests (SandeshFlowData has a
// flow_handle field of its own).

// flowLinks maps a request to its continuation field and end test.
var flowLinks = map[string]struct {
	field string
	done  func(string) bool
}{
	"KFlowReq":            {"flow_handle", handleDone},
	"NextKFlowReq":        {"flow_handle", handleDone},
	"FetchAllFlowRecords": {"flow_key", keyDone},
	"NextFlowRecordsSet":  {"flow_key", keyDone},
}

// handleDone: a kernel flow dump ends with handle 0 ("0 evicted_set"
// with evicted flows); a single flow's answer has none.
func handleDone(s string) bool {
	f := strings.Fields(s)
	return len(f) == 0 || f[0] == "0"
}

// keyDone: an agent flow dump ends with PktSandeshFlow::start_key.
func keyDone(s string) bool { return s == "" || s == "0-0-0-0-0-0.0.0.0-0.0.0.0" }

// flowLinkField is the continuation field of the request at path, or "".
func flowLinkField(path string) string {
	name := strings.TrimPrefix(path, "Snh_")
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	return flowLinks[name].field
}

// flowNext is the next page after a flow dump's continuation field, or "".
func flowNext(path, text, link string) string {
	name := strings.TrimPrefix(path, "Snh_")
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	l, ok := flowLinks[name]
	if !ok || link == "" || l.done(text) {
		return ""
	}
	return "Snh_" + link + "?x=" + Escape(text)
}
