#!/usr/bin/env python3
"""Writes the vr fixtures (agent answers shaped as in spec §3.2 and §5.2)
into testdata/vr. Run from testdata/vr: python3 gen/fx.py"""

def leaf(name, typ, ident, text, **attrs):
    a = ''.join(' %s="%s"' % kv for kv in attrs.items())
    return '<%s type="%s" identifier="%d"%s>%s</%s>' % (name, typ, ident, a, text, name)

def slist(name, ident, typ, items):
    return '<%s type="list" identifier="%d"><list type="%s" size="%d">%s</list></%s>' % (
        name, ident, typ, len(items), ''.join(items), name)

def strlist(name, ident, items):
    return slist(name, ident, 'string', ['<element>%s</element>' % i for i in items])

def rec(name, *fields):
    return '<%s>%s</%s>' % (name, ''.join(fields), name)

def paged(resp, field, records, table):
    page = 'begin:-1,end:-1,table:%s,' % table
    return ('<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><__%s_list type="slist"><%s type="sandesh">%s'
            '<more type="bool" identifier="0">true</more></%s><Pagination type="sandesh"><req type="struct" identifier="1"><PageReqData>'
            '%s%s%s%s%s%s</PageReqData></req><more type="bool" identifier="0">false</more></Pagination></__%s_list>') % (
        resp, resp, slist(field, 1, 'struct', records), resp,
        leaf('prev_page', 'string', 1, '', link='PageReq'), leaf('next_page', 'string', 2, '', link='PageReq'),
        leaf('first_page', 'string', 3, page, link='PageReq'), leaf('all', 'string', 4, page, link='PageReq'),
        leaf('table_size', 'u32', 5, len(records)), leaf('entries', 'string', 6, '0-%d/%d' % (len(records) - 1, len(records))), resp)

def single(resp, field, records):
    return ('<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><%s type="sandesh">%s'
            '<more type="bool" identifier="0">false</more></%s>') % (resp, slist(field, 1, 'struct', records), resp)

def itf(i, name, vm, vn, ip, mac, active='Active'):
    return rec('ItfSandeshData', leaf('index', 'u32', 1, i), leaf('name', 'string', 2, name),
               leaf('uuid', 'string', 3, '5b1e2a40-0000-4000-8000-%012d' % i), leaf('vrf_name', 'string', 4, vn + ':' + vn.split(':')[-1], link='VrfListReq'),
               leaf('active', 'string', 5, active), leaf('ipv4_active', 'string', 6, active),
               leaf('dhcp_service', 'string', 9, 'Enable'), leaf('dns_service', 'string', 10, 'Enable'),
               leaf('type', 'string', 11, 'vport'), leaf('label', 'i32', 12, 16 + i),
               leaf('vn_name', 'string', 14, vn, link='VnListReq'), leaf('vm_uuid', 'string', 15, '7c3c8b8e-0000-4000-8000-%012d' % i),
               leaf('vm_name', 'string', 16, vm), leaf('ip_addr', 'string', 17, ip), leaf('mac_addr', 'string', 18, mac),
               leaf('policy', 'string', 19, 'Enable'), leaf('mdata_ip_addr', 'string', 23, '169.254.0.%d' % i),
               leaf('os_ifindex', 'i32', 27, 10 + i))

def nh_tunnel(idx, dip, macs):
    return rec('NhSandeshData', leaf('type', 'string', 1, 'tunnel'), leaf('ref_count', 'u32', 2, 3),
               leaf('valid', 'string', 3, 'true'), leaf('policy', 'string', 4, 'disabled'),
               leaf('sip', 'string', 5, '10.0.0.11'), leaf('dip', 'string', 6, dip), leaf('vrf', 'string', 8, 'default-domain:default-project:ip-fabric:__default__'),
               strlist('mac', 9, macs), leaf('tunnel_type', 'string', 11, 'MPLSoUDP'), leaf('nh_index', 'u32', 19, idx))

def nh_itf(idx, itfname, mac, policy='enabled'):
    return rec('NhSandeshData', leaf('type', 'string', 1, 'interface'), leaf('ref_count', 'u32', 2, 4),
               leaf('valid', 'string', 3, 'true'), leaf('policy', 'string', 4, policy), leaf('itf', 'string', 7, itfname),
               strlist('mac', 9, [mac]), leaf('nh_index', 'u32', 19, idx))

def nh_plain(typ, idx, **f):
    fields = [leaf('type', 'string', 1, typ), leaf('ref_count', 'u32', 2, 1), leaf('valid', 'string', 3, 'true'), leaf('policy', 'string', 4, 'disabled')]
    if 'itf' in f:
        fields.append(leaf('itf', 'string', 7, f['itf']))
    if 'mac' in f:
        fields.append(leaf('mac', 'string', 9, f['mac']))
    fields.append(leaf('nh_index', 'u32', 19, idx))
    return rec('NhSandeshData', *fields)

def nh_composite(idx, members):
    mc = slist('mc_list', 16, 'struct', [rec('McastData', leaf('type', 'string', 1, 'Interface'), leaf('itf', 'string', 2, m)) for m in members])
    return rec('NhSandeshData', leaf('type', 'string', 1, 'Composite'), leaf('ref_count', 'u32', 2, 2),
               leaf('valid', 'string', 3, 'true'), leaf('policy', 'string', 4, 'disabled'), mc, leaf('nh_index', 'u32', 19, idx))

def path(peer, nh, label, pref=200, vxlan=0, dest=(), sgs=(), comms=(), with_pref=True):
    f = [leaf('peer', 'string', 1, peer), '<nh type="struct" identifier="2">%s</nh>' % nh,
         leaf('label', 'u32', 3, label), leaf('vxlan_id', 'u32', 4, vxlan), strlist('dest_vn_list', 5, list(dest)),
         leaf('unresolved', 'string', 6, 'false'), strlist('sg_list', 9, list(sgs)),
         strlist('communities', 10, list(comms))]
    if with_pref:
        f.append('<path_preference_data type="struct" identifier="11">%s</path_preference_data>' % rec(
            'PathPreferenceSandeshData', leaf('sequence', 'u32', 1, 0), leaf('preference', 'u32', 2, pref),
            leaf('ecmp', 'bool', 3, 'false'), leaf('wait_for_traffic', 'bool', 4, 'false')))
    f.append(leaf('active_label', 'u32', 12, label))
    return rec('PathSandeshData', *f)

def uc(ip, plen, paths, vrf='default-domain:admin:vn1:vn1'):
    return rec('RouteUcSandeshData', leaf('src_ip', 'string', 1, ip), leaf('src_plen', 'u32', 2, plen),
               leaf('src_vrf', 'string', 3, vrf), slist('path_list', 4, 'struct', paths),
               leaf('ipam_subnet_route', 'bool', 5, 'false'), leaf('proxy_arp', 'bool', 6, 'false'))

def l2(mac, paths, vrf='default-domain:admin:vn1:vn1'):
    return rec('RouteL2SandeshData', leaf('mac', 'string', 1, mac), leaf('src_vrf', 'string', 2, vrf),
               slist('path_list', 3, 'struct', paths))

def write(name, text):
    with open(name, 'w') as f:
        f.write(text)

VN1 = 'default-domain:admin:vn1'
itfs = [itf(3, 'tap1a2b3c4d-01', 'vm1', VN1, '10.1.1.3', '02:1a:2b:3c:4d:01'),
        itf(4, 'tap1a2b3c4d-02', 'vm2', VN1, '10.1.1.4', '02:1a:2b:3c:4d:02'),
        itf(5, 'tap5e6f7a8b-03', 'vm3-with-a-rather-long-instance-name-for-wrapping', 'default-domain:admin:vn2', '10.2.2.3', '02:5e:6f:7a:8b:03', 'Inactive')]
write('ItfReq.xml', paged('ItfResp', 'itf_list', itfs, 'db.interface.0'))

routes = [
    uc('0.0.0.0', 0, [path('Local', nh_plain('discard', 0), 0, pref=100)]),
    uc('10.1.1.0', 24, [path('Local', nh_plain('resolve', 9), 0, pref=100)]),
    uc('10.1.1.1', 32, [path('Local', nh_plain('receive', 12, itf='vhost0'), 0, pref=100)]),
    uc('10.1.1.3', 32, [path('LocalVmPort', nh_itf(21, 'tap1a2b3c4d-01', '02:1a:2b:3c:4d:01'), 17, dest=[VN1], sgs=['8000002'], comms=[]),
                        path('10.0.0.1', nh_itf(21, 'tap1a2b3c4d-01', '02:1a:2b:3c:4d:01'), 17, dest=[VN1], sgs=['8000002'], comms=['encapsulation:gre'])]),
    uc('10.1.1.5', 32, [path('10.0.0.1', nh_tunnel(30, '10.0.0.12', ['00:00:5e:00:01:00']), 25, dest=[VN1], comms=['target:64512:8000001'])]),
    uc('10.1.1.6', 32, [path('10.0.0.2', nh_tunnel(31, '10.0.0.13', []), 26)]),
    uc('10.1.1.254', 32, [path('Local', nh_plain('arp', 14, itf='vhost0', mac='00:00:5e:00:01:00'), 0)]),
    uc('10.1.1.100', 32, [path('10.0.0.1', nh_composite(40, ['tap1a2b3c4d-01', 'tap1a2b3c4d-02']), 30, pref=100, vxlan=5)]),
]
write('Inet4UcRouteReq.xml', paged('Inet4UcRouteResp', 'route_list', routes, 'default-domain:admin:vn1:vn1.uc.route.0'))
# A path without path_preference_data (ist.py crashes on it).
write('Inet4UcRouteReq-nopref.xml', paged('Inet4UcRouteResp', 'route_list',
      [uc('10.1.1.7', 32, [path('10.0.0.1', nh_tunnel(32, '10.0.0.12', ['00:00:5e:00:01:00']), 27, with_pref=False)])],
      'default-domain:admin:vn1:vn1.uc.route.0'))
write('Inet6UcRouteReq.xml', paged('Inet6UcRouteResp', 'route_list', [
    uc('fd00::', 64, [path('Local', nh_plain('resolve', 9), 0, pref=100)]),
    uc('fd00::3', 128, [path('LocalVmPort', nh_itf(21, 'tap1a2b3c4d-01', '02:1a:2b:3c:4d:01'), 17)])],
    'default-domain:admin:vn1:vn1.uc.route6.0'))
write('BridgeRouteReq.xml', paged('BridgeRouteResp', 'route_list', [
    l2('02:1a:2b:3c:4d:01', [path('LocalVmPort', nh_itf(22, 'tap1a2b3c4d-01', '02:1a:2b:3c:4d:01', 'disabled'), 18)]),
    l2('ff:ff:ff:ff:ff:ff', [path('Multicast', nh_composite(41, ['tap1a2b3c4d-01']), 0, pref=100)])],
    'default-domain:admin:vn1:vn1.l2.route.0'))
write('VrfListReq.xml', paged('VrfListResp', 'vrf_list', [
    rec('VrfSandeshData', leaf('name', 'string', 1, 'default-domain:default-project:ip-fabric:__default__'), leaf('ucindex', 'u32', 2, 0),
        leaf('mcindex', 'u32', 3, 0), leaf('brindex', 'u32', 4, 0), leaf('evpnindex', 'u32', 5, 0), leaf('uc6index', 'u32', 6, 0),
        leaf('vn', 'string', 7, 'N/A'), leaf('table_label', 'u32', 8, 4294967295), leaf('vxlan_id', 'u32', 9, 0)),
    rec('VrfSandeshData', leaf('name', 'string', 1, VN1 + ':vn1'), leaf('ucindex', 'u32', 2, 2),
        leaf('mcindex', 'u32', 3, 2), leaf('brindex', 'u32', 4, 2), leaf('evpnindex', 'u32', 5, 2), leaf('uc6index', 'u32', 6, 2),
        leaf('vn', 'string', 7, VN1), leaf('table_label', 'u32', 8, 20), leaf('vxlan_id', 'u32', 9, 5))],
    'db.vrf.0'))
write('NhListReq.xml', paged('NhListResp', 'nh_list', [
    nh_plain('discard', 0), nh_plain('receive', 12, itf='vhost0'), nh_itf(21, 'tap1a2b3c4d-01', '02:1a:2b:3c:4d:01'),
    nh_tunnel(30, '10.0.0.12', ['00:00:5e:00:01:00']), nh_composite(40, ['tap1a2b3c4d-01', 'tap1a2b3c4d-02'])], 'db.nexthop.0'))
write('AgentXmppConnectionStatusReq.xml', single('AgentXmppConnectionStatus', 'peer', [
    rec('AgentXmppData', leaf('controller_ip', 'string', 1, '10.0.0.1'), leaf('state', 'string', 2, 'Established'),
        leaf('peer_name', 'string', 3, 'network-control@contrailsystems.com'), leaf('peer_address', 'string', 4, '10.0.0.1:5269'),
        leaf('cfg_controller', 'string', 5, 'Yes'), leaf('mcast_controller', 'string', 6, 'Yes'),
        leaf('last_state', 'string', 7, 'OpenConfirm'), leaf('last_event', 'string', 8, 'xmsm::EvXmppOpenConfirm'),
        leaf('last_state_at', 'string', 9, '2026-Nov-23 08:00:00.000000'), leaf('flap_count', 'u32', 10, 1),
        leaf('flap_time', 'string', 11, '2026-Nov-23 08:00:00.000000'))]))
write('VnListReq.xml', paged('VnListResp', 'vn_list', [
    rec('VnSandeshData', leaf('name', 'string', 1, VN1), leaf('uuid', 'string', 2, '9e0b1c2d-0000-4000-8000-000000000001'),
        leaf('acl_uuid', 'string', 3, ''), leaf('vrf_name', 'string', 4, VN1 + ':vn1', link='VrfListReq'),
        leaf('layer2_forwarding', 'bool', 8, 'true'), leaf('ipv4_forwarding', 'bool', 9, 'true'),
        leaf('admin_state', 'bool', 10, 'true'), leaf('enable_rpf', 'bool', 11, 'true'), leaf('bridging', 'bool', 12, 'true')),
    rec('VnSandeshData', leaf('name', 'string', 1, 'default-domain:admin:vn2'), leaf('uuid', 'string', 2, '9e0b1c2d-0000-4000-8000-000000000002'),
        leaf('acl_uuid', 'string', 3, ''), leaf('vrf_name', 'string', 4, 'default-domain:admin:vn2:vn2', link='VrfListReq'),
        leaf('layer2_forwarding', 'bool', 8, 'true'), leaf('ipv4_forwarding', 'bool', 9, 'false'),
        leaf('admin_state', 'bool', 10, 'true'), leaf('enable_rpf', 'bool', 11, 'false'), leaf('bridging', 'bool', 12, 'false'))],
    'db.vn.0'))
write('AclReq.xml', paged('AclResp', 'acl_list', [
    rec('AclSandeshData', leaf('uuid', 'string', 1, 'a1c10000-0000-4000-8000-000000000001'), leaf('dynamic_acl', 'bool', 2, 'false'),
        leaf('name', 'string', 3, 'default-domain:admin:default:egress-access-control-list:default')),
    rec('AclSandeshData', leaf('uuid', 'string', 1, 'a1c10000-0000-4000-8000-000000000002'), leaf('dynamic_acl', 'bool', 2, 'true'),
        leaf('name', 'string', 3, 'default-domain:admin:default:ingress-access-control-list:default'))],
    'db.acl.0'))

def kintf(idx, typ, flags, vrf, name, mtu=1514):
    return rec('KInterfaceInfo', leaf('idx', 'i32', 1, idx), leaf('type', 'string', 2, typ), leaf('flags', 'string', 3, flags),
               leaf('vrf', 'i32', 4, vrf, link='KRouteReq'), leaf('rid', 'i32', 5, 0), leaf('os_idx', 'i32', 6, 2 + idx),
               leaf('mtu', 'i32', 7, mtu), leaf('name', 'string', 8, name), leaf('ibytes', 'i64', 9, 1000 * idx),
               leaf('ipackets', 'i64', 10, 10 * idx), leaf('mac', 'string', 16, '02:00:00:00:00:%02x' % idx))
write('KInterfaceReq.xml', single('KInterfaceResp', 'if_list', [
    kintf(0, 'PHYSICAL', 'L3L2Vp', 0, 'eth0', 1500), kintf(1, 'HOST', 'L3DEr', 0, 'vhost0', 1500),
    kintf(3, 'VIRTUAL', 'PL3L2DEr', 2, 'tap1a2b3c4d-01'), kintf(4, 'VIRTUAL', 'PL3L2DEr', 2, 'tap1a2b3c4d-02')]))
write('MplsReq.xml', paged('MplsResp', 'mpls_list', [
    rec('MplsSandeshData', leaf('label', 'i32', 1, 17), leaf('type', 'string', 2, 'Interface'),
        '<nh type="struct" identifier="3">%s</nh>' % nh_itf(21, 'tap1a2b3c4d-01', '02:1a:2b:3c:4d:01')),
    rec('MplsSandeshData', leaf('label', 'i32', 1, 30), leaf('type', 'string', 2, 'Composite'),
        '<nh type="struct" identifier="3">%s</nh>' % nh_composite(40, ['tap1a2b3c4d-01', 'tap1a2b3c4d-02']))], 'db.mpls.0'))

# `vr stats all` asks two requests (AgentStatsReq, then ShowIFMapAgentStatsReq):
# with --file both read this one document, and ist.py prints its file line
# before each request's output.
write('AgentStatsReq-all.xml',
      '<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><__IpcStatsResp_list type="slist">'
      '<IpcStatsResp type="sandesh">%s%s<more type="bool" identifier="0">true</more></IpcStatsResp>'
      '<FlowStatsResp type="sandesh">%s%s<more type="bool" identifier="0">true</more></FlowStatsResp>'
      '<ShowIFMapAgentStatsResp type="sandesh">%s%s<more type="bool" identifier="0">false</more></ShowIFMapAgentStatsResp>'
      '</__IpcStatsResp_list>' % (
          leaf('ipc_in_msgs', 'u64', 1, 3), leaf('ipc_out_msgs', 'u64', 2, 5),
          leaf('flow_created', 'u64', 1, 120), leaf('flow_max_system_flows', 'u32', 8, 512000),
          leaf('node_updates_processed', 'u64', 1, 15), leaf('link_updates_processed', 'u64', 2, 9)))
