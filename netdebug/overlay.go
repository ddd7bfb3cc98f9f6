package netdebug

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Ports of the Tungsten Fabric overlays (vRouter fabric interface).
const (
	PortMPLSoUDP = 6635 // RFC 7510
	PortVXLAN    = 4789 // RFC 7348; gopacket decodes it by default
)

// Registering with gopacket's tables makes every decoder in the process
// (text output, tests, tools reading pcap files) see the overlays. MPLS over
// GRE needs nothing: GRE protocol 0x8847 already decodes as MPLS.
func init() {
	layers.RegisterUDPPortLayerType(PortMPLSoUDP, layers.LayerTypeMPLS)
	layers.MPLSPayloadDecoder = mplsPayloadDecoder{}
}

// mplsPayloadDecoder extends gopacket's guess (IPv4 or IPv6 by the first
// nibble) with Ethernet, which the vRouter carries under a label for L2
// virtual networks. Its payload has no type field, so the guess is all there is.
type mplsPayloadDecoder struct{}

func (mplsPayloadDecoder) Decode(data []byte, p gopacket.PacketBuilder) error {
	if len(data) > 0 {
		switch data[0] >> 4 {
		case 4, 6:
			return layers.ProtocolGuessingDecoder{}.Decode(data, p)
		}
	}
	return p.NextDecoder(layers.LayerTypeEthernet)
}
