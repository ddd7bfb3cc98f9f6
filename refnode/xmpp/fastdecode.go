package xmpp

import (
	"bytes"
	"fmt"
	"html"
	"net/netip"
	"strconv"
	"sync"
)

// decodeItemsMessage decodes a control → agent items message without
// encoding/xml: every agent decodes every route of every VRF it
// subscribes to, so this is the hot path of a large cluster (the
// reflection decoder costs about 20× more per item; see
// BenchmarkDecodeItems). It understands the elements of
// xmpp_unicast.xsd that Route carries and skips the others.
// The items are appended to items (a slice to reuse, or nil).
func decodeItemsMessage(b []byte, items []Route) (node string, _ []Route, retracts []netip.Prefix, err error) {
	var stack [16]string
	depth := 0
	var cur *Route
	var nh *NextHop
	itemStart := -1 // start of the <item> being decoded, for the memo
	i := 0
	for i < len(b) {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		text := b[i:lt]
		gt := bytes.IndexByte(b[lt:], '>')
		if gt < 0 {
			return "", nil, nil, fmt.Errorf("unterminated tag at byte %d", lt)
		}
		gt += lt
		tag := b[lt+1 : gt]
		i = gt + 1
		if len(tag) == 0 || tag[0] == '?' || tag[0] == '!' {
			continue
		}
		if tag[0] == '/' {
			name := intern(tag[1:])
			if depth == 0 {
				return "", nil, nil, fmt.Errorf("unbalanced </%s>", tag[1:])
			}
			parent := ""
			if depth >= 2 {
				parent = stack[depth-2]
			}
			if err := setLeaf(cur, nh, parent, name, text); err != nil {
				return "", nil, nil, err
			}
			switch name {
			case "item":
				if cur != nil {
					items = append(items, *cur)
					if itemStart >= 0 && depth == 4 {
						itemMemo.put(b[itemStart:i], *cur)
					}
					cur = nil
				}
				itemStart = -1
			case "next-hop":
				if cur != nil && nh != nil {
					cur.NextHops = append(cur.NextHops, *nh)
				}
				nh = nil
			}
			depth--
			continue
		}
		self := tag[len(tag)-1] == '/'
		if self {
			tag = tag[:len(tag)-1]
		}
		sp := bytes.IndexAny(tag, " \t\r\n")
		rawName, attrs := tag, []byte(nil)
		if sp >= 0 {
			rawName, attrs = tag[:sp], tag[sp:]
		}
		name := intern(rawName)
		switch name {
		case "items":
			node = attrValue(attrs, "node")
		case "item":
			if depth == 3 && !self {
				// The same item bytes decode to the same route: every
				// agent of the cluster receives each route, so most
				// items are found in the memo, skipped whole.
				if end := itemEnd.index(b[lt:]); end >= 0 {
					span := b[lt : lt+end+len(itemEnd.full)]
					if r, ok := itemMemo.get(span); ok {
						items = append(items, r)
						i = lt + len(span)
						continue
					}
					itemStart = lt
				}
			}
			cur = &Route{}
			if id := attrValue(attrs, "id"); id != "" {
				if p, err := parsePrefix(id); err == nil {
					cur.Prefix = p
				}
			}
		case "retract":
			p, err := parsePrefix(attrValue(attrs, "id"))
			if err != nil {
				return "", nil, nil, err
			}
			retracts = append(retracts, p)
		case "next-hop":
			nh = &NextHop{}
		case "mobility":
			if cur != nil {
				if v, err := strconv.ParseUint(attrValue(attrs, "seqno"), 10, 32); err == nil {
					cur.SequenceNumber = uint32(v)
				}
			}
		}
		if !self {
			if depth == len(stack) {
				return "", nil, nil, fmt.Errorf("elements nested deeper than %d", len(stack))
			}
			stack[depth] = name
			depth++
		}
	}
	if depth != 0 {
		return "", nil, nil, fmt.Errorf("message ends inside <%s>", stack[depth-1])
	}
	return node, items, retracts, nil
}

// itemEnd is found by its "m>" (no other element of an item ends in m).
var itemEnd = endTag{[]byte("</item>"), 5}

// itemMemo maps the bytes of an <item> to its decoded route. A control
// node encodes each route once per change and sends the same bytes to
// every agent (as contrail-control caches item text), so in one process
// running hundreds of agents an item is decoded once instead of once per
// agent: the decoding the design study measured as the cost of a large
// cluster's convergence. The routes' slices are shared, read only.
var itemMemo = newMemo(1 << 14)

type memo struct {
	mu  sync.RWMutex
	max int
	m   map[string]Route
}

func newMemo(max int) *memo { return &memo{max: max, m: make(map[string]Route)} }

func (c *memo) get(b []byte) (Route, bool) {
	c.mu.RLock()
	r, ok := c.m[string(b)]
	c.mu.RUnlock()
	return r, ok
}

// put adds an item; a full memo starts again empty (routes that still
// flow come back at once, and no bookkeeping is paid per hit).
func (c *memo) put(b []byte, r Route) {
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[string(b)] = r
	c.mu.Unlock()
}

// setLeaf stores the text of element name (child of parent).
func setLeaf(cur *Route, nh *NextHop, parent, name string, raw []byte) error {
	if cur == nil {
		return nil
	}
	text := func() string {
		if bytes.IndexByte(raw, '&') >= 0 {
			return html.UnescapeString(string(raw))
		}
		return string(raw)
	}
	num := func() (uint32, error) {
		v, err := strconv.ParseUint(string(bytes.TrimSpace(raw)), 10, 32)
		if err != nil {
			return 0, fmt.Errorf("<%s> %q is not a number", name, raw)
		}
		return uint32(v), nil
	}
	var err error
	switch parent {
	case "nlri":
		if name == "address" {
			cur.Prefix, err = parsePrefix(text())
		}
	case "next-hop":
		if nh == nil {
			return nil
		}
		switch name {
		case "address":
			nh.Address, err = netip.ParseAddr(string(bytes.TrimSpace(raw)))
		case "mac":
			nh.MAC = text()
		case "label":
			nh.Label, err = num()
		case "virtual-network":
			nh.VirtualNetwork = text()
		}
	case "tunnel-encapsulation-list":
		if nh != nil && name == "tunnel-encapsulation" {
			nh.Encaps = append(nh.Encaps, text())
		}
	case "security-group-list":
		if name == "security-group" {
			var v uint32
			if v, err = num(); err == nil {
				cur.SecurityGroups = append(cur.SecurityGroups, v)
			}
		}
	case "entry":
		switch name {
		case "virtual-network":
			cur.VirtualNetwork = text()
		case "sequence-number":
			if cur.SequenceNumber == 0 {
				cur.SequenceNumber, err = num()
			}
		case "local-preference":
			cur.LocalPref, err = num()
		case "med":
			cur.MED, err = num()
		case "sub-protocol":
			cur.SubProtocol = text()
		}
	}
	return err
}

// intern maps the element names the decoder cares about to constant
// strings (no allocation); others become "".
func intern(b []byte) string {
	switch string(b) {
	case "message":
		return "message"
	case "event":
		return "event"
	case "items":
		return "items"
	case "item":
		return "item"
	case "retract":
		return "retract"
	case "entry":
		return "entry"
	case "nlri":
		return "nlri"
	case "address":
		return "address"
	case "next-hops":
		return "next-hops"
	case "next-hop":
		return "next-hop"
	case "mac":
		return "mac"
	case "label":
		return "label"
	case "tunnel-encapsulation-list":
		return "tunnel-encapsulation-list"
	case "tunnel-encapsulation":
		return "tunnel-encapsulation"
	case "virtual-network":
		return "virtual-network"
	case "mobility":
		return "mobility"
	case "sequence-number":
		return "sequence-number"
	case "security-group-list":
		return "security-group-list"
	case "security-group":
		return "security-group"
	case "local-preference":
		return "local-preference"
	case "med":
		return "med"
	case "sub-protocol":
		return "sub-protocol"
	}
	return ""
}

// attrValue returns the value of attribute name in raw attribute text.
func attrValue(attrs []byte, name string) string {
	for len(attrs) > 0 {
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		key := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return ""
		}
		val := rest[1 : 1+end]
		if string(key) == name {
			if bytes.IndexByte(val, '&') >= 0 {
				return html.UnescapeString(string(val))
			}
			return string(val)
		}
		attrs = rest[2+end:]
	}
	return ""
}
