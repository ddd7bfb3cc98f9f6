package sandesh

import (
	"fmt"
	"testing"
)

type benchPath struct {
	Protocol        string   `sandesh:"protocol,id=1"`
	LastModified    string   `sandesh:"last_modified,id=3"`
	LocalPreference uint32   `sandesh:"local_preference,id=5"`
	Med             uint32   `sandesh:"med,id=25"`
	PeerRouterID    string   `sandesh:"peer_router_id,id=8"`
	Source          string   `sandesh:"source,id=9"`
	NextHop         string   `sandesh:"next_hop,id=11"`
	Label           uint32   `sandesh:"label,id=12"`
	Replicated      bool     `sandesh:"replicated,id=13"`
	PrimaryTable    string   `sandesh:"primary_table,id=14,link=ShowRouteReq"`
	SecondaryTables []string `sandesh:"secondary_tables,id=24"`
	Communities     []string `sandesh:"communities,id=15"`
	OriginVN        string   `sandesh:"origin_vn,id=16"`
	TunnelEncap     []string `sandesh:"tunnel_encap,id=18"`
}

type benchRoute struct {
	Prefix       string      `sandesh:"prefix,id=1"`
	LastModified string      `sandesh:"last_modified,id=2"`
	Paths        []benchPath `sandesh:"paths,id=3"`
}

type benchTable struct {
	RoutingTableName string       `sandesh:"routing_table_name,id=2,link=ShowRouteReq"`
	Prefixes         uint64       `sandesh:"prefixes,id=3"`
	Routes           []benchRoute `sandesh:"routes,id=8"`
}

type benchResp struct {
	Tables []benchTable `sandesh:"tables,id=1"`
}

func BenchmarkEncodeRoutes(b *testing.B) {
	var resp benchResp
	for t := 0; t < 10; t++ {
		tbl := benchTable{RoutingTableName: fmt.Sprintf("default-domain:admin:vn%d:vn%d.inet.0", t, t), Prefixes: 10000}
		for r := 0; r < 10000; r++ {
			tbl.Routes = append(tbl.Routes, benchRoute{Prefix: fmt.Sprintf("10.%d.%d.%d/32", t, r/256, r%256), LastModified: "2020-Aug-17 02:35:10.123456",
				Paths: []benchPath{{Protocol: "XMPP (interface)", LastModified: "2020-Aug-17 02:35:10.123456", LocalPreference: 200,
					Source: "compute-1", NextHop: "10.0.0.21", Label: uint32(16 + r), SecondaryTables: []string{"bgp.l3vpn.0"},
					Communities: []string{}, OriginVN: "default-domain:admin:vn1", TunnelEncap: []string{"gre", "udp"}}}})
		}
		resp.Tables = append(resp.Tables, tbl)
	}
	out := AppendResponse(nil, &resp, false)
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		out = AppendResponse(out[:0], &resp, false)
	}
}
