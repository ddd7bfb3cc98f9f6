package schema

// contrail-vrouter-agent diagnostics (vnsw/agent/diag/diag.sandesh of
// OpenSDN tf-controller; no spec table): the agent sends packets from a
// local VM interface's address (PingReq for TCP/UDP, TraceRouteReq also
// for ICMP). These requests send traffic: tfkit sends them only behind an
// explicit probe flag (introspect/readonly.CheckWithProbes).

// PingReq sends count packets from source_ip:source_port (a VM of this
// vRouter, in vrf_name) to dest_ip:dest_port; protocol 6 (TCP) or 17
// (UDP). The answer is one PingResp per packet, then PingSummaryResp, or
// PingErrResp.
type PingReq struct {
	SourceIP   string `sandesh:"source_ip,id=1"`
	SourcePort int32  `sandesh:"source_port,id=2"`
	DestIP     string `sandesh:"dest_ip,id=3"`
	DestPort   int32  `sandesh:"dest_port,id=4"`
	Protocol   int16  `sandesh:"protocol,id=5"`
	VrfName    string `sandesh:"vrf_name,id=6"`
	PacketSize int16  `sandesh:"packet_size,id=7,opt"`
	Count      int16  `sandesh:"count,id=8,opt"`
	Interval   int32  `sandesh:"interval,id=9,opt"`
}

// SetDefaults gives the optional fields their .sandesh defaults.
func (r *PingReq) SetDefaults() { r.PacketSize, r.Count, r.Interval = 100, 10, 1 }

// PingResp is the fate of one ping packet: "Success" (with rtt) or
// "Timed Out".
type PingResp struct {
	SeqNo int16  `sandesh:"seq_no,id=1"`
	RTT   string `sandesh:"rtt,id=2,opt"`
	Resp  string `sandesh:"resp,id=3"`
}

// PingSummaryResp ends a ping: packets sent and answered, loss in percent.
type PingSummaryResp struct {
	RequestSent      int16  `sandesh:"request_sent,id=1"`
	ResponseReceived int16  `sandesh:"response_received,id=2"`
	PktLoss          int16  `sandesh:"pkt_loss,id=3"`
	AverageRTT       string `sandesh:"average_rtt,id=4,opt"`
}

// PingErrResp refuses a ping ("Invalid source IP", "VM not present on this
// server", …).
type PingErrResp struct {
	ErrorResponse string `sandesh:"error_response,id=1"`
}

// TraceRouteReq traces from a local VM's address to dest_ip; protocol 6,
// 17 or 1 (ICMP). The answer is one TraceRouteResp per hop.
type TraceRouteReq struct {
	SourceIP    string `sandesh:"source_ip,id=1"`
	SourcePort  int32  `sandesh:"source_port,id=2"`
	DestIP      string `sandesh:"dest_ip,id=3"`
	DestPort    int32  `sandesh:"dest_port,id=4"`
	Protocol    int16  `sandesh:"protocol,id=5"`
	VrfName     string `sandesh:"vrf_name,id=6"`
	MaxHops     int16  `sandesh:"max_hops,id=7,opt"`
	MaxAttempts int16  `sandesh:"max_attempts,id=8,opt"`
	Interval    int32  `sandesh:"interval,id=9,opt"`
}

// SetDefaults gives the optional fields their .sandesh defaults.
func (r *TraceRouteReq) SetDefaults() { r.MaxHops, r.MaxAttempts, r.Interval = 30, 3, 1 }

// TraceRouteResp is one hop: an address, or "* * * " when every attempt
// at that TTL timed out.
type TraceRouteResp struct {
	Hop string `sandesh:"hop,id=1"`
}

// TraceRouteErrResp refuses a trace route.
type TraceRouteErrResp struct {
	ErrorResponse string `sandesh:"error_response,id=1"`
}
