package control

import (
	"fmt"
	"testing"
	"time"

	"github.com/tfkit/tfkit/introspect/schema"
	"github.com/tfkit/tfkit/refnode/introspecttest"
)

// TestIFMapClientPages: the IFMap pages ist.py's `ctr ifmap client|link|
// cm|pending_vm|node --fqn` and `ctr config rp` read (they answered 404)
// are served in the daemon's layout (each answer re-encodes byte for
// byte) and hold the connected agent: a client with its virtual-router,
// network and instance; the link table's VN-RI links; the channel map.
func TestIFMapClientPages(t *testing.T) {
	n := loneNode(t, "127.0.91.231", 2)
	ri := "default-domain:p:vn001:vn001"
	startAgentIn(t, "vrouter-9", "127.0.92.231", ri, 3, n)
	waitFor(t, "agent subscribed", 10*time.Second, func() bool {
		cs := n.ifmapClients()
		return len(cs) == 1 && len(cs[0].links) == 1
	})
	url := func(p string) string {
		return fmt.Sprintf("http://%s:%d/Snh_%s", n.cfg.Address, n.cfg.IntrospectPort, p)
	}

	var info schema.IFMapXmppClientInfoShowResp
	introspecttest.CheckParts(t, url("IFMapXmppClientInfoShowReq"), &info)
	if len(info.ClientStats) != 1 || info.ClientStats[0].ClientName != "vrouter-9" || info.ClientStats[0].UpdateNodesSent != 3 {
		t.Errorf("client info %+v", info.ClientStats)
	}
	var nodes schema.IFMapPerClientNodesShowResp
	introspecttest.CheckParts(t, url("IFMapPerClientNodesShowReq?client_index_or_name=vrouter-9&search_string="), &nodes)
	want := []string{"routing-instance:" + ri, "virtual-network:default-domain:p:vn001", vrouterPrefix + "vrouter-9"}
	if len(nodes.NodeDB) != 3 || nodes.NodeDB[0].NodeName != want[0] || nodes.NodeDB[1].NodeName != want[1] || nodes.NodeDB[2].NodeName != want[2] {
		t.Errorf("client nodes %+v", nodes.NodeDB)
	}
	var links schema.IFMapPerClientLinksShowResp
	introspecttest.CheckParts(t, url("IFMapPerClientLinksShowReq?client_index_or_name=0&search_string="), &links)
	if len(links.LinkDB) != 1 || links.LinkDB[0].Metadata != vnRILink || links.LinkDB[0].Right != "routing-instance:"+ri {
		t.Errorf("client links %+v", links.LinkDB)
	}
	var sc schema.IFMapServerClientShowResp
	introspecttest.CheckParts(t, url("IFMapServerClientShowReq?search_string="), &sc)
	if len(sc.IndexList.Clients) != 1 || sc.IndexList.Clients[0].ClientName != "vrouter-9" || sc.NameList.TableCount != 1 {
		t.Errorf("server clients %+v", sc)
	}
	var lt schema.IFMapLinkTableShowResp
	introspecttest.CheckParts(t, url("IFMapLinkTableShowReq?search_string=&metadata="+vnRILink), &lt)
	if lt.TableSize != 2 || len(lt.IfmapDB) != 2 || lt.IfmapDB[0].Left != "virtual-network:default-domain:p:vn001" {
		t.Errorf("link table %+v", lt)
	}
	var nd schema.IFMapNodeShowResp
	introspecttest.CheckParts(t, url("IFMapNodeShowReq?x="+vrouterPrefix+"vrouter-9"), &nd)
	if nd.NodeInfo.NodeName != vrouterPrefix+"vrouter-9" {
		t.Errorf("node show %+v", nd)
	}
	var cm schema.IFMapXmppShowResp
	introspecttest.CheckParts(t, url("IFMapXmppShowReq"), &cm)
	if m := cm.ChannelManagerInfo.ChannelManagerMap; m.ChannelCount != 1 || m.ChannelList[0].HostName != "127.0.92.231" {
		t.Errorf("channel map %+v", m)
	}
	introspecttest.CheckParts(t, url("IFMapPendingVmRegReq"), &schema.IFMapPendingVmRegResp{})
	introspecttest.CheckParts(t, url("ShowBgpRoutingPolicyConfigReq?search_string="), &schema.ShowBgpRoutingPolicyConfigResp{})
}
