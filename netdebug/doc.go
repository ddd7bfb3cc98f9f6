// Package netdebug is the network side of tf-capture: it finds the
// network namespace of a pod or container (Kubernetes labels across
// Docker and containerd, --pid, --netns, or the host end of a pod's veth),
// enters it safely on a locked thread, captures there (Ethernet
// interfaces through a TPACKET_V3 ring of its own, read through Go's
// poller; "any", other link types and pcap files through libpcap; filters
// always compiled by libpcap), and writes what it captured as decoded
// lines (netdebug/decode), a pcap stream, or a pcap file that survives a
// dropped session or a kill. It also runs host commands inside the
// namespace and lists the namespace's links with their host-side peers.
//
// Why containers stopped is the business of package exitinfo.
package netdebug
