package xmpp

import (
	"encoding/xml"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Item bodies follow xmpp_unicast.xsd (element order as in the schema, so
// that encoded bytes are deterministic). They are appended by hand, not
// with encoding/xml, because the control node encodes each route once per
// change and the agents decode a lot of them.

// appendEscaped appends s with the XML special characters escaped.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		case '\'':
			b = append(b, "&apos;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

func appendElem(b []byte, name, text string) []byte {
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendEscaped(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

func appendUint(b []byte, name string, v uint64) []byte {
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = strconv.AppendUint(b, v, 10)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

func (f Family) orDefault() Family {
	if f == (Family{}) {
		return FamilyInet
	}
	return f
}

// nodePrefix is "<afi>/<safi>".
func (f Family) nodePrefix() string {
	f = f.orDefault()
	return strconv.Itoa(int(f.AFI)) + "/" + strconv.Itoa(int(f.SAFI))
}

// appendEntry appends the <entry> of a unicast route.
func appendEntry(b []byte, r Route) []byte {
	fam := r.Family.orDefault()
	b = append(b, "<entry><nlri>"...)
	b = appendUint(b, "af", uint64(fam.AFI))
	b = appendUint(b, "safi", uint64(fam.SAFI))
	b = appendElem(b, "address", r.Prefix.String())
	b = append(b, "</nlri><next-hops>"...)
	for _, nh := range r.NextHops {
		b = append(b, "<next-hop>"...)
		af := uint64(1)
		if nh.Address.Is6() {
			af = 2
		}
		b = appendUint(b, "af", af)
		b = appendElem(b, "address", nh.Address.String())
		b = appendElem(b, "mac", nh.MAC)
		b = appendUint(b, "label", uint64(nh.Label))
		b = append(b, "<tunnel-encapsulation-list>"...)
		for _, e := range nh.Encaps {
			b = appendElem(b, "tunnel-encapsulation", e)
		}
		b = append(b, "</tunnel-encapsulation-list>"...)
		if nh.VirtualNetwork != "" {
			b = appendElem(b, "virtual-network", nh.VirtualNetwork)
		}
		b = append(b, "</next-hop>"...)
	}
	b = append(b, "</next-hops>"...)
	b = appendUint(b, "version", 1)
	b = appendElem(b, "virtual-network", r.VirtualNetwork)
	b = append(b, `<mobility seqno="`...)
	b = strconv.AppendUint(b, uint64(r.SequenceNumber), 10)
	b = append(b, `" sticky="false"/>`...)
	b = appendUint(b, "sequence-number", uint64(r.SequenceNumber))
	b = append(b, "<security-group-list>"...)
	for _, sg := range r.SecurityGroups {
		b = appendUint(b, "security-group", uint64(sg))
	}
	b = append(b, "</security-group-list>"...)
	b = appendUint(b, "local-preference", uint64(r.LocalPref))
	if r.MED != 0 {
		b = appendUint(b, "med", uint64(r.MED))
	}
	if r.SubProtocol != "" {
		b = appendElem(b, "sub-protocol", r.SubProtocol)
	}
	return append(b, "</entry>"...)
}

// EncodeItem encodes a route as the <item> of an items message (control →
// agent). Encode once per route change and reuse the bytes for every peer.
func EncodeItem(r Route) EncodedItem {
	b := make([]byte, 0, 512)
	b = append(b, `<item id="`...)
	b = appendEscaped(b, r.Prefix.String())
	b = append(b, `">`...)
	b = appendEntry(b, r)
	return append(b, "</item>"...)
}

// EncodeRetract encodes the <retract> of a withdrawn prefix.
func EncodeRetract(p netip.Prefix) EncodedItem {
	b := make([]byte, 0, 40)
	b = append(b, `<retract id="`...)
	b = appendEscaped(b, p.String())
	return append(b, `"/>`...)
}

// entryXML is the decoding side of <entry>.
type entryXML struct {
	NLRI struct {
		AFI     uint16 `xml:"af"`
		SAFI    uint16 `xml:"safi"`
		Address string `xml:"address"`
	} `xml:"nlri"`
	NextHops []struct {
		Address string   `xml:"address"`
		MAC     string   `xml:"mac"`
		Label   uint32   `xml:"label"`
		Encaps  []string `xml:"tunnel-encapsulation-list>tunnel-encapsulation"`
		VN      string   `xml:"virtual-network"`
	} `xml:"next-hops>next-hop"`
	VirtualNetwork string `xml:"virtual-network"`
	Mobility       struct {
		Seqno uint32 `xml:"seqno,attr"`
	} `xml:"mobility"`
	SequenceNumber uint32   `xml:"sequence-number"`
	SecurityGroups []uint32 `xml:"security-group-list>security-group"`
	LocalPref      uint32   `xml:"local-preference"`
	MED            uint32   `xml:"med"`
	SubProtocol    string   `xml:"sub-protocol"`
}

func (e *entryXML) route() (Route, error) {
	r := Route{
		Family:         Family{e.NLRI.AFI, e.NLRI.SAFI},
		VirtualNetwork: e.VirtualNetwork,
		SequenceNumber: e.Mobility.Seqno,
		SecurityGroups: e.SecurityGroups,
		LocalPref:      e.LocalPref,
		MED:            e.MED,
		SubProtocol:    e.SubProtocol,
	}
	if r.SequenceNumber == 0 {
		r.SequenceNumber = e.SequenceNumber
	}
	p, err := parsePrefix(e.NLRI.Address)
	if err != nil {
		return r, err
	}
	r.Prefix = p
	for _, nh := range e.NextHops {
		a, err := netip.ParseAddr(strings.TrimSpace(nh.Address))
		if err != nil {
			return r, fmt.Errorf("xmpp: next-hop address %q: %v", nh.Address, err)
		}
		r.NextHops = append(r.NextHops, NextHop{Address: a, MAC: nh.MAC, Label: nh.Label, Encaps: nh.Encaps, VirtualNetwork: nh.VN})
	}
	return r, nil
}

// parsePrefix accepts "a.b.c.d/n" and a bare address (host route).
func parsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, '/') < 0 {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("xmpp: prefix %q: %v", s, err)
		}
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("xmpp: prefix %q: %v", s, err)
	}
	return p, nil
}

// --- stanzas ---

type nodeRef struct {
	Node string `xml:"node,attr"`
}

type iqXML struct {
	XMLName xml.Name `xml:"iq"`
	Type    string   `xml:"type,attr"`
	From    string   `xml:"from,attr"`
	To      string   `xml:"to,attr"`
	ID      string   `xml:"id,attr"`
	PubSub  *struct {
		Subscribe *struct {
			Node       string `xml:"node,attr"`
			InstanceID int    `xml:"options>instance-id"`
		} `xml:"subscribe"`
		Unsubscribe *nodeRef `xml:"unsubscribe"`
		Publish     *struct {
			Node  string `xml:"node,attr"`
			Items []struct {
				Entry entryXML `xml:"entry"`
			} `xml:"item"`
		} `xml:"publish"`
		Collection *struct {
			Node       string   `xml:"node,attr"`
			Associate  *nodeRef `xml:"associate"`
			Dissociate *nodeRef `xml:"dissociate"`
		} `xml:"collection"`
	} `xml:"pubsub"`
}

type messageXML struct {
	XMLName xml.Name `xml:"message"`
	From    string   `xml:"from,attr"`
	To      string   `xml:"to,attr"`
	Event   *struct {
		Items struct {
			Node  string `xml:"node,attr"`
			Items []struct {
				ID    string   `xml:"id,attr"`
				Entry entryXML `xml:"entry"`
			} `xml:"item"`
			Retracts []struct {
				ID string `xml:"id,attr"`
			} `xml:"retract"`
		} `xml:"items"`
	} `xml:"event"`
}

// splitNode splits "<afi>/<safi>/<rest>" into family and rest.
func splitNode(node string) (Family, string, error) {
	parts := strings.SplitN(node, "/", 3)
	if len(parts) < 3 {
		return Family{}, "", fmt.Errorf("xmpp: node %q is not <afi>/<safi>/<name>", node)
	}
	afi, err1 := strconv.ParseUint(parts[0], 10, 16)
	safi, err2 := strconv.ParseUint(parts[1], 10, 16)
	if err1 != nil || err2 != nil {
		return Family{}, "", fmt.Errorf("xmpp: node %q: bad afi/safi", node)
	}
	return Family{uint16(afi), uint16(safi)}, parts[2], nil
}

// publishNode is "<afi>/<safi>/<vrf>/<prefix>".
func publishNode(instance string, f Family, p netip.Prefix) string {
	return f.nodePrefix() + "/" + instance + "/" + p.String()
}

// splitPublishNode recovers instance and prefix from a publish node. The
// instance name contains ':' but never '/'; the prefix is the last two
// '/'-separated parts ("10.1.1.3/32").
func splitPublishNode(node string) (Family, string, netip.Prefix, error) {
	fam, rest, err := splitNode(node)
	if err != nil {
		return fam, "", netip.Prefix{}, err
	}
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return fam, "", netip.Prefix{}, fmt.Errorf("xmpp: publish node %q has no prefix", node)
	}
	p, err := parsePrefix(rest[i+1:])
	return fam, rest[:i], p, err
}

// Stanza builders (agent → control).

func appendIQHead(b []byte, from, id string) []byte {
	b = append(b, `<iq type="set" from="`...)
	b = appendEscaped(b, from)
	b = append(b, `" to="`+ControlJID+"/"+ResourceBGP+`" id="`...)
	b = appendEscaped(b, id)
	return append(b, `"><pubsub xmlns="http://jabber.org/protocol/pubsub">`...)
}

const iqTail = "</pubsub></iq>"

func subscribeStanza(from, id, instance string, instanceID int) []byte {
	b := appendIQHead(nil, from, id)
	b = append(b, `<subscribe node="`...)
	b = appendEscaped(b, instance)
	b = append(b, `"><options>`...)
	b = appendUint(b, "instance-id", uint64(instanceID))
	b = append(b, "</options></subscribe>"...)
	return append(b, iqTail...)
}

func unsubscribeStanza(from, id, instance string) []byte {
	b := appendIQHead(nil, from, id)
	b = append(b, `<unsubscribe node="`...)
	b = appendEscaped(b, instance)
	b = append(b, `"/>`...)
	return append(b, iqTail...)
}

// publishStanza is the publish IQ; with withdraw it carries no item body
// other than the node (the dissociate tells the control node to delete).
func publishStanza(from, id, node string, r *Route) []byte {
	b := appendIQHead(nil, from, id)
	b = append(b, `<publish node="`...)
	b = appendEscaped(b, node)
	b = append(b, `">`...)
	if r != nil {
		b = append(b, "<item>"...)
		b = appendEntry(b, *r)
		b = append(b, "</item>"...)
	}
	b = append(b, "</publish>"...)
	return append(b, iqTail...)
}

func collectionStanza(from, id, instance, node string, associate bool) []byte {
	b := appendIQHead(nil, from, id)
	b = append(b, `<collection node="`...)
	b = appendEscaped(b, instance)
	if associate {
		b = append(b, `"><associate node="`...)
	} else {
		b = append(b, `"><dissociate node="`...)
	}
	b = appendEscaped(b, node)
	b = append(b, `"/></collection>`...)
	return append(b, iqTail...)
}

// itemsMessage is an event message with items for one node.
func itemsMessage(from, to, node string, items []EncodedItem) []byte {
	head := itemsHead(from, to, node)
	n := len(head) + len(itemsTail)
	for _, it := range items {
		n += len(it)
	}
	b := append(make([]byte, 0, n), head...)
	for _, it := range items {
		b = append(b, it...)
	}
	return append(b, itemsTail...)
}

// itemsHead is an items message up to its first item; itemsTail closes it.
// A control node sends the cached item bytes between the two with one
// vectored write (ServerPeer.SendUpdate), copying nothing per agent.
func itemsHead(from, to, node string) []byte {
	b := make([]byte, 0, 120+len(from)+len(to)+len(node))
	b = append(b, `<message from="`...)
	b = appendEscaped(b, from)
	b = append(b, `" to="`...)
	b = appendEscaped(b, to)
	b = append(b, `"><event xmlns="http://jabber.org/protocol/pubsub"><items node="`...)
	b = appendEscaped(b, node)
	return append(b, `">`...)
}

var itemsTail = []byte("</items></event></message>")
