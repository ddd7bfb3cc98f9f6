// Package schema holds typed Go structs for the Sandesh structs and
// responses that tfkit writes (refnode) and reads (tests, status, follow),
// tagged for introspect/sandesh. One file per .sandesh area; field order
// and identifiers follow ../shared/spec/introspect.md §5 (TF schema).
package schema

// This file: types every daemon has (Sandesh library and base/sandesh):
// NodeStatus UVE, UVE cache and types, trace buffers, CPU load, and the
// agent paging plumbing (dns.sandesh PageReq/Pagination/ErrorResp).
// Optional fields that real daemons write even when empty ("" or false)
// are pointers, so that nil means "not written".

// ---- nodeinfo.sandesh / process_info.sandesh / cpuinfo.sandesh ----

// NodeStatusUVE is the uve sandesh carrying NodeStatus. Encode it with
// sandesh.UVE(table, …) so that NodeStatus.name gets key="<table>"
// (ObjectBgpRouter for control, ObjectVRouter for the agent, …).
type NodeStatusUVE struct {
	Data NodeStatus `sandesh:"data,id=1"`
}

// NodeStatus (struct, nodeinfo.sandesh).
type NodeStatus struct {
	Name                    string                             `sandesh:"name,id=1,key="`
	Deleted                 *bool                              `sandesh:"deleted,id=2,opt"`
	Status                  string                             `sandesh:"status,id=3,opt"`
	ProcessStatus           []ProcessStatus                    `sandesh:"process_status,id=4,opt,aggtype=union"`
	ProcessInfo             []ProcessInfo                      `sandesh:"process_info,id=5,opt,aggtype=union"`
	DiskUsageInfo           map[string]DiskPartitionUsageStats `sandesh:"disk_usage_info,id=6,opt,tags="`
	Description             string                             `sandesh:"description,id=7,opt"`
	AllCoreFileList         []string                           `sandesh:"all_core_file_list,id=8,opt"`
	BuildInfo               string                             `sandesh:"build_info,id=9,opt"`
	ProcessMemCPUUsage      map[string]ProcessCpuInfo          `sandesh:"process_mem_cpu_usage,id=10,opt,tags='.__key,.cpu_share'"`
	SystemCPUInfo           *SystemCpuInfo                     `sandesh:"system_cpu_info,id=12,opt"`
	SystemMemUsage          *SysMemInfo                        `sandesh:"system_mem_usage,id=13,opt,tags=.node_type"`
	SystemCPUUsage          *SysCpuInfo                        `sandesh:"system_cpu_usage,id=14,opt,tags='.node_type,.cpu_share'"`
	RunningPackageVersion   string                             `sandesh:"running_package_version,id=15,opt"`
	InstalledPackageVersion string                             `sandesh:"installed_package_version,id=16,opt"`
}

// ProcessStatus (struct, process_info.sandesh): a process's functional state.
type ProcessStatus struct {
	ModuleID        string           `sandesh:"module_id,id=1"`
	InstanceID      string           `sandesh:"instance_id,id=2"`
	State           string           `sandesh:"state,id=3"` // Functional / Non-Functional
	ConnectionInfos []ConnectionInfo `sandesh:"connection_infos,id=4,opt"`
	FlagInfos       []FlagInfo       `sandesh:"flag_infos,id=5,opt"`
	Description     *string          `sandesh:"description,id=6,opt"`
}

// ConnectionInfo (struct, process_info.sandesh): one dependency's state.
type ConnectionInfo struct {
	Type        string   `sandesh:"type,id=1"`
	Name        string   `sandesh:"name,id=2"`
	ServerAddrs []string `sandesh:"server_addrs,id=3,opt"`
	Status      string   `sandesh:"status,id=4"` // Up / Down / Initializing
	Description *string  `sandesh:"description,id=5,opt"`
}

// FlagInfo (struct, process_info.sandesh).
type FlagInfo struct {
	Name         string        `sandesh:"name,id=1"`
	Description  string        `sandesh:"description,id=2"`
	Version      string        `sandesh:"version,id=3"`
	Enabled      bool          `sandesh:"enabled,id=4"`
	DefaultState bool          `sandesh:"default_state,id=5"`
	State        string        `sandesh:"state,id=6"`
	ContextInfos []ContextInfo `sandesh:"context_infos,id=7,opt"`
}

// ContextInfo (struct, process_info.sandesh).
type ContextInfo struct {
	Desc  string `sandesh:"desc,id=1"`
	Value string `sandesh:"value,id=2"`
}

// ProcessInfo (struct, process_info.sandesh): nodemgr process table row.
type ProcessInfo struct {
	ProcessName   string   `sandesh:"process_name,id=1"`
	ProcessState  string   `sandesh:"process_state,id=2"`
	StartCount    uint32   `sandesh:"start_count,id=3"`
	StopCount     uint32   `sandesh:"stop_count,id=4"`
	ExitCount     uint32   `sandesh:"exit_count,id=5"`
	LastStartTime string   `sandesh:"last_start_time,id=6,opt"`
	LastStopTime  string   `sandesh:"last_stop_time,id=7,opt"`
	LastExitTime  string   `sandesh:"last_exit_time,id=8,opt"`
	CoreFileList  []string `sandesh:"core_file_list,id=9,opt"`
}

// DiskPartitionUsageStats (struct, process_info.sandesh).
type DiskPartitionUsageStats struct {
	PartitionType                string `sandesh:"partition_type,id=1"`
	PartitionName                string `sandesh:"partition_name,id=2"`
	PartitionSpaceUsed1k         uint64 `sandesh:"partition_space_used_1k,id=3"`
	PartitionSpaceAvailable1k    uint64 `sandesh:"partition_space_available_1k,id=4"`
	PercentagePartitionSpaceUsed uint16 `sandesh:"percentage_partition_space_used,id=5"`
}

// ProcessCpuInfo (struct, cpuinfo.sandesh).
type ProcessCpuInfo struct {
	ModuleID string  `sandesh:"module_id,id=1"`
	InstID   string  `sandesh:"inst_id,id=2"`
	MemVirt  uint32  `sandesh:"mem_virt,id=3"`
	CPUShare float64 `sandesh:"cpu_share,id=4"`
	MemRes   uint32  `sandesh:"mem_res,id=5"`
}

// SystemCpuInfo (struct, cpuinfo.sandesh).
type SystemCpuInfo struct {
	NumSocket        uint32 `sandesh:"num_socket,id=1"`
	NumCPU           uint32 `sandesh:"num_cpu,id=2"`
	NumCorePerSocket uint32 `sandesh:"num_core_per_socket,id=3"`
	NumThreadPerCore uint32 `sandesh:"num_thread_per_core,id=4"`
}

// SysMemInfo (struct, cpuinfo.sandesh): system memory in KiB.
type SysMemInfo struct {
	Total    uint32 `sandesh:"total,id=1"`
	Used     uint32 `sandesh:"used,id=2"`
	Free     uint32 `sandesh:"free,id=3"`
	Buffers  uint32 `sandesh:"buffers,id=4"`
	Cached   uint32 `sandesh:"cached,id=5"`
	NodeType string `sandesh:"node_type,id=6"`
}

// SysCpuInfo (struct, cpuinfo.sandesh): load averages.
type SysCpuInfo struct {
	OneMinAvg     float64 `sandesh:"one_min_avg,id=1"`
	FiveMinAvg    float64 `sandesh:"five_min_avg,id=2"`
	FifteenMinAvg float64 `sandesh:"fifteen_min_avg,id=3"`
	CPUShare      float64 `sandesh:"cpu_share,id=4"`
	NodeType      string  `sandesh:"node_type,id=5"`
}

// CpuLoadInfoReq (request, cpuinfo.sandesh): no arguments.
type CpuLoadInfoReq struct{}

// CpuLoadInfoResp (response, cpuinfo.sandesh).
type CpuLoadInfoResp struct {
	CPUInfo CpuLoadInfo `sandesh:"cpu_info,id=1"`
}

// CpuLoadInfo (struct, cpuinfo.sandesh). Declaration order differs from
// id order (sys_mem_info id 5 comes second).
type CpuLoadInfo struct {
	NumCPU     uint32      `sandesh:"num_cpu,id=1"`
	SysMemInfo *SysMemInfo `sandesh:"sys_mem_info,id=5,opt"`
	MemInfo    MemInfo     `sandesh:"meminfo,id=2"`
	CPULoad    *CpuLoadAvg `sandesh:"cpuload,id=3,opt"`
	CPUShare   float64     `sandesh:"cpu_share,id=4"`
}

// MemInfo (struct, cpuinfo.sandesh): process memory in KiB.
type MemInfo struct {
	Virt     uint32 `sandesh:"virt,id=1"`
	Peakvirt uint32 `sandesh:"peakvirt,id=2"`
	Res      uint32 `sandesh:"res,id=3"`
}

// CpuLoadAvg (struct, cpuinfo.sandesh).
type CpuLoadAvg struct {
	OneMinAvg     float64 `sandesh:"one_min_avg,id=1"`
	FiveMinAvg    float64 `sandesh:"five_min_avg,id=2"`
	FifteenMinAvg float64 `sandesh:"fifteen_min_avg,id=3"`
}

// ---- sandesh_uve.sandesh ----

// SandeshUVECacheReq (request): tname is the UVE struct type name.
type SandeshUVECacheReq struct {
	Tname string `sandesh:"tname,id=1"`
	Key   string `sandesh:"key,id=2,opt"`
}

// SandeshUVECacheResp (response): the trailer of a UVE cache answer.
// Period is nil for an unknown type (and in old releases), 0 in C++ TF,
// -1 from pysandesh.
type SandeshUVECacheResp struct {
	Returned uint32 `sandesh:"returned,id=1"`
	Period   *int32 `sandesh:"period,id=2,opt"`
}

// SandeshUVETypesReq (request): no arguments.
type SandeshUVETypesReq struct{}

// SandeshUVETypesResp (response): one entry per UVE type.
type SandeshUVETypesResp struct {
	TypeInfo []SandeshUVETypeInfo `sandesh:"type_info,id=1"`
}

// SandeshUVETypeInfo (struct).
type SandeshUVETypeInfo struct {
	TypeName string            `sandesh:"type_name,id=1,link=SandeshUVECacheReq"`
	SeqNum   uint32            `sandesh:"seq_num,id=2"`
	Period   int32             `sandesh:"period,id=3"`
	Dsconf   map[string]string `sandesh:"dsconf,id=4"`
	Timeout  int32             `sandesh:"timeout,id=5"`
}

// ---- sandesh_trace.sandesh ----

// SandeshTraceBufferListRequest (request): no arguments.
type SandeshTraceBufferListRequest struct{}

// SandeshTraceRequest (request): dump one trace buffer. Fields from the
// library's sandesh_trace.sandesh (buf_name, count).
type SandeshTraceRequest struct {
	BufName string `sandesh:"buf_name,id=1"`
	Count   int32  `sandesh:"count,id=2"`
}

// SandeshTraceBufferListResponse (response).
type SandeshTraceBufferListResponse struct {
	TraceBufferList []SandeshTraceBufInfo `sandesh:"trace_buffer_list,id=1"`
}

// SandeshTraceBufInfo (struct).
type SandeshTraceBufInfo struct {
	TraceBufName string `sandesh:"trace_buf_name,id=1,link=SandeshTraceRequest"`
}

// SandeshTraceTextResponse (response): one string per trace message,
// oldest first (spec §2.10).
type SandeshTraceTextResponse struct {
	Traces []string `sandesh:"traces,id=1"`
}

// ---- dns.sandesh: agent paging plumbing (spec §3.2, §5.2.13) ----

// PageReq (request): fetch a page by cookie.
type PageReq struct {
	Key string `sandesh:"key,id=1"`
}

// Pagination (response): last part of every agent list answer.
type Pagination struct {
	Req PageReqData `sandesh:"req,id=1"`
}

// PageReqData (struct): page cookies; empty string = no such page.
type PageReqData struct {
	PrevPage  string `sandesh:"prev_page,id=1,link=PageReq"`
	NextPage  string `sandesh:"next_page,id=2,link=PageReq"`
	FirstPage string `sandesh:"first_page,id=3,link=PageReq"`
	All       string `sandesh:"all,id=4,link=PageReq"`
	TableSize uint32 `sandesh:"table_size,id=5"`
	Entries   string `sandesh:"entries,id=6"` // "0-99/250"; " 0 / 0" when nothing matched
}

// ErrorResp (response): agent semantic errors.
type ErrorResp struct {
	Resp string `sandesh:"resp,id=1"`
}

// DefaultErrorText is ErrorResp.resp's default.
const DefaultErrorText = "   Invalid Input !!!   "
