#!/usr/bin/python3
"""Writes the compact (no whitespace between tags, spec §2.9) Sandesh XML
fixtures of introspect/render's golden tests. Shapes follow spec §5; the
values are made up to exercise ist.py's table and text rules: wrapping at
hyphens and inside long words, multi-line and list/struct cells, missing
(`-`) and empty (`n/a`) fields, whitespace-only text, tabs, wide and
accented characters. Run: /usr/bin/python3 gen_fixtures.py
"""
PI = '<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>'


def esc(s):
    return (s.replace("&", "&amp;").replace("'", "&apos;")
             .replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&#10;")
             .replace("\t", "&#9;"))


def leaf(name, typ, ident, text, **attrs):
    a = "".join(' %s="%s"' % kv for kv in sorted(attrs.items()))
    return '<%s type="%s" identifier="%d"%s>%s</%s>' % (name, typ, ident, a, esc(str(text)), name)


def s(name, ident, text):
    return leaf(name, "string", ident, text)


def i(name, ident, v):
    return leaf(name, "i32", ident, v)


def b(name, ident, v):
    return leaf(name, "bool", ident, "true" if v else "false")


def struct(name, ident, sname, fields):
    return '<%s type="struct" identifier="%d"><%s>%s</%s></%s>' % (
        name, ident, sname, "".join(fields), sname, name)


def slist(name, ident, items):
    body = "".join("<element>%s</element>" % esc(x) for x in items)
    return '<%s type="list" identifier="%d"><list type="string" size="%d">%s</list></%s>' % (
        name, ident, len(items), body, name)


def stlist(name, ident, sname, items):
    body = "".join("<%s>%s</%s>" % (sname, "".join(f), sname) for f in items)
    return '<%s type="list" identifier="%d"><list type="struct" size="%d">%s</list></%s>' % (
        name, ident, len(items), body, name)


def more(v=False):
    return b("more", 0, v)


def resp(rname, fields):
    return '<%s type="sandesh">%s</%s>' % (rname, "".join(fields), rname)


def multi(parts):
    first = parts[0][1:parts[0].index(" ")]
    return '<__%s_list type="slist">%s</__%s_list>' % (first, "".join(parts), first)


def write(fname, root):
    with open(fname, "w", encoding="utf-8") as f:
        f.write(PI + root)


def vn(name, uuid, ipams, l2=True, newer=True, vrf=None):
    f = [s("name", 1, name), s("uuid", 2, uuid), leaf("acl_uuid", "string", 3, "", link="AclReq"),
         leaf("mirror_acl_uuid", "string", 4, "", link="AclReq"),
         leaf("vrf_name", "string", 6, vrf if vrf is not None else name + ":" + name.split(":")[-1], link="VrfListReq"),
         stlist("ipam_data", 7, "VnIpamData", [[s("ip_prefix", 1, p), i("prefix_len", 2, l), s("gateway", 3, g),
                                               s("ipam_name", 4, "default-domain:default-project:default-network-ipam")]
                                              for p, l, g in ipams]),
         stlist("ipam_host_routes", 8, "VnIpamHostRoutes", []),
         b("layer2_forwarding", 9, l2), b("ipv4_forwarding", 10, True), b("admin_state", 11, True),
         i("vxlan_id", 12, 4), i("vn_id", 14, 4)]
    if newer:
        f += [b("enable_rpf", 15, True), b("bridging", 16, l2)]
    return f


def vr_vn():
    vns = [vn("default-domain:k8s-default:k8s-default-pod-network", "714242a1-9f22-4011-9bfa-d8cadb1cb0a1",
              [("10.32.0.0", 12, "10.47.255.254")]),
           vn("default-domain:admin:vn4", "c608e827-b9aa-4090-b36a-ef2c5f3db754",
              [("192.168.2.0", 24, "192.168.2.1"), ("2001:db8:aaaa:bbbb::", 64, "2001:db8:aaaa:bbbb::1")], l2=False),
           vn("default-domain:admin:old-2014-network", "0a1b2c3d-0000-4000-8000-000000000001", [], newer=False,
              vrf="")]
    page = resp("Pagination", [struct("req", 1, "PageReqData", [s("prev_page", 1, ""), s("next_page", 2, ""),
                                                                s("first_page", 3, "0:3"), s("all", 4, ""),
                                                                s("table_size", 5, "3")])])
    write("vr_vn.xml", multi([resp("VnListResp", [stlist("vn_list", 1, "VnSandeshData", vns), more(True)]), page]))


def ctr_nei():
    def nei(peer, addr, asn, enc, typ, state, send, flaps, flap_time, fams, extra=()):
        return [s("instance_name", 53, "default-domain:default-project:ip-fabric:__default__"),
                s("peer", 1, peer), b("deleted", 36, False), s("peer_address", 2, addr),
                leaf("peer_asn", "u32", 4, asn), s("encoding", 8, enc), s("peer_type", 9, typ),
                s("state", 10, state), s("send_state", 55, send), leaf("flap_count", "u32", 26, flaps),
                s("flap_time", 27, flap_time), slist("families", 20, fams)] + list(extra)
    ns = [nei("ctrl-2.example.net", "10.0.0.12", 64512, "BGP", "internal", "Established", "in sync", 3,
              "2020-Aug-17 02:34:53.356095", ["route-target", "inet-vpn", "e-vpn", "erm-vpn", "inet6-vpn"]),
          nei("compute-1.k8s-cluster-with-a-long-name.example.net", "10.0.0.21", 64512, "XMPP", "internal",
              "Established", "in sync", 0, "", ["IPv4"]),
          nei("peer\twith tab", "10.0.0.99", 0, "BGP", " ", "Idle", "not advertising", 12,
              "2020-Aug-17 02:34:53.356095", [], extra=[s("last_error", 40, "Hold timer expired\nretrying")])]
    write("ctr_nei.xml", resp("BgpNeighborListResp",
                              [stlist("neighbors", 1, "BgpNeighborResp", ns), s("next_batch", 2, ""), more()]))


def ctr_route_summary():
    def t(name, pfx, paths, prim, sec, inf):
        return [s("name", 1, name), leaf("deleted", "bool", 2, "false"), leaf("prefixes", "u64", 4, pfx),
                leaf("paths", "u64", 6, paths), leaf("primary_paths", "u64", 7, prim),
                leaf("secondary_paths", "u64", 8, sec), leaf("infeasible_paths", "u64", 9, inf),
                i("walk_requests", 12, 0)]
    ts = [t("inet.0", 2, 2, 2, 0, 0), t("bgp.l3vpn.0", 14, 20, 14, 6, 0),
          t("default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network.inet.0", 5, 7, 2, 5, 0),
          t("default-domain:default-project:__link_local__:__link_local__.inet.0", 0, 0, 0, 0, 0),
          t("default-domain:admin:vn1:vn1.evpn.0", 4, 4, 4, 0, 1)]
    write("ctr_route_summary.xml", resp("ShowRouteSummaryResp", [
        stlist("tables", 1, "ShowRouteTableSummary", ts), s("next_batch", 2, ""), more()]))


def ctr_mcast():
    def m(name, trees, total):
        return [s("name", 1, name), b("deleted", 2, False), i("deleted_at", 3, 0),
                leaf("total_trees", "u32", 4, trees), leaf("total_sources", "u32", 5, total),
                leaf("total_groups", "u32", 6, total)]
    ms = [m("default-domain:default-project:ip-fabric:__default__.ermvpn.0", 0, 0),
          m("default-domain:k8s-kube-system:k8s-kube-system-service-network:k8s-kube-system-service-network.ermvpn.0",
            2, 1)]
    write("ctr_mcast.xml", resp("ShowMulticastManagerResp", [
        stlist("managers", 1, "ShowMulticastManager", ms), s("next_batch", 2, ""), more()]))


def vr_mpls_stress():
    # Records named MplsSandeshData so that `ist vr mpls` (all columns of
    # the first record) and `-c` pick them; the fields carry the texts
    # that exercise the wrapping rules.
    def rec(label, text, nh_type, extra=()):
        return [leaf("label", "u32", 1, label), s("text", 2, text),
                struct("nh", 3, "NhSandeshData", [s("type", 1, nh_type), i("nh_index", 2, 31),
                                                  slist("mac", 9, ["02:1a:2b:3c:4d:5e"])]),
                slist("paths", 4, ["  indented item", "default-domain:k8s-default:k8s-default-pod-network:"
                                   "k8s-default-pod-network"]),
                s("human_readable_description_of_the_label_entry", 6,
                  "label %d: a description longer than the forty-five characters of its header" % label)] + list(extra)
    rs = [rec(16, "default-domain:k8s-default:k8s-default-pod-network", "interface"),
          rec(17, "AVeryLongWordWithoutAnyBreakOpportunityAtAllInsideItSoItMustBeCut", "tunnel"),
          rec(18, "Look, goof-ball -- use the -b option! e-mail x--y --- ---long-leading-dashes", "composite"),
          rec(19, "multi\nline text, the second line is long enough to wrap at thirty-six", "receive"),
          rec(20, "    ", "arp", extra=[s("note", 5, "")]),
          rec(21, "日本語のテキストと漢字とかなが混ざった長い文字列です", "vlan"),
          rec(22, "Ünïcödé àccents — em dash and façade-ménagé words repeated façade-ménagé", "discard"),
          rec(23, "col1\tcol2\tcol3 tab separated values that are longer than the column", "resolve"),
          rec(24, "trailing spaces     ", "l2-receive"),
          rec(25, "a" * 36, "interface"),
          rec(26, "b" * 37, "interface")]
    write("vr_mpls_stress.xml", multi([
        resp("MplsResp", [stlist("mpls_list", 1, "MplsSandeshData", rs), more()])]))


def node_status():
    conns = [[s("type", 1, "IFMap"), s("name", 2, "IFMapServer"), slist("server_addrs", 3, ["10.84.13.45:8443"]),
              s("status", 4, "Up"), s("description", 5, "Connection with IFMap Server (irond)")],
             [s("type", 1, "Collector"), s("name", 2, ""), slist("server_addrs", 3, ["10.84.13.45:8086"]),
              s("status", 4, "Up"), s("description", 5, "Established")],
             [s("type", 1, "Database"), s("name", 2, "Cassandra"),
              slist("server_addrs", 3, ["10.84.13.45:9042", "10.84.13.46:9042", "10.84.13.47:9042"]),
              s("status", 4, "Up"), s("description", 5, "")]]
    ps = [s("module_id", 1, "contrail-control"), s("instance_id", 2, "0"), s("state", 3, "Functional"),
          stlist("connection_infos", 4, "ConnectionInfo", conns), s("description", 6, "")]
    ns = [leaf("name", "string", 1, "ctrl-1", key="ObjectBgpRouter"),
          stlist("process_status", 4, "ProcessStatus", [ps])]
    uve = '<NodeStatusUVE type="sandesh">%s</NodeStatusUVE>' % struct("data", 1, "NodeStatus", ns)
    cache = resp("SandeshUVECacheResp", [leaf("returned", "u32", 1, 1), leaf("period", "i32", 2, 0), more()])
    write("node_status.xml", '<__NodeStatusUVE_list type="slist">%s%s</__NodeStatusUVE_list>' % (uve, cache))


for f in (vr_vn, ctr_nei, ctr_route_summary, ctr_mcast, vr_mpls_stress, node_status):
    f()
