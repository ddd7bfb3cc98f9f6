package deps

import (
	_ "github.com/containerd/containerd/v2/client"
	_ "github.com/docker/docker/client"
	_ "github.com/gopacket/gopacket/layers"
	_ "github.com/gopacket/gopacket/pcap"
	_ "github.com/gopacket/gopacket/pcapgo"
	_ "github.com/olekukonko/tablewriter"
	_ "github.com/osrg/gobgp/v4/pkg/packet/bgp"
	_ "github.com/osrg/gobgp/v4/pkg/server"
	_ "github.com/urfave/cli/v2"
	_ "github.com/vishvananda/netlink"
	_ "github.com/vishvananda/netns"
	_ "gopkg.in/yaml.v3"
)
