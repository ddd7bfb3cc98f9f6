# Writes the compact Sandesh XML fixtures of testdata/roles (config,
# analytics and nodemgr daemons): python3 roles.py <testdata/roles>
# Shapes follow the .sandesh definitions: st_introspect.sandesh (schema
# transformer), svc_mon_introspect.sandesh (svc-monitor),
# collector_uve.sandesh / redis.sandesh / gendb / cql (collector),
# process_info.sandesh (nodemgr NodeStatus), route_aggregate.sandesh.
# Python daemons (pysandesh) leave out fields whose value is None, so some
# records lack fields their neighbours have.
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'ctr', 'gen'))
from fx import *
OUT = sys.argv[1]

# --- contrail-schema (8087) ---
def vn(name, pols, conns, ris, acl=None, dacl=None):
    fs = [f('name','string',1,name), f('policies','list',2,('string',pols)), f('connections','list',3,('string',conns)),
          f('routing_instances','list',4,('string',ris))]
    if acl is not None: fs.append(f('acl','string',5,acl))
    if dacl is not None: fs.append(f('dynamic_acl','string',6,dacl))
    return s('VirtualNetwork', *fs)
write(OUT+'/VnList.xml', doc(resp('VnListResp', f('vn_names','list',1,('struct',[
    vn('default-domain:admin:left-vn', ['default-domain:admin:left-to-right'], ['default-domain:admin:right-vn'],
       ['default-domain:admin:left-vn:left-vn', 'default-domain:admin:left-vn:service-3f0c1a52-left-vn-default-domain_admin_fw-si'],
       'default-domain:admin:left-vn:left-vn', 'default-domain:admin:left-vn:dynamic'),
    vn('default-domain:admin:right-vn', ['default-domain:admin:left-to-right'], ['default-domain:admin:left-vn'],
       ['default-domain:admin:right-vn:right-vn'], 'default-domain:admin:right-vn:right-vn'),
    vn('default-domain:default-project:ip-fabric', [], [], ['default-domain:default-project:ip-fabric:__default__']),
])))))

def ri(name, sc, conns):
    fs = [f('name','string',1,name)]
    if sc is not None: fs.append(f('service_chain','string',2,sc))
    fs.append(f('connections','list',3,('string',conns)))
    return s('RoutingInstance', *fs)
write(OUT+'/RoutingInstanceList.xml', doc(resp('RoutingInstanceListResp', f('routing_instances','list',1,('struct',[
    ri('default-domain:admin:left-vn:left-vn', None, ['default-domain:admin:right-vn:right-vn']),
    ri('default-domain:admin:left-vn:service-3f0c1a52-left-vn-default-domain_admin_fw-si', 'sc-3f0c1a52-2f3a-4f7e-9c1d-0b1f5d1e2a33', []),
])))))

def sc(name, left, right, svcs, created, err=None):
    fs = [f('sc_name','string',1,name), f('left_virtual_network','string',2,left), f('right_virtual_network','string',3,right),
          f('direction','string',4,'<>'), f('src_ports','string',5,'0-65535'), f('dst_ports','string',6,'0-65535'),
          f('service_list','list',7,('string',svcs)), f('protocol','string',9,'any'), f('created','bool',10,created)]
    if err is not None: fs.append(f('error_msg','string',11,err))
    return s('ServiceChain', *fs)
write(OUT+'/ServiceChainList.xml', doc(resp('ServiceChainListResp', f('service_chains','list',1,('struct',[
    sc('sc-3f0c1a52-2f3a-4f7e-9c1d-0b1f5d1e2a33', 'default-domain:admin:left-vn', 'default-domain:admin:right-vn', ['default-domain:admin:fw-si'], True),
    sc('sc-8b2d7e10-5c44-4a0e-8f6b-2d9e3c7a1f05', 'default-domain:admin:left-vn', 'default-domain:admin:db-vn',
       ['default-domain:admin:fw-si', 'default-domain:admin:nat-si'], False, 'Service instance default-domain:admin:nat-si has no vm'),
])))))

def ref(t, fq): return s('RefList', f('object_type','string',1,t,link='StObjectReq'), f('object_fq_name','list',2,('string',fq)))
def prop(n, v): return s('PropList', f('property_name','string',1,n), f('property','string',2,v))
def stobj(t, uuid, fq, refs, props):
    return s('StObject', f('object_type','string',1,t), f('object_uuid','string',2,uuid), f('object_fq_name','string',3,fq),
             f('obj_refs','list',4,('struct',refs)), f('properties','list',5,('struct',props)))
write(OUT+'/StObjectReq.xml', doc(resp('StObjectListResp', f('objects','list',1,('struct',[
    stobj('virtual_network', '9e1c7a3b-0d4f-4e2a-b6c8-5f1d2e3a4b5c', 'default-domain:admin:left-vn',
          [ref('routing_instance', ['default-domain:admin:left-vn:left-vn']), ref('network_policy', ['default-domain:admin:left-to-right'])],
          [prop('virtual_network_network_id', '5'), prop('route_target_list', "{'route_target': []}")]),
])))))

# --- contrail-svc-monitor (8088) ---
def sivm(name, vr, ha): return s('ServiceInstanceVM', f('name','string',1,name), f('vr_name','string',2,vr), f('ha','string',3,ha))
def si(name, typ, state, vms, left, right, mgmt):
    return s('ServiceInstance', f('name','string',1,name), f('si_type','string',2,typ), f('si_state','string',3,state),
             f('vm_list','list',4,('struct',vms)), f('left_vn','list',5,('string',left)), f('right_vn','list',6,('string',right)),
             f('management_vn','list',7,('string',mgmt)))
write(OUT+'/ServiceInstanceList.xml', doc(resp('ServiceInstanceListResp', f('si_names','list',1,('struct',[
    si('default-domain:admin:fw-si', 'virtual-machine', 'active',
       [sivm('default-domain__admin__fw-si__1', 'compute-1', 'active: 200'), sivm('default-domain__admin__fw-si__2', 'compute-2', 'standby: 100')],
       ['default-domain:admin:left-vn', '3f0c1a52-left-uuid'], ['default-domain:admin:right-vn', '8b2d7e10-right-uuid'], []),
    si('default-domain:admin:lb-pool-1', 'network-namespace', 'active',
       [sivm('7c6f1a2e-9b3d-4c5e-8f7a-1b2c3d4e5f60', 'compute-2', 'active: 200')],
       ['default-domain:admin:web-vn', '5e4d3c2b-web-uuid'], [], []),
])))))

# --- contrail-collector (8089, C++) ---
def sock(b, c, avg, err):
    return s('SocketIOStats', f('bytes','u64',1,b), f('calls','u64',2,c), f('average_bytes','double',3,avg),
             f('blocked_duration','string',4,'00:00:00'), f('blocked_count','u64',5,0), f('average_blocked_duration','string',6,''), f('errors','u64',7,err))
def gen(src, mod, state, inst, nt, smq, dbq=None, drop=None):
    fs = [f('source','string',1,src), f('module_id','string',2,mod), f('state','string',3,state), f('instance_id','string',4,inst),
          f('node_type','string',5,nt), f('sm_queue_count','u64',6,smq)]
    if dbq is not None: fs.append(f('db_queue_count','u64',7,dbq))
    if drop is not None: fs.append(f('db_drop_level','string',8,drop))
    return s('GeneratorSummaryInfo', *fs)
def dbt(name, r, rf, w, wf): return s('DbTableInfo', f('table_name','string',1,name), f('reads','u64',2,r), f('read_fails','u64',3,rf),
                                     f('writes','u64',4,w), f('write_fails','u64',5,wf), f('write_back_pressure_fails','u64',6,0))
gens = [gen('ctrl-1','contrail-control','Established','0','Control',0,0,'INVALID'),
        gen('compute-1','contrail-vrouter-agent','Established','0','Compute',0,0,'INVALID'),
        gen('compute-2','contrail-vrouter-agent','Established','0','Compute',2),
        gen('cfg-1','contrail-api','Established','0','Config',0,0,'INVALID'),
        gen('cfg-1','contrail-schema','Established','0','Config',0)]
reqm = s('RequestsMetrics', *[f(n,'u64',i+1,v) for i,(n,v) in enumerate([('min',412),('max',98304),('mean',1503),('stddev',2210),('median',1022),
        ('percentile_75th',1630),('percentile_95th',4100),('percentile_98th',6550),('percentile_99th',9830),('percentile_999th',40960)])],
        f('mean_rate','double',11,12.5), f('one_minute_rate','double',12,10.25), f('five_minute_rate','double',13,11.0), f('fifteen_minute_rate','double',14,11.75))
cql = s('Metrics', f('requests','struct',1,reqm),
        f('stats','struct',2,s('ClusterStats', f('total_connections','u64',1,2), f('available_connections','u64',2,2),
                                f('exceeded_pending_requests_water_mark','u64',3,0), f('exceeded_write_bytes_water_mark','u64',4,0))),
        f('errors','struct',3,s('ClusterErrors', f('connection_timeouts','u64',1,0), f('pending_request_timeouts','u64',2,0), f('request_timeouts','u64',3,1))))
dberr = s('DbErrors', *[f(n,'u64',i+1,v) for i,(n,v) in enumerate([('write_tablespace_fails',0),('read_tablespace_fails',0),('write_table_fails',0),
        ('read_table_fails',0),('write_column_fails',3),('write_batch_column_fails',0),('read_column_fails',0)])])
write(OUT+'/ShowCollectorServerReq.xml', doc(resp('ShowCollectorServerResp',
    f('rx_socket_stats','struct',1,sock(73400320,51200,1433.6,0)), f('tx_socket_stats','struct',2,sock(1048576,20480,51.2,0)),
    f('num_generators','u64',3,len(gens)), f('generators','list',4,('struct',gens)),
    f('stats','struct',5,s('CollectorStats', f('no_session_error','u64',1,0), f('no_generator_error','u64',2,1), f('redis_error','u64',3,0),
                           f('session_mismatch_error','u64',4,0), f('sandesh_type_mismatch_error','u64',5,0))),
    f('cql_metrics','struct',6,cql),
    f('table_info','list',7,('struct',[dbt('MessageTablev2',0,0,182734,0), dbt('ObjectValueTable',12,0,40211,0), dbt('StatsTableByStrTagV4',0,0,99120,2)])),
    f('errors','struct',8,dberr),
    f('statistics_table_info','list',9,('struct',[dbt('ComputeCpuState:cpu_info',0,0,2880,0), dbt('FieldNames:fields',0,0,96,0),
                                                  dbt('VrouterStatsAgent:flow_rate',0,0,2880,0)])))))
redis = s('RedisUveInfo', f('ip','string',1,'127.0.0.1'), f('port','u16',2,6379), f('status','string',3,'Connected'),
          f('update_no_conn','u64',6,0), f('update_failed','u64',7,0), f('update_succeeded','u64',8,120443),
          f('delete_no_conn','u64',9,0), f('delete_failed','u64',10,0), f('delete_succeeded','u64',11,87),
          f('conn_call_disconnected','u64',12,0), f('conn_call_failed','u64',13,1), f('conn_call_succeeded','u64',14,3))
write(OUT+'/RedisUVERequest.xml', doc(resp('RedisUVEResponse', f('redis_uve_info','struct',1,redis))))

# --- a nodemgr's NodeStatus (Python: UVE without more, period -1) ---
def conn(typ, name, addrs, st, desc): return s('ConnectionInfo', f('type','string',1,typ), f('name','string',2,name), f('server_addrs','list',3,('string',addrs)), f('status','string',4,st), f('description','string',5,desc))
def pinfo(name, state, starts, stops, exits, t_start, t_stop, t_exit, cores):
    return s('ProcessInfo', f('process_name','string',1,name), f('process_state','string',2,state), f('start_count','u32',3,starts),
             f('stop_count','u32',4,stops), f('exit_count','u32',5,exits), f('last_start_time','string',6,t_start), f('last_stop_time','string',7,t_stop),
             f('last_exit_time','string',8,t_exit), f('core_file_list','list',9,('string',cores)))
ns = '<NodeStatusUVE type="sandesh"><data type="struct" identifier="1">' + s('NodeStatus', f('name','string',1,'compute-1',key='ObjectVRouter'),
    f('process_status','list',4,('struct',[s('ProcessStatus', f('module_id','string',1,'contrail-vrouter-nodemgr'), f('instance_id','string',2,'0'), f('state','string',3,'Functional'),
        f('connection_infos','list',4,('struct',[conn('Collector','',['10.0.0.5:8086'],'Up','ClientInit to Established on EvSandeshCtrlMessageRecv')])),
        f('description','string',6,''))]),aggtype='union'),
    f('process_info','list',5,('struct',[
        pinfo('contrail-vrouter-agent','PROCESS_STATE_RUNNING',2,1,0,'1763855405123456','1763855400000000','',[]),
        pinfo('contrail-vrouter-nodemgr','PROCESS_STATE_RUNNING',1,0,0,'1763855399000000','','',[]),
        pinfo('contrail-vrouter-dpdk','PROCESS_STATE_EXITED',3,0,3,'1763855300000000','','1763855390000000',['/var/crashes/core.contrail-vrouter-dpdk.1234','/var/crashes/core.contrail-vrouter-dpdk.1299']),
    ]),aggtype='union')) + '</data></NodeStatusUVE>'
trailer = resp('SandeshUVECacheResp', f('returned','u32',1,1), f('period','i32',2,-1), more=True)
write(OUT+'/SandeshUVECacheReq-NodeStatus-nodemgr.xml', doc(ns, trailer))

# --- contrail-control answer without aggregates ---
write(OUT+'/ShowRouteAggregateReq-empty.xml', doc(resp('ShowRouteAggregateResp', f('aggregate_route_entries','list',1,('struct',[])))))
