// Package introspecttest checks what a refnode daemon serves against its
// model: the parts of an answer are the expected types, in order, and
// the decoded values encode back to the very bytes served (no element
// the model lacks, none missing, none out of order), as the real
// daemon's generated code writes them.
package introspecttest

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/sandesh"
)

var httpc = &http.Client{Timeout: 5 * time.Second}

// Get fetches url and returns the parsed document and the body; the
// status must be 200.
func Get(t testing.TB, url string) (*sandesh.Node, []byte) {
	t.Helper()
	resp, err := httpc.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: HTTP %d", url, resp.StatusCode)
	}
	doc, err := sandesh.ParseBytes(body)
	if err != nil {
		t.Fatalf("GET %s: %v\n%s", url, err, body)
	}
	return doc, body
}

// Parts are the sandesh parts of a document (one, or the children of an
// slist wrapper).
func Parts(doc *sandesh.Node) []*sandesh.Node {
	if doc.Type() == "slist" {
		return doc.Children
	}
	return []*sandesh.Node{doc}
}

// CheckParts fetches url, decodes each part into the matching value of
// want (pointers to the expected types, in order) and checks that they
// encode back to the body served. UVE parts (a name with key=, no more)
// are encoded as UVEs, other parts without more (Python daemons) plain.
func CheckParts(t testing.TB, url string, want ...any) {
	t.Helper()
	doc, body := Get(t, url)
	ps := Parts(doc)
	if len(ps) != len(want) {
		t.Fatalf("GET %s: %d parts, want %d:\n%s", url, len(ps), len(want), body)
	}
	enc := make([]any, len(want))
	for i, p := range ps {
		if name := sandesh.ElementName(want[i]); p.Name != name {
			t.Fatalf("GET %s: part %d is %s, want %s", url, i, p.Name, name)
		}
		if err := sandesh.Unmarshal(p, want[i]); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
		switch k := uveKey(p); {
		case p.Child("more") != nil:
			enc[i] = want[i]
		case k != "":
			enc[i] = sandesh.UVE(k, want[i])
		default: // a Python daemon writes no more
			enc[i] = sandesh.Plain(want[i])
		}
	}
	again, err := sandesh.MarshalParts(enc...)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	if !bytes.Equal(again, body) {
		t.Errorf("GET %s: served body differs from its model's encoding:\n%s\n%s", url, body, again)
	}
}

// uveKey is the UVE table of a UVE part (the key= of its name), or "".
func uveKey(p *sandesh.Node) string {
	if p.Child("more") != nil {
		return ""
	}
	key := ""
	p.Walk(func(n *sandesh.Node) bool {
		if key == "" && n.Name == "name" {
			key = n.Attr("key")
		}
		return key == ""
	})
	return key
}
