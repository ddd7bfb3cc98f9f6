# Writes the compact Sandesh XML fixtures of testdata/ctr: python3 ctr.py <testdata/ctr>
import sys
import os; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fx import *
OUT = sys.argv[1]
T1 = '2020-Aug-17 02:34:53.356095'
T2 = '2026-Nov-22 23:10:05.000123'

def nei(inst, peer, addr, asn, enc, ptype, state, rtype, send, flaps, ftime, fams):
    return s('BgpNeighborResp',
        f('instance_name','string',53,inst), f('peer','string',1,peer,link='BgpNeighborReq'), f('deleted','bool',36,False),
        f('peer_address','string',2,addr,link='BgpNeighborReq'), f('peer_id','string',25,addr), f('peer_asn','u32',3,asn),
        f('encoding','string',6,enc), f('peer_type','string',7,ptype), f('state','string',8,state), f('closed_at','string',43,''),
        f('router_type','string',52,rtype), f('admin_down','bool',47,False), f('passive','bool',48,False),
        f('peer_port','u32',50,179 if enc=='BGP' else 0), f('local_address','string',4,'10.0.0.11'), f('local_id','string',26,'10.0.0.11'),
        f('local_asn','u32',5,64512), f('send_state','string',9,send), f('last_event','string',10,'fsm::EvBgpKeepalive' if enc=='BGP' else 'xmsm::EvXmppKeepalive'),
        f('last_state','string',11,'OpenConfirm'), f('last_state_at','string',12,T1), f('last_error','string',13,''),
        f('configured_address_families','list',38,('string',fams)), f('negotiated_hold_time','u32',41,90), f('primary_path_count','u32',46,4),
        f('flap_count','u64',23,flaps), f('flap_time','string',24,ftime))
fabric = 'default-domain:default-project:ip-fabric:__default__'
write(OUT+'/BgpNeighborReq.xml', doc(resp('BgpNeighborListResp',
    f('neighbors','list',1,('struct',[
        nei(fabric,'ctrl-2','10.0.0.12',64512,'BGP','internal','Established','control-node','in sync',0,'',['inet-vpn','e-vpn','route-target']),
        nei(fabric,'mx1','10.0.0.254',65001,'BGP','external','Active','router','not advertising',3,T1,['inet-vpn']),
        nei(fabric,'compute-1','10.0.0.21',0,'XMPP','internal','Established','','in sync',1,T2,[]),
        nei(fabric,'k8s-default-pod-network-compute-2','10.0.0.22',0,'XMPP','internal','Established','','in sync',0,'',[]),
    ])))))

def ri(name, vn, idx, vxlan, imp, exp, pols):
    return s('ShowRoutingInstance', f('name','string',1,name,link='ShowRoutingInstanceReq'), f('virtual_network','string',3,vn),
        f('vn_index','i32',6,idx), f('vxlan_id','i32',8,vxlan), f('import_target','list',4,('string',imp)), f('export_target','list',5,('string',exp)),
        f('always_subscribe','bool',10,False), f('allow_transit','bool',12,False), f('pbb_evpn_enable','bool',13,False), f('deleted','bool',7,False),
        f('deleted_at','string',9,''),
        f('routing_policies','list',11,('struct',[s('ShowInstanceRoutingPolicyInfo', f('policy_name','string',1,p,link='ShowRoutingPolicyReq'), f('generation','u32',2,1)) for p in pols])))
write(OUT+'/ShowRoutingInstanceReq.xml', doc(resp('ShowRoutingInstanceResp', f('instances','list',1,('struct',[
    ri(fabric,'default-domain:default-project:ip-fabric',1,0,['target:64512:8000001'],['target:64512:8000001'],[]),
    ri('default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network','default-domain:k8s-default:k8s-default-pod-network',5,5,
       ['target:64512:8000003','target:64512:8000004'],['target:64512:8000003'],['default-domain:k8s-default:policy-1']),
])))))

def summ(name, pre, paths, pri, sec, inf):
    return s('ShowRouteTableSummary', f('name','string',1,name,link='ShowRouteReq'), f('prefixes','u64',3,pre), f('paths','u64',4,paths),
        f('primary_paths','u64',5,pri), f('secondary_paths','u64',6,sec), f('infeasible_paths','u64',7,inf), f('stale_paths','u64',18,0),
        f('llgr_stale_paths','u64',19,0), f('walk_requests','u64',8,0), f('walk_again_requests','u64',16,0), f('walk_completes','u64',9,0),
        f('actual_walks','u64',17,0), f('walk_cancels','u64',10,0), f('pending_updates','u64',11,0), f('markers','u64',12,0),
        f('listeners','u64',14,3), f('walkers','u64',15,0), f('deleted','bool',2,False), f('deleted_at','string',13,''))
write(OUT+'/ShowRouteSummaryReq.xml', doc(resp('ShowRouteSummaryResp', f('tables','list',1,('struct',[
    summ('bgp.ermvpn.0',0,0,0,0,0), summ('bgp.evpn.0',4,4,2,2,0), summ('bgp.l3vpn.0',6,6,3,3,0), summ('bgp.l3vpn-inet6.0',0,0,0,0,0),
    summ('default-domain:default-project:ip-fabric:__default__.inet.0',3,3,3,0,0),
    summ('default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network.evpn.0',4,4,2,2,0),
    summ('default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network.inet.0',3,3,1,2,0),
    summ('default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network.inet6.0',0,0,0,0,0),
    summ('inet.0',0,0,0,0,0),
])))))

def path(proto, src, lp, nh, label, asp, encs, comms, vn, primary, mod, replicated=False, sec=()):
    return s('ShowRoutePath', f('protocol','string',1,proto), f('last_modified','string',3,mod), f('local_preference','u32',5,lp),
        f('med','u32',25,0), f('local_as','u32',6,0), f('peer_as','u32',7,0), f('peer_router_id','string',8,''), f('source','string',9,src),
        f('as_path','string',10,asp), f('as4_path','string',30,''), f('next_hop','string',11,nh), f('label','u32',12,label), f('origin','string',26,'igp'),
        f('replicated','bool',13,replicated), f('primary_table','string',14,primary,link='ShowRouteReq'), f('secondary_tables','list',24,('string',list(sec))),
        f('communities','list',15,('string',comms)), f('origin_vn','string',16,vn), f('flags','list',17,('string',[])),
        f('tunnel_encap','list',18,('string',encs)), f('sequence_no','string',19,''), f('origin_vn_path','list',20,('string',[])),
        f('pmsi_tunnel','struct',21,s('ShowPmsiTunnel', f('type','string',1,''), f('ar_type','string',2,''), f('identifier','string',3,''), f('label','u32',4,0), f('flags','list',5,('string',[])))),
        f('load_balance','struct',22,s('ShowLoadBalance', f('decision_type','string',1,''), f('fields','list',2,('string',[])))),
        f('cluster_list','list',23,('string',[])), f('originator_id','string',27,''),
        f('edge_discovery','list',28,('struct',[])), f('edge_forwarding','list',29,('struct',[])))
def route(prefix, mod, paths): return s('ShowRoute', f('prefix','string',1,prefix), f('last_modified','string',2,mod), f('paths','list',3,('struct',paths)))
def table(ri_, name, pre, paths, pri, sec, inf, routes):
    return s('ShowRouteTable', f('routing_instance','string',1,ri_,link='ShowRoutingInstanceReq'), f('routing_table_name','string',2,name,link='ShowRouteReq'),
        f('deleted','bool',9,False), f('deleted_at','string',11,''), f('prefixes','u64',3,pre), f('paths','u64',4,paths), f('primary_paths','u64',5,pri),
        f('secondary_paths','u64',6,sec), f('infeasible_paths','u64',7,inf), f('stale_paths','u64',12,0), f('llgr_stale_paths','u64',13,0),
        f('routes','list',8,('struct',routes)), f('listeners','list',10,('struct',[])))
pod = 'default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network'
podvn = 'default-domain:k8s-default:k8s-default-pod-network'
routes_xml = doc(resp('ShowRouteResp', f('tables','list',1,('struct',[
    table(pod, pod+'.inet.0', 3, 3, 1, 2, 0, [
        route('10.244.0.3/32', T1, [path('XMPP (interface)','compute-1',200,'10.0.0.21',25,'',['gre','udp'],['target:64512:8000003','encapsulation:gre'],podvn,'',T1, sec=['bgp.l3vpn.0'])]),
        route('10.244.1.7/32', T2, [path('BGP','10.0.0.12',100,'10.0.0.22',31,'64512 65001',['udp'],["site-of-origin:10.0.0.22:0"],podvn,'bgp.l3vpn.0',T2,replicated=True),
                                      path('BGP','10.0.0.13',100,'10.0.0.22',31,'',['udp'],[],podvn,'bgp.l3vpn.0','2026-Nov-22 23:10:06.5',replicated=True)]),
        route('10.244.9.0/24', T1, []),
    ]),
    table('', 'bgp.l3vpn.0', 6, 6, 3, 3, 0, [
        route('10.0.0.21:1:10.244.0.3/32', T1, [path('XMPP (interface)','compute-1',200,'10.0.0.21',25,'',['gre','udp'],['target:64512:8000003'],podvn,'',T1)]),
    ]),
    table(fabric, fabric+'.inet.0', 0, 0, 0, 0, 0, []),
]))))
write(OUT+'/ShowRouteReq.xml', routes_xml)

def brief(prefix, paths):
    return s('ShowRouteBrief', f('prefix','string',1,prefix), f('paths','list',2,('struct',[s('ShowRoutePathBrief', f('protocol','string',1,p[0]), f('local_preference','u32',2,p[1]), f('med','u32',6,0), f('source','string',3,p[2]), f('next_hop','string',4,p[3]), f('label','u32',5,p[4])) for p in paths])))
def sroute(prefix, added, nh, comms, rts, secs, nhrt):
    return s('StaticRouteInfo', f('prefix','string',1,prefix), f('static_rt','bool',2,added), f('nexthop','string',3,nh), f('community_list','list',7,('string',comms)),
        f('route_target_list','list',5,('string',rts)), f('secondary_tables','list',6,('string',secs)), f('nexthop_rt','struct',4,nhrt))
write(OUT+'/ShowStaticRouteReq.xml', doc(resp('ShowStaticRouteResp', f('static_route_entries','list',1,('struct',[
    s('StaticRouteEntriesInfo', f('ri_name','string',1,'default-domain:admin:vn1:vn1'), f('static_route_list','list',2,('struct',[
        sroute('192.168.10.0/24', True, '10.1.1.3', ['no-export'], ['target:64512:100'], ['bgp.l3vpn.0'], brief('10.1.1.3/32',[('XMPP',200,'compute-1','10.0.0.21',25)])),
    ]))),
    s('StaticRouteEntriesInfo', f('ri_name','string',1,'default-domain:admin:vn2:vn2'), f('static_route_list','list',2,('struct',[
        sroute('192.168.20.0/24', False, '10.2.2.3', [], [], [], brief('',[])),
    ]))),
])))))

def sc(src, dst, si, srcri, dstri, state, addr, conn_routes, specifics, ext):
    return s('ShowServicechainInfo', f('src_virtual_network','string',7,src), f('dest_virtual_network','string',8,dst), f('service_instance','string',9,si),
        f('family','string',12,'inet'), f('src_rt_instance','string',1,srcri), f('connected_rt_instance','string',11,srcri), f('dest_rt_instance','string',2,dstri),
        f('service_chain_addr','string',13,addr), f('state','string',10,state), f('pending_reason','string',14,''), f('service_chain_id','string',15,'1'),
        f('connected_route','struct',3,s('ConnectedRouteInfo', f('service_chain_addr','string',1,addr), f('connected_rt','struct',2, conn_routes))),
        f('more_specifics','list',4,('struct',[s('PrefixToRouteListInfo', f('prefix','string',1,p), f('aggregate','bool',2,a), f('aggregate_rt','struct',4,route(p,T1,[])), f('more_specific_list','list',3,('string',[]))) for p,a in specifics])),
        f('ext_connecting_rt_info_list','list',5,('struct',[s('ExtConnectRouteInfo', f('ext_rt_prefix','string',1,p), f('ext_rt_svc_rt','struct',2, route(p,T1,[path('ServiceChain','',100,'10.0.0.21',40,'',['gre'],[],'default-domain:admin:right',pod+'.inet.0',T1)]))) for p in ext])),
        f('aggregate_enable','bool',6,False))
write(OUT+'/ShowServiceChainReq.xml', doc(resp('ShowServiceChainResp', f('service_chain_list','list',1,('struct',[
    sc('default-domain:admin:left','default-domain:admin:right','default-domain:admin:fw-si','default-domain:admin:left:service-abc','default-domain:admin:right:right','active','10.10.10.3',
       route('10.10.10.3/32',T1,[path('XMPP (interface)','compute-1',200,'10.0.0.21',37,'',['gre','udp'],[],'default-domain:admin:left','',T1)]),
       [('10.20.0.0/16',True),('10.30.1.0/24',False)], ['172.16.0.0/12']),
    sc('default-domain:admin:a','default-domain:admin:b','default-domain:admin:nat-si','default-domain:admin:a:service-def','default-domain:admin:b:b','pending','',
       route('',T1,[]), [], []),
])))))

def xconn(name, remote, state):
    return s('ShowXmppConnection', f('name','string',1,name), f('deleted','bool',2,False), f('remote_endpoint','string',3,remote), f('local_endpoint','string',4,'10.0.0.11:5269'),
        f('state','string',5,state), f('last_event','string',6,'xmsm::EvXmppKeepalive'), f('last_state','string',7,'OpenConfirm'), f('last_state_at','string',8,T1),
        f('receivers','list',9,('string',['BGP','Config'])), f('server_auth_type','string',10,'NIL'), f('dscp_value','u16',11,0))
write(OUT+'/ShowXmppConnectionReq.xml', doc(resp('ShowXmppConnectionResp', f('connections','list',1,('struct',[xconn('compute-1','10.0.0.21:37622','Established'), xconn('compute-2','10.0.0.22:41002','Active')])))))
def sio(b, c, avg, errors=None):
    fs = [f('bytes','u64',1,b), f('calls','u64',2,c), f('average_bytes','double',3,avg), f('blocked_duration','string',4,'00:00:00'), f('blocked_count','u64',5,0), f('average_blocked_duration','string',6,'')]
    if errors is not None: fs.append(f('errors','u64',7,errors))
    return s('SocketIOStats', *fs)
write(OUT+'/ShowXmppServerReq.xml', doc(resp('ShowXmppServerResp', f('current_connections','u32',3,2), f('max_connections','u32',4,3),
    f('rx_socket_stats','struct',1,sio(225,2,112.5,0)), f('tx_socket_stats','struct',2,sio(1000000,8,125000,0)))))
write(OUT+'/ShowBgpServerReq.xml', doc(resp('ShowBgpServerResp', f('rx_socket_stats','struct',1,sio(4096,32,128,0)), f('tx_socket_stats','struct',2,sio(8192,16,512,0)))))
write(OUT+'/ShowMulticastManagerReq.xml', doc(resp('ShowMulticastManagerResp', f('managers','list',1,('struct',[
    s('ShowMulticastManager', f('name','string',1,pod+'.ermvpn.0',link='ShowMulticastManagerDetailReq'), f('total_trees','u32',2,1), f('deleted','bool',3,False), f('deleted_at','string',4,'')),
])))))
def rtg(rt, imp, exp):
    m = lambda tl: ('struct',[s('ShowRtGroupMemberTableList', f('family','string',1,fam), f('tables','list',2,('string',tabs))) for fam,tabs in tl])
    return s('ShowRtGroupInfo', f('rtarget','string',1,rt,link='ShowRtGroupReq'), f('import_members','list',2,m(imp)), f('export_members','list',3,m(exp)))
write(OUT+'/ShowRtGroupSummaryReq.xml', doc(resp('ShowRtGroupSummaryResp', f('rtgroup_list','list',1,('struct',[
    rtg('target:64512:8000003',[('inetvpn',[pod+'.inet.0'])],[('inetvpn',[pod+'.inet.0']),('evpn',[pod+'.evpn.0'])]),
    rtg('target:64512:8000004',[],[]),
])))))
def ifnode(name, interests, adv, flags, mod):
    return s('IFMapNodeShowInfo', f('node_name','string',1,name), f('interests','string',2,interests), f('advertised','string',3,adv), f('dbentryflags','string',4,flags),
        f('obj_info','list',5,('struct',[s('IFMapObjectShowInfo', f('sequence_number','u64',1,3), f('origin','string',2,'MAP_SERVER'), f('data','string',3,'<virtual-network-properties><vxlan-network-identifier>5</vxlan-network-identifier></virtual-network-properties>'))])),
        f('neighbors','list',6,('string',['project:default-domain:k8s-default'])), f('last_modified','string',7,T1))
write(OUT+'/IFMapTableShowReq.xml', doc(resp('IFMapTableShowResp', f('ifmap_db','list',1,('struct',[
    ifnode('virtual-network:'+podvn,'[0,2]','[0,2]','',T1), ifnode('virtual-network:default-domain:admin:vn1','[]','[]','Deleted','')])),
    f('next_batch','string',2,'',link='IFMapTableShowReqIterate',link_title='next_batch'))))
write(OUT+'/IFMapNodeTableListShowReq.xml', doc(resp('IFMapNodeTableListShowResp', f('table_list','list',1,('struct',[
    s('IFMapNodeTableListShowEntry', f('table_name','string',1,t,link='IFMapTableShowReq'), f('size','u32',2,n)) for t,n in [('access-control-list',4),('virtual-network',6),('virtual-router',2)]])))))
def nconf(name, rtype, las, asn, addr, fams):
    return s('ShowBgpNeighborConfig', f('instance_name','string',1,fabric), f('name','string',2,name), f('admin_down','bool',13,False), f('passive','bool',15,False),
        f('as_override','bool',20,False), f('origin_override','bool',23,False), f('route_origin','string',24,''), f('private_as_action','string',21,''),
        f('router_type','string',18,rtype), f('local_identifier','string',8,'10.0.0.11'), f('local_as','u32',9,las), f('vendor','string',3,'contrail'),
        f('autonomous_system','u32',4,asn), f('identifier','string',5,addr), f('address','string',6,addr), f('cluster_id','string',22,''), f('source_port','u32',19,0),
        f('hold_time','i32',14,0), f('loop_count','i32',16,0), f('last_change_at','string',10,T1), f('address_families','list',7,('string',fams)),
        f('family_attributes_list','list',17,('struct',[])))
write(OUT+'/ShowBgpNeighborConfigReq.xml', doc(resp('ShowBgpNeighborConfigResp', f('neighbors','list',1,('struct',[
    nconf(fabric+':ctrl-1:ctrl-2','',64512,64512,'10.0.0.12',['route-target','inet-vpn','e-vpn']),
    nconf('default-domain:admin:vn1:vn1:bgpaas-1','bgpaas-client',64512,65100,'10.1.1.5',['inet']),
])))))
write(OUT+'/ShowBgpInstanceConfigReq.xml', doc(resp('ShowBgpInstanceConfigResp', f('instances','list',1,('struct',[
    s('ShowBgpInstanceConfig', f('name','string',1,pod), f('virtual_network','string',2,podvn), f('virtual_network_index','i32',7,5), f('vxlan_id','i32',8,5),
      f('import_target','list',3,('string',['target:64512:8000003'])), f('export_target','list',4,('string',['target:64512:8000003'])), f('has_pnf','bool',10,False),
      f('allow_transit','bool',13,False), f('pbb_evpn_enable','bool',14,False), f('last_change_at','string',9,T1), f('neighbors','list',15,('string',[])),
      f('service_chain_infos','list',5,('struct',[])), f('static_routes','list',6,('struct',[])), f('aggregate_routes','list',11,('struct',[])), f('routing_policies','list',12,('struct',[]))),
])))))
write(OUT+'/ShowRouteAggregateReq.xml', doc(resp('ShowRouteAggregateResp', f('aggregate_route_entries','list',1,('struct',[
    s('AggregateRouteEntriesInfo', f('name','string',2,'default-domain:admin:vn1:vn1',link='ShowRouteAggregateReq'), f('instance_name','string',4,'default-domain:admin:vn1:vn1'),
      f('aggregate_route_list','list',5,('struct',[s('AggregateRouteInfo', f('prefix','string',1,'10.1.0.0/16'), f('aggregate_rt','struct',2,brief('10.1.0.0/16',[('Aggregate',100,'','10.1.1.3',0)])), f('nexthop','string',3,'10.1.1.3'), f('deleted','bool',4,False), f('contributors','list',5,('string',['10.1.1.3/32'])))]))),
])))))
# Common pages
write(OUT+'/CpuLoadInfoReq.xml', doc(resp('CpuLoadInfoResp', f('cpu_info','struct',1,s('CpuLoadInfo', f('num_cpu','u32',1,8),
    f('sys_mem_info','struct',5,s('SysMemInfo', f('total','u32',1,16314496), f('used','u32',2,8157248), f('free','u32',3,8157248), f('buffers','u32',4,204800), f('cached','u32',5,3072000), f('node_type','string',6,''))),
    f('meminfo','struct',2,s('MemInfo', f('virt','u32',1,1203456), f('peakvirt','u32',2,1300000), f('res','u32',3,80000))),
    f('cpuload','struct',3,s('CpuLoadAvg', f('one_min_avg','double',1,0.27), f('five_min_avg','double',2,0.3), f('fifteen_min_avg','double',3,0.25))),
    f('cpu_share','double',4,0.25))))))
write(OUT+'/SandeshTraceBufferListRequest.xml', doc(resp('SandeshTraceBufferListResponse', f('trace_buffer_list','list',1,('struct',[s('SandeshTraceBufInfo', f('trace_buf_name','string',1,n,link='SandeshTraceRequest')) for n in ['BgpTraceBuf','XmppMessageTrace','IFMapTraceBuf']])))))
write(OUT+'/SandeshTraceRequest-XmppMessageTrace.xml', doc(resp('SandeshTraceTextResponse', f('traces','list',1,('string',[
    '1605920000000001 XmppRxStream: Received xmpp message from: 10.0.0.21 Port 37622 Size: 120 Packet: <iq type="set"/> controller/src/xmpp/xmpp_connection.cc 652',
    '1605920000000002 XmppTxStream: Send xmpp message to: 10.0.0.21 Port 37622 Size: 98 Packet: <message/>  controller/src/xmpp/xmpp_connection.cc 211'])))))
write(OUT+'/SandeshUVETypesReq.xml', doc(resp('SandeshUVETypesResp', f('type_info','list',1,('struct',[s('SandeshUVETypeInfo', f('type_name','string',1,n,link='SandeshUVECacheReq'), f('seq_num','u32',2,i), f('period','i32',3,0), '<dsconf type="map" identifier="4"><map key="string" value="string" size="0"></map></dsconf>', f('timeout','i32',5,0)) for i,n in enumerate(['NodeStatus','BgpRouterState','XmppPeerInfoData'])])))))
def conn(typ, name, addrs, st, desc): return s('ConnectionInfo', f('type','string',1,typ), f('name','string',2,name), f('server_addrs','list',3,('string',addrs)), f('status','string',4,st), f('description','string',5,desc))
ns = '<NodeStatusUVE type="sandesh"><data type="struct" identifier="1">' + s('NodeStatus', f('name','string',1,'ctrl-1',key='ObjectBgpRouter'),
    f('process_status','list',4,('struct',[s('ProcessStatus', f('module_id','string',1,'contrail-control'), f('instance_id','string',2,'0'), f('state','string',3,'Non-Functional'),
        f('connection_infos','list',4,('struct',[conn('IFMap','IFMapServer',['10.0.0.5:8443'],'Up','Connection with IFMap Server (irond)'),
            conn('Collector','',['10.0.0.5:8086'],'Up','Established'), conn('Database','Cassandra',['10.0.0.5:9041','10.0.0.6:9041'],'Down','Connect failed'),
            conn('XMPP','k8s-default-pod-network-control-node-with-a-very-long-name',[],'Initializing','')])),
        f('flag_infos','list',5,('struct',[])), f('description','string',6,'Database:Cassandra connection down'))]),aggtype='union')) + '</data></NodeStatusUVE>'
trailer = resp('SandeshUVECacheResp', f('returned','u32',1,1), f('period','i32',2,0), more=True)
write(OUT+'/SandeshUVECacheReq-NodeStatus.xml', doc(ns, trailer))
write(OUT+'/ShowServiceChainReq-empty.xml', doc(resp('ShowServiceChainResp', f('service_chain_list','list',1,('struct',[])))))
