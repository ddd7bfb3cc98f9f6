package bundle

import "encoding/json"

// marshalManifest is compact: a thousand-node bundle lists tens of
// thousands of pages (jq prettifies it).
func marshalManifest(m *Manifest) ([]byte, error) { return json.Marshal(m) }
