package bgp

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	gbgp "github.com/osrg/gobgp/v4/pkg/packet/bgp"
)

// Contrail-private extended community: origin VN (types.h, origin_vn.cc).
const (
	originVNType    = 0x80
	originVNSubType = 0x71
)

var encapNames = map[string]gbgp.TunnelType{
	"gre":   gbgp.TUNNEL_TYPE_GRE,
	"udp":   gbgp.TUNNEL_TYPE_MPLS_IN_UDP,
	"vxlan": gbgp.TUNNEL_TYPE_VXLAN,
}

// parseCommunity turns Contrail community text into a GoBGP extended
// community: "target:A:N", "encapsulation:gre|udp|vxlan", "originvn:A:I".
func parseCommunity(s string) (gbgp.ExtendedCommunityInterface, error) {
	kind, rest, ok := strings.Cut(s, ":")
	if !ok {
		return nil, fmt.Errorf("community %q: want kind:value", s)
	}
	switch kind {
	case "target":
		return gbgp.ParseRouteTarget(rest)
	case "encapsulation":
		t, ok := encapNames[rest]
		if !ok {
			return nil, fmt.Errorf("community %q: unknown encapsulation", s)
		}
		return gbgp.NewEncapExtended(t), nil
	case "originvn":
		as, idx, ok := strings.Cut(rest, ":")
		a, err1 := strconv.ParseUint(as, 10, 16)
		i, err2 := strconv.ParseUint(idx, 10, 32)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("community %q: want originvn:<asn>:<vn-index>", s)
		}
		v := make([]byte, 7)
		v[0] = originVNSubType
		binary.BigEndian.PutUint16(v[1:3], uint16(a))
		binary.BigEndian.PutUint32(v[3:7], uint32(i))
		return &gbgp.UnknownExtended{Type: originVNType, Value: v}, nil
	}
	return nil, fmt.Errorf("community %q: unsupported kind %q", s, kind)
}

// formatCommunity is the inverse of parseCommunity, in Contrail's text;
// communities it does not know are printed as hex.
func formatCommunity(c gbgp.ExtendedCommunityInterface) string {
	switch v := c.(type) {
	case *gbgp.EncapExtended:
		for name, t := range encapNames {
			if t == v.TunnelType {
				return "encapsulation:" + name
			}
		}
	case *gbgp.UnknownExtended:
		if v.Type == originVNType && len(v.Value) == 7 && v.Value[0] == originVNSubType {
			return fmt.Sprintf("originvn:%d:%d", binary.BigEndian.Uint16(v.Value[1:3]), binary.BigEndian.Uint32(v.Value[3:7]))
		}
	}
	t, sub := c.GetTypes()
	if sub == gbgp.EC_SUBTYPE_ROUTE_TARGET && (t == gbgp.EC_TYPE_TRANSITIVE_TWO_OCTET_AS_SPECIFIC || t == gbgp.EC_TYPE_TRANSITIVE_IP4_SPECIFIC || t == gbgp.EC_TYPE_TRANSITIVE_FOUR_OCTET_AS_SPECIFIC) {
		return "target:" + c.String()
	}
	b, err := c.Serialize()
	if err != nil {
		return c.String()
	}
	return fmt.Sprintf("0x%x", b)
}
