package xmpp

import (
	"bytes"
	"testing"
)

// FuzzDecodeItemsMessage: arbitrary bytes never panic the items decoder.
func FuzzDecodeItemsMessage(f *testing.F) {
	f.Add(benchMessage(2))
	f.Add([]byte(`<message><event><items node="0/0/EndOfRib"></items></event></message>`))
	f.Add([]byte(`<message><event><items node="1/1/v"><retract id="1.1.1.1/32"/></items></event></message>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, _, _ = decodeItemsMessage(b, nil)
	})
}

// FuzzFramer: arbitrary streams never panic the framer and every stanza
// it returns starts with <iq or <message.
func FuzzFramer(f *testing.F) {
	f.Add(append(streamHeader("a", "b", ""), benchMessage(1)...))
	f.Add([]byte("\xc8\x80 <iq type='set'/></stream:stream>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fr := newFramer(bytes.NewReader(b))
		for i := 0; i < 100; i++ {
			k, s, err := fr.next()
			if err != nil {
				return
			}
			if k == frameStanza && !bytes.HasPrefix(s, []byte("<iq")) && !bytes.HasPrefix(s, []byte("<message")) {
				t.Fatalf("stanza %q", s)
			}
		}
	})
}
